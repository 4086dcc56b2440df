"""Start-up: from process start to the first frame that shows the tree, against the baseline."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from programs import MARKER, baseline, explorer
from report import Row, at_most, info, median, ms
from terminal import Terminal

SECTION = "start-up"
TARGET_RATIO = 1.2


def first_frame(argv: Sequence[str], env: Mapping[str, str], timeout: float = 300.0) -> float:
    """Seconds from starting `argv` to the screen first showing the tree."""
    with Terminal(argv, env=env) as terminal:
        shown = terminal.wait_for(lambda screen: MARKER in screen, timeout)
        terminal.quit()
    return shown - terminal.started


@dataclass
class StartUp:
    """Start-up times of the explorer and the baseline, run in turns."""

    explorer: list[float] = field(default_factory=list)
    baseline: list[float] = field(default_factory=list)
    cold: float = 0.0
    """The explorer's first run, with an empty parse cache."""

    @property
    def ratio(self) -> float:
        return median(self.explorer) / median(self.baseline)


def measure(runs: int, env: Mapping[str, str], facts: Path | None = None) -> StartUp:
    """`runs` start-ups of each, interleaved and alternating which goes first."""
    result = StartUp()
    result.cold = first_frame(explorer(facts), env)
    first_frame(baseline(), env)
    for index in range(runs):
        turns = [(result.explorer, explorer(facts)), (result.baseline, baseline())]
        if index % 2:
            turns.reverse()
        for samples, argv in turns:
            samples.append(first_frame(argv, env))
    return result


def rows(result: StartUp) -> list[Row]:
    runs = len(result.explorer)
    return [
        info(SECTION, f"baseline app, median of {runs}", ms(median(result.baseline))),
        info(SECTION, f"default base, median of {runs}", ms(median(result.explorer))),
        info(SECTION, "default base, first run (empty cache)", ms(result.cold)),
        at_most(SECTION, "default base / baseline", result.ratio, TARGET_RATIO, "x"),
    ]
