"""Live reload against a file that goes wrong: each failure is a notice, the last good base stays.

The fact file is deleted, emptied, replaced by a binary, caught halfway through a write, made
unreadable, replaced by a directory or by a pipe. Every time, `r` (and --watch, where the file
changed) says what is wrong, the explorer keeps showing the last good base, and the entity that
was selected stays selected.
"""

from __future__ import annotations

import os
import pathlib
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from liaoning_tui.facts import load
from liaoning_tui.ui.app import LiaoningApp, build_app
from liaoning_tui.ui.refs import Ref
from tests.conftest import MINIMAL
from tests.pty_app import PtyApp, needs_pyte
from tests.screen import record_notices, visible_text
from tests.test_reload import EXTRA

GOOD = MINIMAL + EXTRA
SHENYANG = Ref.entity("shenyang")


def _delete(path: Path) -> str:
    path.unlink()
    return "no such file"


def _empty(path: Path) -> str:
    path.write_bytes(b"")
    return "the file is empty"


def _binary(path: Path) -> str:
    path.write_bytes(bytes(range(256)) * 64)
    return "a binary file"


def _latin1(path: Path) -> str:
    path.write_bytes(GOOD.replace("Shenyang", "Shényang").encode("latin-1"))
    return "not UTF-8 text"


def _truncated(path: Path) -> str:
    data = GOOD.encode()
    path.write_bytes(data[: data.index(b"Shenyang") + 3])
    return "invalid TOML"


def _directory(path: Path) -> str:
    path.unlink()
    path.mkdir()
    return "is a directory"


BREAKS: dict[str, Callable[[Path], str]] = {
    "deleted": _delete,
    "empty": _empty,
    "binary": _binary,
    "latin-1": _latin1,
    "truncated": _truncated,
    "directory": _directory,
}


def _restore(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    path.write_text(GOOD.replace('name = "Shenyang"', 'name = "Shenyang again"'))


async def _reload(app: LiaoningApp, pilot: object) -> None:
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    await pilot.press("r")
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


@pytest.mark.parametrize("name", list(BREAKS))
async def test_r_on_a_broken_file_keeps_the_last_good_base(
    name: str, write_facts: Callable[[str], Path]
) -> None:
    path = write_facts(GOOD)
    app = build_app(load(path), path=path)
    notices = record_notices(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.explorer.show(SHENYANG)
        await pilot.pause()
        before = visible_text(app)
        expected = BREAKS[name](path)
        await _reload(app, pilot)
        kept = [notice for notice in notices if notice.startswith("Kept the last good")]
        assert kept, notices
        assert expected in kept[-1]
        assert str(path) in kept[-1]
        assert app.explorer.current == SHENYANG
        assert visible_text(app) == before
        assert app.facts.entities["shenyang"].name == "Shenyang"

        _restore(path)
        await _reload(app, pilot)
        assert notices[-1] == f"Reloaded {path}."
        assert app.explorer.current == SHENYANG
        assert "Shenyang again" in visible_text(app)


async def test_r_on_an_unreadable_file_keeps_the_last_good_base(
    write_facts: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_facts(GOOD)
    app = build_app(load(path), path=path)
    notices = record_notices(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.explorer.show(SHENYANG)
        await pilot.pause()
        path.chmod(0)
        if os.geteuid() == 0:
            opened = pathlib.Path.open

            def refuse(self: Path, *args: object, **kwargs: object) -> object:
                if self == path:
                    raise PermissionError(13, "Permission denied", str(path))
                return opened(self, *args, **kwargs)  # type: ignore[call-overload]

            monkeypatch.setattr(pathlib.Path, "open", refuse)
        await _reload(app, pilot)
        assert "permission denied" in notices[-1]
        assert app.explorer.current == SHENYANG
        assert "Shenyang" in visible_text(app)
        path.chmod(0o644)


async def test_watch_sees_a_write_caught_halfway_then_finished(
    write_facts: Callable[[str], Path],
) -> None:
    path = write_facts(GOOD)
    app = build_app(load(path), path=path, watch=True)
    notices = record_notices(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.explorer.show(SHENYANG)
        await pilot.pause()
        new = GOOD.replace('name = "Shenyang"', 'name = "Shenyang again"').encode()
        path.write_bytes(new[: len(new) // 2])
        for _ in range(40):
            await pilot.pause(0.1)
            if any(notice.startswith("Kept") for notice in notices):
                break
        assert any("invalid TOML" in notice for notice in notices), notices
        assert app.explorer.current == SHENYANG
        path.write_bytes(new)
        for _ in range(40):
            await pilot.pause(0.1)
            if "Shenyang again" in visible_text(app):
                break
        assert "Shenyang again" in visible_text(app)
        assert app.explorer.current == SHENYANG


async def test_watch_waits_out_a_deleted_file(write_facts: Callable[[str], Path]) -> None:
    path = write_facts(GOOD)
    app = build_app(load(path), path=path, watch=True)
    notices = record_notices(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        path.unlink()
        await pilot.pause(1.5)
        assert "Cities 1" in visible_text(app)
        path.write_text(GOOD.replace('name = "Shenyang"', 'name = "Shenyang again"'))
        for _ in range(40):
            await pilot.pause(0.1)
            if f"Reloaded {path}." in notices:
                break
        assert f"Reloaded {path}." in notices


@needs_pyte
def test_a_pipe_in_place_of_the_file_neither_hangs_reload_nor_quit(tmp_path: Path) -> None:
    path = tmp_path / "facts.toml"
    path.write_text(GOOD)
    with PtyApp(["--facts", str(path)], size=(100, 30)) as app:
        assert app.wait_for_text("Liaoning")
        app.settle()
        path.unlink()
        os.mkfifo(path)
        app.press("r")
        assert app.wait_for_text("Kept the last good fact base:", 10), app.text
        assert "regular" in app.text
        assert "Liaoning" in app.text
        assert app.quit(10) == 0
