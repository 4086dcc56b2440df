"""The explorer's side of crash reports: when the SSH server runs it, errors go to the server.

The server passes a pipe's write end and names it in `ERROR_FD`. Textual draws on the terminal
through `sys.__stderr__` and prints a crash's traceback to `sys.stderr`, so pointing only
`sys.stderr` at the pipe keeps the screen on the terminal and the traceback (with the server's
paths and source lines) off it. Standard library only: the explorer imports this, not asyncssh.
"""

from __future__ import annotations

import contextlib
import os
import sys
import traceback
from collections.abc import Iterator

ERROR_FD = "LIAONING_TUI_ERROR_FD"


@contextlib.contextmanager
def errors_to_server() -> Iterator[None]:
    """Send `sys.stderr` and any exception to the server's pipe, if there is one."""
    named = os.environ.pop(ERROR_FD, "")
    if not named.isdigit():
        yield
        return
    try:
        stream = os.fdopen(int(named), "w", encoding="utf-8", errors="replace")
    except OSError:
        yield
        return
    kept = sys.stderr
    sys.stderr = stream
    try:
        yield
    except Exception:
        traceback.print_exc(file=stream)
        raise SystemExit(1) from None
    finally:
        sys.stderr = kept
        with contextlib.suppress(OSError):
            stream.close()
