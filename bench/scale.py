"""Scale: check, start-up, opening the Companies group, search and memory on synthetic bases."""

from __future__ import annotations

import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import make_facts
from liaoning_tui.facts.cache import load_cached
from liaoning_tui.facts.search import SearchIndex
from programs import MARKER, Finished, explorer, run
from report import Row, at_most, info, median, mib, ms, under
from startup import first_frame
from terminal import DOWN, ESCAPE, BenchError, Settled, Terminal

SECTION = "scale"
TARGET_STARTUP_RATIO = 1.5
TARGET_SEARCH_MS = 30.0
TARGET_EXPAND_MS = 150.0
TARGET_PEAK_MIB = 250.0
QUERIES = (
    "shenyang",
    "xinhua robotics",
    "dalian semiconductor",
    "revenue",
    "employees",
    "沈阳",
    "新华",
    "aerospace",
    "precision machinery",
    "co-000123",
    "high-tech park 12",
    "anshan kang",
    "machinery",
    "huludao",
    "new plant",
    "biopharma",
    "smart logistics",
    "liaoning",
    "tianjin",
    "robotcs",
)
"""Names, words, Chinese, ids, a miss and a typo, as a reader would type them."""
MOVES = 5
"""Moves down the open Companies group: each shows another company in the detail pane."""
LONG_QUIET = 1.0
"""The quiet that ends an answer here: at scale the detail pane may start drawing only after
the tree has, and the usual window would end the answer between the two."""
OPEN_COMPANIES = ("h", "h", DOWN, DOWN, DOWN)
"""From the province: up to Overview, fold it, then down past Sectors and Parks & zones."""


@dataclass
class Scale:
    """Everything measured on one synthetic base."""

    companies: int
    megabytes: float = 0.0
    check: Finished | None = None
    check_again: Finished | None = None
    startup: list[float] = field(default_factory=list)
    reference: list[float] = field(default_factory=list)
    expands: list[Settled] = field(default_factory=list)
    """Opening the Companies group, once in each of `runs` sessions."""
    moves: list[Settled] = field(default_factory=list)
    index: float = 0.0
    search: list[float] = field(default_factory=list)
    typed: list[float] = field(default_factory=list)
    peak_kib: int = 0

    @property
    def refused(self) -> bool:
        return self.check is not None and self.check.returncode != 0


def measure(
    companies: int,
    startups: int,
    opens: int,
    env: Mapping[str, str],
    workdir: Path,
    quiet: float,
) -> Scale:
    """Write a base of `companies` companies and measure it, with its own empty parse cache."""
    result = Scale(companies)
    path = make_facts.write(workdir / f"facts-{companies}.toml", companies)
    result.megabytes = path.stat().st_size / 1e6
    cache = workdir / f"cache-{companies}"
    env = {**env, "XDG_CACHE_HOME": str(cache)}
    check = [sys.executable, "-m", "liaoning_tui", "check", str(path)]
    result.check = run(check, env)
    if result.refused:
        return result
    result.check_again = run(check, env)
    first_frame(explorer(), env)
    for index in range(startups):
        turns = [(result.reference, explorer()), (result.startup, explorer(path))]
        if index % 2:
            turns.reverse()
        for samples, argv in turns:
            samples.append(first_frame(argv, env))
    opened, result.moves, result.peak_kib = _open_companies(path, env, quiet)
    result.expands = [opened] + [_open_only(path, env, quiet) for _ in range(opens - 1)]
    _search(result, path, cache / "liaoning-tui" / "facts")
    return result


def _open(terminal: Terminal, quiet: float) -> Settled:
    """From start-up, go to the closed Companies group and open it."""
    shown = terminal.wait_for(lambda screen: MARKER in screen, 300)
    terminal.settle(quiet, shown)
    for key in OPEN_COMPANIES:
        terminal.press(key, quiet)
    if "▶ Companies" not in terminal.text:
        raise BenchError(f"the cursor did not reach a closed Companies group:\n{terminal.text}")
    terminal.settle(LONG_QUIET, time.perf_counter())
    return terminal.press("l", quiet, timeout=900, until=lambda text: "▼ Companies" in text)


