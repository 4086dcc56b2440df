"""The series logic of the model: steps, scales, what may share a chart, growth groups, ticks."""

from __future__ import annotations

from itertools import pairwise

import pytest

from liaoning_tui.facts import FactBase
from liaoning_tui.facts.compare import chart, comparable, find_series, refusal
from liaoning_tui.facts.growth import changes, period_kind, ranked
from liaoning_tui.facts.model import Entity, Point, Series
from liaoning_tui.facts.scales import common_scale, in_scale, table_scales, table_value, to_base
from liaoning_tui.facts.series_rows import step_text, steps
from liaoning_tui.ui.widgets.series_chart import segments, tick_indexes, value_ticks

ENTITY = Entity("e", "company", "E")


def series(unit: str, *values: float | None, scale: str = "") -> Series:
    points = tuple(Point(str(2000 + index), value) for index, value in enumerate(values))
    return Series("s", "Metric", unit, points, "high", scale=scale)


def test_steps_are_percent_for_levels_points_for_rates_and_never_cross_a_gap() -> None:
    level = series("yuan", 100.0, 110.0, None, 121.0, 0.0, 5.0)
    assert steps(level) == [None, 10.0, None, None, -100.0, None]
    rate = series("percent", 5.8, 3.0, -2.5)
    assert steps(rate) == [None, -2.8, -5.5]
    assert step_text(rate, -2.8) == "▼ 2.8 pp"
    assert step_text(level, 10.0) == "▲ 10%"
    assert step_text(level, None) == ""


def test_base_units_and_one_scale_for_reading() -> None:
    assert to_base(1.65, "亿") == 165_000_000
    assert common_scale("tonnes", [1.65e8, 3.55e8]) == "million"
    assert common_scale("yuan", [5.08e10, 4.815e11]) == "billion"
    assert common_scale("percent", [5.0, 1e9]) == ""
    assert common_scale("count", [84.0]) == ""
    assert in_scale(0.355e9, "million") == 355.0


def test_port_tonnes_read_in_one_scale_with_the_published_form_kept(
    default_facts: FactBase,
) -> None:
    figures = default_facts.entity("port-dalian").figures
    scales = table_scales(figures)
    assert scales == {"tonnes": "million"}
    assert [table_value(figure, scales) for figure in figures] == [
        "165 m t",
        "381 万 TEU",
        "333.4 m t",
        "355 m t",
    ]


def test_refusal_names_both_units() -> None:
    teu = series("teu", 1.0, scale="million")
    growth = series("percent", 5.0)
    assert refusal(teu, series("teu", 2.0, scale="thousand")) is None
    assert refusal(teu, growth) == (
        "Cannot compare Metric (%) with Metric (m TEU): a chart draws one unit only."
    )


def test_comparable_ports_and_growth(default_facts: FactBase) -> None:
    found = find_series(default_facts, "port-dalian-containers")
    assert found is not None
    assert [other.id for _, other in comparable(default_facts, found[1])] == [
        "port-yingkou-containers"
    ]
    growth = find_series(default_facts, "liaoning-gdp-growth")
    assert growth is not None
    assert "liaoning-industrial-growth" in [s.id for _, s in comparable(default_facts, growth[1])]


def test_chart_aligns_periods_and_converts_mixed_scales() -> None:
    first = Series("a", "A", "tonnes", (Point("2020", 1.5), Point("2022", 2.0)), "", scale="亿")
    second = Series(
        "b", "B", "tonnes", (Point("2021", 300.0), Point("2022", None)), "", scale="million"
    )
    drawn = chart([(ENTITY, first), (ENTITY, second)])
    assert drawn.periods == ("2020", "2021", "2022")
    assert drawn.scale == "million"
    assert [line.values for line in drawn.lines] == [(150.0, None, 200.0), (None, 300.0, None)]


def test_periods_order_by_their_end() -> None:
    mixed = Series(
        "m",
        "M",
        "percent",
        (Point("2023"), Point("2023-H1", 1.0), Point("2023-Q1", 2.0), Point("2022", 3.0)),
        "",
    )
    assert chart([(ENTITY, mixed)]).periods == ("2022", "2023-Q1", "2023-H1", "2023")


@pytest.mark.parametrize(
    ("period", "kind"),
    [
        ("2023", "Year"),
        ("2023-H1", "H1"),
        ("2019-Q1", "Q1"),
        ("2023-01..2023-07", "Jan–Jul"),
        ("", "Period not given"),
    ],
)
def test_period_kind(period: str, kind: str) -> None:
    assert period_kind(period) == kind


def test_growth_groups_never_mix_period_kinds(default_facts: FactBase) -> None:
    groups = ranked(changes(default_facts))
    for kind, members in groups:
        assert {period_kind(item.period) for item in members} == {kind}
    assert sum(len(members) for _, members in groups) == len(changes(default_facts))


def test_segments_split_at_gaps() -> None:
    assert list(segments((1.0, 2.0, None, None, 3.0, None))) == [[(0, 1.0), (1, 2.0)], [(4, 3.0)]]


def test_tick_indexes_keep_first_and_last() -> None:
    labels = [str(year) for year in range(2003, 2023)]
    chosen = tick_indexes(labels, 80)
    assert (chosen[0], chosen[-1]) == (0, 19)
    steps_between = [b - a for a, b in pairwise(chosen)]
    assert max(steps_between) <= 2 * min(steps_between)
    assert tick_indexes(labels, 300) == list(range(20))


def test_value_ticks_are_round_and_hold_zero() -> None:
    assert value_ticks(-2.5, 13.1, 30) == [-2.0, 0.0, 2.0, 4.0, 6.0, 8.0, 10.0, 12.0]
    assert value_ticks(1346.16, 3261.27, 6) == [2000.0, 3000.0]
