"""Run a Textual program until its first frame that shows `MARKER`, then end it at once.

    python bench/first_frame_probe.py liaoning_tui [ARGS]      a module, as `python -m`
    python bench/first_frame_probe.py bench/baseline_app.py    a script

Used under cachegrind by `instructions.py`, so that the count stops where the start-up figure
stops. The one change to the program is a wrapper around Textual's Linux driver's `write`,
here in the probe only: the program itself is run as it is.
"""

from __future__ import annotations

import os
import runpy
import sys

from textual.drivers.linux_driver import LinuxDriver

MARKER = "Overview"
INDEX_DELAY = 3600.0
"""The explorer builds its search index half a second after start-up; cachegrind runs the
program some fifty times slower, so that timer would fire before the first frame."""


def main() -> None:
    write = LinuxDriver.write

    def write_then_end(driver: LinuxDriver, data: str) -> None:
        write(driver, data)
        if MARKER in data:
            driver.flush()
            os._exit(0)

    LinuxDriver.write = write_then_end  # type: ignore[method-assign]
    target, *args = sys.argv[1:]
    sys.argv = [target, *args]
    if target.endswith(".py"):
        runpy.run_path(target, run_name="__main__")
        return
    if target == "liaoning_tui":
        from liaoning_tui.ui.screens import explorer

        explorer.INDEX_DELAY = INDEX_DELAY
    runpy.run_module(target, run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