def _open_only(path: Path, env: Mapping[str, str], quiet: float) -> Settled:
    with Terminal(explorer(path), env=env) as terminal:
        opened = _open(terminal, quiet)
        terminal.quit()
        return opened


def _open_companies(
    path: Path, env: Mapping[str, str], quiet: float
) -> tuple[Settled, list[Settled], int]:
    """Open the Companies group, move in it, search once; and the peak memory of it all."""
    with Terminal(explorer(path), env=env) as terminal:
        opened = _open(terminal, quiet)
        moves = [terminal.press(DOWN, LONG_QUIET, timeout=300) for _ in range(MOVES)]
        terminal.press("/", quiet, timeout=300)
        for char in "shenyang":
            terminal.press(char, quiet)
        terminal.press(ESCAPE, quiet)
        return opened, moves, terminal.quit()


def _search(result: Scale, path: Path, cache: Path) -> None:
    """Search in this process, as the explorer does: the index built once, then queried."""
    facts = load_cached(path, cache)
    started = time.perf_counter()
    index = SearchIndex(facts)
    result.index = time.perf_counter() - started
    for query in QUERIES:
        result.search.append(_best_of(index, query, 3))
        result.typed.extend(_best_of(index, query[:end], 1) for end in range(1, len(query) + 1))


def _best_of(index: SearchIndex, query: str, tries: int) -> float:
    best = float("inf")
    for _ in range(tries):
        started = time.perf_counter()
        index.search(query, limit=50)
        best = min(best, time.perf_counter() - started)
    return best


def rows(result: Scale, targeted: bool) -> list[Row]:
    """The figures of one base; `targeted` holds them to the targets set for 10,000 companies."""
    section = f"{SECTION} {result.companies:,}"
    check = result.check
    assert check is not None
    found = [info(section, "fact file", f"{result.megabytes:.1f} MB")]
    if result.refused:
        reason = check.output.strip().splitlines()[-1] if check.output.strip() else "no output"
        return [*found, Row(section, "check (refused)", reason[:60], "passes check", False)]
    assert result.check_again is not None
    opened = Settled(
        0,
        median([item.seconds for item in result.expands]),
        median([item.answered for item in result.expands]),
    )
    runs = len(result.expands)
    startup = median(result.startup)
    reference = median(result.reference)
    found += [
        info(
            section, "check, empty cache", f"{check.seconds:.2f} s, {mib(check.peak_kib):.0f} MiB"
        ),
        info(section, "check, cached", f"{result.check_again.seconds:.2f} s"),
        info(section, f"start-up, median of {len(result.startup)}", ms(startup)),
        info(
            section,
            f"open Companies group: first frame showing it, median of {runs}",
            ms(opened.answered),
        ),
        info(
            section,
            f"move in Companies, median of {len(result.moves)}",
            ms(median([move.seconds for move in result.moves])),
        ),
        info(section, "search index built", ms(result.index)),
        info(section, "search as typed, median of prefixes", ms(median(result.typed))),
        info(section, "search as typed, slowest prefix", ms(max(result.typed))),
    ]
    ratio = startup / reference
    expand = opened.seconds * 1000
    search = median(result.search) * 1000
    peak = mib(result.peak_kib)
    if targeted:
        found += [
            at_most(section, "start-up / default base", ratio, TARGET_STARTUP_RATIO, "x"),
            under(
                section,
                f"open Companies group: settled, median of {runs}",
                expand,
                TARGET_EXPAND_MS,
                "ms",
            ),
            under(
                section,
                f"search, median of {len(result.search)} queries",
                search,
                TARGET_SEARCH_MS,
                "ms",
            ),
            under(section, "peak memory (explorer)", peak, TARGET_PEAK_MIB, "MiB"),
        ]
    else:
        found += [
            info(section, "start-up / default base", f"{ratio:.2f}x"),
            info(section, f"open Companies group: settled, median of {runs}", f"{expand:.0f} ms"),
            info(section, f"search, median of {len(result.search)} queries", f"{search:.1f} ms"),
            info(section, "peak memory (explorer)", f"{peak:.0f} MiB"),
        ]
    return found
