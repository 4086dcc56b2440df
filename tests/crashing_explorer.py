"""The real explorer, except that `?` raises: how a crash inside Textual reaches a reader."""

from __future__ import annotations

import sys

from liaoning_tui.cli import main
from liaoning_tui.ui.app import LiaoningApp


def crash(self: LiaoningApp) -> None:
    raise RuntimeError("boom inside the explorer")


if __name__ == "__main__":
    LiaoningApp.action_help = crash  # type: ignore[method-assign]
    sys.exit(main(sys.argv[1:]))
