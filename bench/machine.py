"""How busy the machine was: the same fixed piece of Python timed before and after the run.

The benchmarks compare programs in turns, but a shared machine slows unevenly; a run whose
loop times differ widely, or are far above other runs', was taken in a busy spell.
"""

from __future__ import annotations

import time

from report import Row, info, ms

SECTION = "machine"
LOOP = 3_000_000


def loop_seconds(tries: int = 3) -> float:
    """The best of `tries` timings of LOOP additions in a Python loop."""
    best = float("inf")
    for _ in range(tries):
        started = time.perf_counter()
        total = 0
        for number in range(LOOP):
            total += number
        best = min(best, time.perf_counter() - started)
    return best


def rows(before: float, after: float) -> list[Row]:
    return [
        info(SECTION, "fixed Python loop, before / after the run", f"{ms(before)} / {ms(after)}")
    ]
