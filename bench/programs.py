"""The programs the benchmarks run, and the environment they run in."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
MARKER = "Overview"
"""The first group of both trees: once the screen shows it, the tree is drawn."""


def explorer(facts: Path | None = None) -> list[str]:
    """liaoning-tui on `facts`, or on its built-in base."""
    chosen = ["--facts", str(facts)] if facts is not None else []
    return [sys.executable, "-m", "liaoning_tui", *chosen]


def baseline(detail: str = "page") -> list[str]:
    """The bare Textual app with a Tree and a Static showing a page of text or one line."""
    return [sys.executable, str(BENCH / "baseline_app.py"), f"--detail={detail}"]


def compile_package() -> None:
    """Write liaoning-tui's bytecode, as `pip install` does for a wheel.

    A source checkout installed in editable mode under PYTHONDONTWRITEBYTECODE would otherwise
    compile every module at every start, a cost no installed copy pays and Textual (installed
    from a wheel) never does.
    """
    import compileall
    import importlib.util

    spec = importlib.util.find_spec("liaoning_tui")
    if spec is not None and spec.submodule_search_locations:
        for folder in spec.submodule_search_locations:
            compileall.compile_dir(folder, quiet=1)


def environment(cache: Path) -> dict[str, str]:
    """A plain 256-colour terminal, with the parse cache kept in `cache`."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("TEXTUAL") and key not in {"NO_COLOR", "COLORTERM", "COLUMNS"}
    }
    env.pop("LINES", None)
    env.update(TERM="xterm-256color", LANG="C.UTF-8", XDG_CACHE_HOME=str(cache))
    return env


@dataclass(frozen=True, slots=True)
class Finished:
    """A command that ran to its end."""

    seconds: float
    peak_kib: int
    returncode: int
    output: str


def run(argv: Sequence[str], env: Mapping[str, str], timeout: float = 600.0) -> Finished:
    """Run a command without a terminal; its wall time and peak resident memory."""
    with tempfile.TemporaryFile() as output:
        started = time.perf_counter()
        process = subprocess.Popen(
            list(argv), stdout=output, stderr=subprocess.STDOUT, env=dict(env)
        )
        deadline = started + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                process.kill()
                pid, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.005)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        output.seek(0)
        text = output.read().decode(errors="replace")
    return Finished(seconds, usage.ru_maxrss, process.returncode, text)
