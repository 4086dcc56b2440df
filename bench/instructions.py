"""Instructions from process start to the first frame, the explorer against the bare app.

    python bench/instructions.py

Start-up time on a shared machine swings by a fifth from one run to the next, more than the
changes worth finding. Cachegrind counts the instructions instead (`--cache-sim=no`): the same
program gives the same count to within about 1 %, so one run of each says whether a change made
start-up cheaper. It needs valgrind (`apt-get install valgrind`) and takes about 20 s.
Instructions are not time (an import's file reads, a page fault and waiting for the terminal do
not count), so this finds and compares; the start-up section of `run.py` is the figure.
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

from programs import BENCH, MARKER, environment
from terminal import Terminal

PROBE = str(BENCH / "first_frame_probe.py")
VALGRIND = ("valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null")
TIMEOUT = 300.0


def count(argv: list[str], warm_up: list[str]) -> int:
    """Instructions `argv` runs under the probe, after one plain run of `warm_up` (which fills
    the parse cache, as every start-up but the first finds it)."""
    with tempfile.TemporaryDirectory() as scratch:
        env = environment(Path(scratch) / "cache")
        env["PYTHONHASHSEED"] = "0"
        log = Path(scratch) / "cachegrind.log"
        with Terminal(warm_up, env=env) as terminal:
            terminal.wait_for(lambda screen: MARKER in screen, TIMEOUT)
            terminal.quit()
        with Terminal([*VALGRIND, f"--log-file={log}", *argv], env=env) as terminal:
            terminal.settle(TIMEOUT, time.perf_counter(), 2 * TIMEOUT)
        found = re.search(r"I\s+refs:\s+([\d,]+)", log.read_text())
        if found is None:
            raise SystemExit(f"cachegrind gave no count; its log:\n{log.read_text()}")
        return int(found.group(1).replace(",", ""))


def main() -> int:
    if shutil.which("valgrind") is None:
        print("valgrind is not installed: apt-get install valgrind", file=sys.stderr)
        return 1
    python = sys.executable
    baseline = count(
        [python, PROBE, str(BENCH / "baseline_app.py")],
        [python, str(BENCH / "baseline_app.py")],
    )
    explorer = count([python, PROBE, "liaoning_tui"], [python, "-m", "liaoning_tui"])
    print(f"bare app        {baseline / 1e6:8.1f} M instructions to the first frame")
    print(f"default base    {explorer / 1e6:8.1f} M instructions to the first frame")
    print(f"ratio           {explorer / baseline:8.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
