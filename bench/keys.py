"""Keystroke cost: bytes written and time to a settled screen, per tree move and per search key."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from programs import MARKER, baseline, explorer
from report import Row, at_most, info, median, mib, ms
from terminal import DOWN, ESCAPE, UP, Settled, Terminal

SECTION = "keystrokes"
TARGET_BYTES_RATIO = 3.0
STRIDE = 10
"""Moves go this far down and back up, so every one of them moves the cursor in both trees."""

QUERIES = (
    "dalian",
    "siasun",
    "robot",
    "gdp",
    "沈阳",
    "port",
    "shenyang",
    "bmw",
    "output",
    "cgip",
    "semicon",
    "anshan",
    "aerospace",
    "revenue",
    "park",
    "zone",
    "liaoning",
    "export",
    "steel",
    "yingkou",
)


def moves(count: int) -> list[str]:
    """`count` cursor moves: STRIDE down, STRIDE up, and again."""
    return [DOWN if (index // STRIDE) % 2 == 0 else UP for index in range(count)]


@dataclass
class Session:
    """What one program did with the keys it was sent."""

    moves: list[Settled] = field(default_factory=list)
    opens: list[Settled] = field(default_factory=list)
    typed: list[Settled] = field(default_factory=list)
    peak_kib: int = 0


def _bytes_per_key(settled: Sequence[Settled]) -> float:
    return sum(item.bytes for item in settled) / max(1, len(settled))


def _seconds(settled: Sequence[Settled]) -> float:
    return median([item.seconds for item in settled])


def drive(
    argv: Sequence[str],
    env: Mapping[str, str],
    move_count: int,
    queries: Sequence[str],
    quiet: float,
) -> Session:
    """Start `argv`, make the moves, then run the searches; quit and keep its peak memory.

    One move down first, untimed: the bare tree starts with no cursor line at all.
    """
    session = Session()
    with Terminal(argv, env=env) as terminal:
        shown = terminal.wait_for(lambda screen: MARKER in screen, 300)
        terminal.settle(quiet, shown)
        terminal.press(DOWN, quiet)
        session.moves = [terminal.press(key, quiet) for key in moves(move_count)]
        for query in queries:
            session.opens.append(terminal.press("/", quiet))
            session.typed.extend(terminal.press(char, quiet) for char in query)
            terminal.press(ESCAPE, quiet)
        session.peak_kib = terminal.quit()
    return session


@dataclass(frozen=True, slots=True)
class KeyCost:
    explorer: Session
    baseline: Session
    """The baseline whose Static shows a page of text for each node: the target's reference."""
    one_line: Session
    """The baseline whose Static shows the node's name only."""


def measure(
    env: Mapping[str, str],
    move_count: int,
    search_count: int,
    quiet: float,
    facts: Path | None = None,
) -> KeyCost:
    queries = [QUERIES[index % len(QUERIES)] for index in range(search_count)]
    return KeyCost(
        explorer=drive(explorer(facts), env, move_count, queries, quiet),
        baseline=drive(baseline(), env, move_count, (), quiet),
        one_line=drive(baseline("line"), env, move_count, (), quiet),
    )


def rows(result: KeyCost) -> list[Row]:
    ours, floor = result.explorer, result.baseline
    count = len(ours.moves)
    ratio = _bytes_per_key(ours.moves) / max(1.0, _bytes_per_key(floor.moves))
    found = [
        info(SECTION, "baseline, one-line detail: bytes per move", _count(result.one_line.moves)),
        info(SECTION, f"baseline: bytes per tree move ({count})", _count(floor.moves)),
        info(SECTION, f"default base: bytes per tree move ({count})", _count(ours.moves)),
        at_most(SECTION, "bytes per tree move / baseline", ratio, TARGET_BYTES_RATIO, "x"),
        info(SECTION, "baseline: tree move to settled screen", ms(_seconds(floor.moves))),
        info(SECTION, "default base: tree move to settled screen", ms(_seconds(ours.moves))),
    ]
    if ours.typed:
        found += [
            info(
                SECTION,
                f"default base: search opened ({len(ours.opens)})",
                ms(_seconds(ours.opens)),
            ),
            info(
                SECTION,
                f"default base: bytes per search key ({len(ours.typed)})",
                _count(ours.typed),
            ),
            info(SECTION, "default base: search key to settled screen", ms(_seconds(ours.typed))),
        ]
    found += [
        info(SECTION, "baseline: peak memory", f"{mib(floor.peak_kib):.0f} MiB"),
        info(SECTION, "default base: peak memory", f"{mib(ours.peak_kib):.0f} MiB"),
    ]
    return found


def _count(settled: Sequence[Settled]) -> str:
    return f"{_bytes_per_key(settled):,.0f}"
