"""Run every benchmark and print one table of figures against the targets.

    python bench/run.py            the full run: 10 start-ups each, 100 moves, 20 searches,
                                   synthetic bases of 1,000, 10,000 and 100,000 companies
    python bench/run.py --quick    a smoke run for CI: 2 start-ups, a few keys, two series
                                   views, 200 companies

A missed target is reported, not an error; a benchmark that crashes makes the exit status 1.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import traceback
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import hostile
import keys
import machine
import map_frame
import scale
import series
import serving
import startup
from programs import compile_package, environment
from report import Row, markdown, table

TARGET_SCALE = 10_000


@dataclass(frozen=True, slots=True)
class Settings:
    runs: int
    moves: int
    searches: int
    quiet: float
    """Seconds without output that count as a settled screen."""
    sizes: tuple[int, ...]
    scale_runs: int
    """Sessions that open the Companies group of each synthetic base."""
    pasters: int = 8
    other_keys: int = 20
    """SSH readers pasting, and keys another reader sends meanwhile."""
    series_opens: int = 10
    series_moves: int = 16
    """Series views opened, and point moves in each."""
    crowd: int = 100
    cycles: int = 1000
    """SSH sessions open at once, and connect/disconnect cycles, for the serving figures."""


FULL = Settings(
    runs=10, moves=100, searches=20, quiet=0.15, sizes=(1_000, 10_000, 100_000), scale_runs=5
)
QUICK = Settings(
    runs=2,
    moves=10,
    searches=2,
    quiet=0.1,
    sizes=(200,),
    scale_runs=1,
    pasters=2,
    other_keys=5,
    series_opens=2,
    series_moves=4,
    crowd=4,
    cycles=20,
)


def _benchmarks(settings: Settings, workdir: Path) -> dict[str, Callable[[], list[Row]]]:
    env = environment(workdir / "cache")
    targeted = max(settings.sizes) if TARGET_SCALE not in settings.sizes else TARGET_SCALE

    def run_startup() -> list[Row]:
        return _shown(startup.rows(startup.measure(settings.runs, env)))

    def run_keys() -> list[Row]:
        return _shown(
            keys.rows(keys.measure(env, settings.moves, settings.searches, settings.quiet))
        )

    def run_scale() -> list[Row]:
        found: list[Row] = []
        for companies in settings.sizes:
            result = scale.measure(
                companies, settings.runs, settings.scale_runs, env, workdir, settings.quiet
            )
            found += _shown(scale.rows(result, targeted=companies == targeted))
        return found

    def run_series() -> list[Row]:
        return _shown(
            series.rows(
                series.measure(env, settings.series_opens, settings.series_moves, settings.quiet)
            )
        )

    def run_hostile() -> list[Row]:
        floods = hostile.measure_floods(env, settings.quiet)
        latencies = hostile.measure_other_reader(settings.pasters, settings.other_keys)
        return _shown(hostile.rows(floods, latencies))

    def run_map() -> list[Row]:
        return _shown(map_frame.rows(map_frame.measure(settings.runs, env, settings.quiet)))

    def run_serving() -> list[Row]:
        from liaoning_tui.facts import default_path

        facts = Path(default_path())
        return _shown(
            serving.measure(
                facts, settings.runs, settings.crowd, settings.other_keys, settings.cycles
            )
        )

    return {
        "startup": run_startup,
        "keys": run_keys,
        "series": run_series,
        "scale": run_scale,
        "hostile": run_hostile,
        "map": run_map,
        "serving": run_serving,
    }


def _shown(rows: list[Row]) -> list[Row]:
    print(table(rows), "\n", flush=True)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="liaoning-tui benchmarks")
    parser.add_argument("--quick", action="store_true", help="a smoke run for CI")
    parser.add_argument(
        "--only",
        choices=("startup", "keys", "series", "scale", "hostile", "map", "serving"),
        action="append",
    )
    parser.add_argument("--sizes", type=int, nargs="+", help="companies in the scale bases")
    parser.add_argument("--json", type=Path, help="also write the rows as JSON here")
    parser.add_argument("--markdown", type=Path, help="also write the table as Markdown here")
    args = parser.parse_args(argv)
    settings = QUICK if args.quick else FULL
    if args.sizes:
        settings = Settings(**{**asdict(settings), "sizes": tuple(args.sizes)})
    rows: list[Row] = []
    crashed: list[str] = []
    compile_package()
    before = machine.loop_seconds()
    with tempfile.TemporaryDirectory(prefix="liaoning-bench-") as scratch:
        for name, benchmark in _benchmarks(settings, Path(scratch)).items():
            if args.only and name not in args.only:
                continue
            print(f"== {name}", flush=True)
            try:
                found = benchmark()
            except Exception:
                traceback.print_exc()
                crashed.append(name)
                continue
            rows += found
    rows = machine.rows(before, machine.loop_seconds()) + rows
    print(table(rows))
    if args.json:
        args.json.write_text(
            json.dumps([asdict(row) for row in rows], ensure_ascii=False, indent=1)
        )
    if args.markdown:
        args.markdown.write_text(markdown(rows) + "\n", encoding="utf-8")
    if crashed:
        print(f"crashed: {', '.join(crashed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
