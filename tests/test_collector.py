"""Start-up holds the cyclic collector off and always lets it go again."""

from __future__ import annotations

import gc
import weakref
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


class Cycle:
    """An object that only the cyclic collector can free."""

    def __init__(self) -> None:
        self.me = self


def test_lasting_collects_the_garbage_there_is_and_freezes_what_it_builds() -> None:
    garbage = weakref.ref(Cycle())
    frozen_before = gc.get_freeze_count()
    with collector.lasting():
        assert not gc.isenabled()
        built = [Cycle() for _ in range(100)]
    assert gc.isenabled()
    assert garbage() is None
    assert gc.get_freeze_count() >= frozen_before + len(built)


def test_thaw_makes_what_lasted_collectable_again() -> None:
    with collector.lasting():
        kept = weakref.ref(Cycle())
    gc.collect()
    assert kept() is not None
    collector.thaw()
    gc.collect()
    assert kept() is None
    assert gc.get_freeze_count() == 0


def test_lasting_during_start_up_leaves_collection_held() -> None:
    collector.hold_for_start_up()
    with collector.lasting():
        pass
    assert not gc.isenabled()
    collector.start_up_over()
    assert gc.isenabled()
