"""The map's first frame: from pressing `m` in a freshly started explorer to the map on screen."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from programs import MARKER, explorer
from report import Row, info, median, ms, under
from terminal import Terminal

SECTION = "map"
TARGET_MS = 200.0
COLUMNS, LINES = 80, 24
SHOWN = "Boundaries:"
"""The map screen's last line above the footer: once it is on screen, so is the map."""


@dataclass
class MapFrames:
    seconds: list[float] = field(default_factory=list)
    """From the key to the output that completed the map's first frame, one per start."""


def first_map_frame(env: Mapping[str, str], quiet: float) -> float:
    with Terminal(explorer(), env=env, columns=COLUMNS, lines=LINES) as terminal:
        terminal.wait_for(lambda screen: MARKER in screen, 300.0)
        terminal.settle(quiet, 0.0)
        settled = terminal.press("m", quiet, until=lambda screen: SHOWN in screen)
        terminal.quit("\x1bq")
    return settled.answered


def measure(runs: int, env: Mapping[str, str], quiet: float) -> MapFrames:
    """`runs` starts of the explorer, each opening the map once (its modules load then)."""
    return MapFrames([first_map_frame(env, quiet) for _ in range(runs)])


def rows(result: MapFrames) -> list[Row]:
    runs = len(result.seconds)
    middle = median(result.seconds) * 1000
    return [
        info(SECTION, f"slowest of {runs}", ms(max(result.seconds))),
        under(
            SECTION, f"first frame at {COLUMNS}x{LINES}, median of {runs}", middle, TARGET_MS, "ms"
        ),
    ]
