"""Which input counts as the reader being there: keys, not what the terminal sends by itself.

Mouse motion, focus changes and the terminal's answers to queries arrive without anyone pressing
anything (a pointer resting over the window sends motion), so they do not hold a session open.
"""

from __future__ import annotations

import re

NOT_PRESSED = re.compile(
    rb"(?:"
    rb"\x1b\[<[0-9;]*[Mm]"  # SGR mouse report
    rb"|\x1b\[M[\s\S]{3}"  # X10 mouse report
    rb"|\x1b\[[IO]"  # focus in, focus out
    rb"|\x1b\[48;[0-9;:]*t"  # in-band window size
    rb"|\x1b\[\?[0-9;]*\$y"  # mode report
    rb"|\x1b\[[0-9;]*R"  # cursor position report
    rb")+"
)


def pressed(data: bytes) -> bool:
    """Whether `data` holds anything a person typed."""
    return NOT_PRESSED.fullmatch(data) is None
