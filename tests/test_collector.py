"""Start-up holds the cyclic collector off and always lets it go again."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from liaoning_tui import collector
from liaoning_tui.cli import main
from liaoning_tui.commands import check
from liaoning_tui.facts import FactBase
from liaoning_tui.ui.app import build_app


@pytest.fixture(autouse=True)
def collecting() -> Iterator[None]:
    """Each test starts collecting, and what a test froze is thawed after it."""
    gc.enable()
    yield
    collector.start_up_over()
    gc.unfreeze()
    gc.enable()


def test_held_until_start_up_is_over() -> None:
    collector.hold_for_start_up()
    assert not gc.isenabled()
    collector.start_up_over()
    assert gc.isenabled()


def test_a_collector_already_off_is_left_off() -> None:
    gc.disable()
    collector.hold_for_start_up()
    collector.start_up_over()
    assert not gc.isenabled()


def test_paused_restores_what_it_found() -> None:
    with collector.paused():
        assert not gc.isenabled()
        with collector.paused():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_batch_command_collects_while_it_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []

    def run(_: object) -> int:
        seen.append(gc.isenabled())
        return 0

    monkeypatch.setattr(check, "run", run)
    assert main(["check"]) == 0
    assert seen == [True]


def test_a_failing_command_lets_the_collector_go(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["check", "--facts", str(tmp_path / "missing.toml")]) == 1
    assert gc.isenabled()
    assert "missing.toml: no such file" in capsys.readouterr().err


def test_usage_errors_let_the_collector_go(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--no-such-option"]) == 2
    assert gc.isenabled()


async def test_the_explorer_collects_again_after_its_first_frame(
    default_facts: FactBase,
) -> None:
    collector.hold_for_start_up()
    app = build_app(default_facts)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert gc.isenabled()
        assert "Overview" in str(app.screen.query_one("#tree").render_line(0))
