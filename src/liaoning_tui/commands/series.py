"""`liaoning-tui series [ID]`: every series in a line, or one series point by point with sources."""

from __future__ import annotations

import argparse
import difflib
import sys

from rich.console import Group, RenderableType
from rich.text import Text

from liaoning_tui.commands.common import EXIT_OK, EXIT_PROBLEM, load_or_report
from liaoning_tui.facts.display import clean, series_unit
from liaoning_tui.facts.model import Entity, FactBase, Series
from liaoning_tui.facts.periods import describe_period
from liaoning_tui.facts.series_rows import point_value, rows, source_full, step_text

SUGGESTIONS = 3


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    parent: argparse.ArgumentParser,
) -> None:
    parser = commands.add_parser(
        "series",
        parents=[parent],
        help="list the series, or print one point by point with its sources",
        description=(
            "Without ID, list every series: id, entity, metric, unit, first period, last period, "
            "points and gaps, tab-separated. With a series ID, print its points with the change "
            "on the previous point and each point's source; with an entity ID, list its series."
        ),
        epilog=(
            "examples:\n"
            "  liaoning-tui series\n"
            "  liaoning-tui series siasun-revenue\n"
            "  liaoning-tui series liaoning-gdp --csv > gdp.csv\n"
            "exit codes: 0 ok, 1 no such series or bad fact base, 2 usage"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("id", metavar="ID", nargs="?", help="a series id, or an entity id")
    form = parser.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="print JSON")
    form.add_argument("--csv", action="store_true", help="print CSV with a header row")
    parser.set_defaults(run=run)


def find(facts: FactBase, wanted: str) -> tuple[Entity, Series] | None:
    for entity, series in facts.all_series():
        if series.id == wanted:
            return entity, series
    return None


def not_found(facts: FactBase, wanted: str) -> str:
    """`no series 'siasun-revenu'; did you mean: siasun-revenue?`"""
    ids = [series.id for _, series in facts.all_series()]
    close = difflib.get_close_matches(wanted, ids, n=SUGGESTIONS, cutoff=0.6)
    if close:
        return f"no series {wanted!r}; did you mean: {', '.join(close)}?"
    return f"no series {wanted!r}; liaoning-tui series lists every id"


def _listing(args: argparse.Namespace, facts: FactBase, entity_id: str | None) -> int:
    from liaoning_tui.facts.export import dumps
    from liaoning_tui.facts.series_export import list_csv, summaries

    if args.json:
        sys.stdout.write(dumps(summaries(facts, entity_id)))
    elif args.csv:
        sys.stdout.write(list_csv(summaries(facts, entity_id)))
    else:
        for entity, series in facts.all_series():
            if entity_id is None or entity.id == entity_id:
                sys.stdout.write(line(entity, series))
    return EXIT_OK


def line(entity: Entity, series: Series) -> str:
    """`siasun-revenue  siasun  Revenue  m yuan  2009  2024  16 points, 0 gaps`, tab-separated."""
    known = len(series.known)
    periods = [point.period for point in series.points] or [""]
    fields = [
        series.id,
        entity.id,
        clean(series.metric),
        series_unit(series) or series.unit,
        periods[0],
        periods[-1],
        f"{known} points, {len(series.points) - known} gaps",
    ]
    return "\t".join(fields) + "\n"


def detail(facts: FactBase, entity: Entity, series: Series) -> RenderableType:
    """A series as a table of points and the list of the sources they cite."""
    from liaoning_tui.commands.render import titled_table
    from liaoning_tui.rich_text import plain, series_notes

    unit = series_unit(series)
    title = f"{clean(entity.name)} · {clean(series.metric)}" + (f" ({unit})" if unit else "")
    table = titled_table(title, "Period", "Value", "Change on previous", "Source")
    for row in rows(series):
        point = row.point
        table.add_row(
            plain(describe_period(point.period)),
            Text("gap", style="dim") if point.value is None else plain(point_value(series, point)),
            Text(step_text(series, row.step)),
            plain(point.source),
        )
    sources = Text()
    for key in dict.fromkeys(point.source for point in series.points if point.source):
        sources.append(f"\n{key}: ", style="bold")
        sources.append_text(plain(source_full(facts, key)))
    return Group(table, series_notes(series), Text("\nSources", style="bold"), sources)


def run(args: argparse.Namespace) -> int:
    from liaoning_tui.commands import render
    from liaoning_tui.facts.series_export import series_csv, series_json

    facts = load_or_report(args)
    if facts is None:
        return EXIT_PROBLEM
    if args.id is None or args.id in facts.entities:
        return _listing(args, facts, args.id)
    found = find(facts, args.id)
    if found is None:
        print(f"liaoning-tui series: {not_found(facts, args.id)}", file=sys.stderr)
        return EXIT_PROBLEM
    entity, series = found
    if args.json:
        sys.stdout.write(series_json(facts, entity, series))
    elif args.csv:
        sys.stdout.write(series_csv(series))
    else:
        render.emit(render.console(), detail(facts, entity, series))
    return EXIT_OK
