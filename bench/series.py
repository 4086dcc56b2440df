"""The series view: key `c` to its first frame, and j to a settled screen, in the 80x24 pty."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from programs import MARKER, explorer
from report import Row, info, median, ms, under
from terminal import ESCAPE, Settled, Terminal

SECTION = "series view"
TARGET_OPEN_MS = 150.0
TARGET_MOVE_MS = 50.0
_TABLE = re.compile(r"Period\s+Value\s+Change\s+Source")


def shows_chart(screen: str) -> bool:
    """The series view of Liaoning's GDP is up: its point table and its chart's period axis."""
    return bool(_TABLE.search(screen)) and "2008" in screen and "2024" in screen


@dataclass
class Session:
    opens: list[Settled] = field(default_factory=list)
    moves: list[Settled] = field(default_factory=list)


def measure(env: Mapping[str, str], opens: int, moves: int, quiet: float) -> Session:
    """Open the view of the first series `opens` times, moving `moves` points each time.

    The explorer starts on Liaoning, whose first series is its GDP; the first open also pays
    for importing the plotting library, so it is reported on its own as well.
    """
    session = Session()
    with Terminal(explorer(), env=env) as terminal:
        shown = terminal.wait_for(lambda screen: MARKER in screen, 300)
        terminal.settle(quiet, shown)
        for _ in range(opens):
            session.opens.append(terminal.press("c", quiet, until=shows_chart))
            for step in range(moves):
                key = "j" if (step // 8) % 2 == 0 else "k"
                session.moves.append(terminal.press(key, quiet))
            terminal.press(ESCAPE, quiet)
        terminal.quit()
    return session


def rows(result: Session) -> list[Row]:
    answered = [item.answered for item in result.opens]
    moved = [item.seconds for item in result.moves]
    return [
        info(SECTION, "first open (imports the chart library)", ms(answered[0])),
        under(
            SECTION,
            f"c to first frame, median of {len(answered)}",
            median(answered) * 1000,
            TARGET_OPEN_MS,
            "ms",
        ),
        under(
            SECTION,
            f"point move (j/k) to settled screen, median of {len(moved)}",
            median(moved) * 1000,
            TARGET_MOVE_MS,
            "ms",
        ),
        info(
            SECTION,
            "bytes per point move",
            f"{sum(item.bytes for item in result.moves) / max(1, len(moved)):,.0f}",
        ),
    ]
