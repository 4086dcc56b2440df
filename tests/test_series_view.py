"""The series view driven by real key presses: chart axes, gaps, points with sources, copy,
compare, and the ways in from the explorer, the detail pane and the growth view."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.pilot import Pilot
from textual.screen import Screen

from liaoning_tui.facts import FactBase, default_path, loads
from liaoning_tui.ui.app import LiaoningApp, build_app
from liaoning_tui.ui.palette import Palette
from liaoning_tui.ui.refs import Ref
from liaoning_tui.ui.screens.growth import GrowthScreen
from liaoning_tui.ui.screens.series import SeriesScreen
from liaoning_tui.ui.screens.series_pick import SeriesPick
from liaoning_tui.ui.screens.source import SourceScreen
from liaoning_tui.ui.widgets.detail import DetailPane
from liaoning_tui.ui.widgets.point_table import PointTable
from liaoning_tui.ui.widgets.series_chart import SeriesChart, tick_indexes
from liaoning_tui.ui.widgets.series_spark import SeriesSparks, series_text
from tests.screen import visible_text

SMALL = (80, 24)
LARGE = (160, 48)
PLOT_MARKS = set("●■▲◆✚✖") | {chr(code) for code in range(0x2801, 0x2900)}
"""What plotext draws data with: our markers and braille dots (not the empty braille cell)."""


def chart_lines(app: LiaoningApp) -> list[str]:
    """The chart as drawn at its present size, line by line."""
    drawn = app.screen.query_one(SeriesChart).render()
    assert isinstance(drawn, Text)
    return drawn.plain.splitlines()


def top(app: LiaoningApp) -> Screen[Any]:
    """The screen on top, typed as any screen: what a key press may have changed."""
    return app.screen


async def open_series(pilot: Pilot[Any], entity: str, series_id: str) -> SeriesScreen:
    app = pilot.app
    assert isinstance(app, LiaoningApp)
    await pilot.pause()
    app.explorer.show(Ref.entity(entity))
    await pilot.pause()
    await pilot.pause()
    assert app.explorer.current == Ref.entity(entity)
    await pilot.press("c")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, SeriesScreen)
    assert screen.ids == [series_id]
    return screen


async def test_c_charts_liaoning_gdp_with_labelled_axes(default_facts: FactBase) -> None:
    app = build_app(default_facts)
    async with app.run_test(size=SMALL) as pilot:
        await open_series(pilot, "liaoning", "liaoning-gdp")
        lines = chart_lines(app)
        labels = next(line for line in lines if "2008" in line)
        assert labels.split()[0] == "2008"
        assert labels.split()[-1] == "2024"
        assert lines[-1].strip() == "bn yuan"
        assert [line.split("┤")[0] for line in lines if "┤" in line] == ["3,000", "2,000"]
        text = visible_text(app)
        assert "Liaoning · GDP (bn yuan)  2008–2024" in text
        assert "confidence: High for 2008–09" in text


async def test_a_missing_year_is_drawn_as_a_gap(default_facts: FactBase) -> None:
    app = build_app(default_facts)
    async with app.run_test(size=LARGE) as pilot:
        screen = await open_series(pilot, "liaoning", "liaoning-gdp")
        lines = chart_lines(app)
        axis = next(index for index, line in enumerate(lines) if line.lstrip().startswith("└"))
        ticks = [column for column, char in enumerate(lines[axis]) if char in "┬┴┼"]
        periods = list(screen.chart.periods)
        chosen = tick_indexes(periods, app.screen.query_one(SeriesChart).size.width)
        assert len(ticks) == len(chosen) > 2
        assert (chosen[0], chosen[-1]) == (0, 16)
        top = next(index for index, line in enumerate(lines) if "┌" in line)

        def column(period: str) -> str:
            at = ticks[0] + (ticks[-1] - ticks[0]) * periods.index(period) / 16
            return "".join(line[round(at)] for line in lines[top + 1 : axis])

        assert set(column("2019")) <= {" "}, column("2019")
        assert set(column("2018")) & PLOT_MARKS
        assert set(column("2020")) & PLOT_MARKS
        await pilot.press(*["j"] * periods.index("2019"))
        await pilot.pause()
        text = visible_text(app)
        assert "2019 | — |  | —" in text
        assert "— · 2019  no value published: a gap, not a zero" in text


async def test_siasun_2019_with_its_source_and_copy(default_facts: FactBase) -> None:
    app = build_app(default_facts)
    async with app.run_test(size=SMALL) as pilot:
        await open_series(pilot, "siasun", "siasun-revenue")
        await pilot.press(*["j"] * 10)
        await pilot.pause()
        table = app.screen.query_one(PointTable)
        assert table.cursor_row == 10
        text = visible_text(app)
        assert "2019 | 2,745 m yuan | ▼ 11.3% | stockanalysis.com" in text
        assert (
            "— Siasun Robot & Automation (SHE:300024) financials, stockanalysis.com, "
            "stockanalysis.com/quote/she/300024/financials"
        ) in text
        assert app.screen.query_one(SeriesChart).selected == 10
        await pilot.press("y")
        await pilot.pause()
        assert app.clipboard == (
            "Siasun Robot & Automation Co: Revenue: 2,745 m yuan (2019)\n"
            "Source: Siasun Robot & Automation (SHE:300024) financials, stockanalysis.com, "
            "stockanalysis.com/quote/she/300024/financials"
        )
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SourceScreen)
        assert "stockanalysis.com/quote/she/300024/financials" in visible_text(app)


async def test_copy_carries_the_quote_of_a_quoted_point(default_facts: FactBase) -> None:
    app = build_app(default_facts)
    async with app.run_test(size=SMALL) as pilot:
        await open_series(pilot, "liaoning", "liaoning-gdp")
        await pilot.press("y")
        await pilot.pause()
        lines = app.clipboard.split("\n")
        assert lines[0] == "Liaoning: GDP: 1,346.16 bn yuan (2008)"
        assert lines[1].startswith("Source: Liaoning statistical bulletin for 2008")
        assert lines[2] == "“全年完成生产总值13461.6亿元,按可比价格计算,比上年增长13.1%”"


async def test_comparing_two_ports_names_both_in_the_legend(default_facts: FactBase) -> None:
    app = build_app(default_facts)
    async with app.run_test(size=LARGE) as pilot:
        screen = await open_series(pilot, "port-dalian", "port-dalian-containers")
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, SeriesPick)
        options = visible_text(app).splitlines()
        assert options[0] == "Port of Yingkou · Container throughput (m TEU)"
        await pilot.press("enter")
        await pilot.pause()
        assert top(app) is screen
        assert screen.ids == ["port-dalian-containers", "port-yingkou-containers"]
        drawn = "\n".join(chart_lines(app))
        assert "● Port of Dalian · Container throughput" in drawn
        assert "■ Port of Yingkou · Container throughput" in drawn
        text = visible_text(app)
        assert "2003 | — | 0.4 m TEU" in text
        assert "2013 | 10.015 m TEU | 5.3 m TEU" in text
        await pilot.press("d")
        await pilot.pause()
        assert screen.ids == ["port-dalian-containers"]


async def test_a_percent_series_is_refused_beside_teu(default_facts: FactBase) -> None:
    app = build_app(default_facts)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_series(pilot, "port-dalian", "port-dalian-containers")
        notices: list[str] = []
        app.notify = lambda message, **options: notices.append(message)  # type: ignore[method-assign]
        await pilot.press("a", "j", "j")
        await pilot.pause()
        assert "Liaoning · GDP real growth (%) other unit" in visible_text(app).splitlines()
        await pilot.press("enter")
        await pilot.pause()
        assert top(app) is screen
        assert screen.ids == ["port-dalian-containers"]
        assert "Port of Dalian" not in "\n".join(chart_lines(app))
        assert notices == [
            "Cannot compare GDP real growth (%) with Container throughput (m TEU): "
            "a chart draws one unit only."
        ]


async def test_enter_on_a_sparkline_opens_its_series(default_facts: FactBase) -> None:
    app = build_app(default_facts)
    async with app.run_test(size=LARGE) as pilot:
        await pilot.pause()
        app.explorer.show(Ref.entity("liaoning"))
        await pilot.pause()
        await pilot.pause()
        sparks = app.screen.query_one(SeriesSparks)
        assert [series.id for series in sparks.series][:2] == [
            "liaoning-gdp",
            "liaoning-gdp-growth",
        ]
        sparks.focus()
        await pilot.press("j")
        await pilot.pause()
        assert "▶ GDP real growth (%)" in visible_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SeriesScreen)
        assert app.screen.ids == ["liaoning-gdp-growth"]
        drawn = chart_lines(app)
        zero = next(line for line in drawn if line.lstrip().startswith("0├"))
        assert zero.count("─") > 40
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, SeriesScreen)


async def test_sparklines_stretch_to_the_pane_and_show_zero(default_facts: FactBase) -> None:
    app = build_app(default_facts)
    async with app.run_test(size=LARGE) as pilot:
        await pilot.pause()
        app.explorer.show(Ref.entity("liaoning"))
        await pilot.pause()
        await pilot.pause()
        sparks = app.screen.query_one(SeriesSparks)
        width = sparks.content_size.width
        palette = Palette.of(sparks.app)
        level = series_text(sparks.series[0], width, palette).plain.splitlines()
        assert len(level[1]) == width > 17 * 3
        assert level[1].startswith("▁" * (width // 17))
        growth = series_text(sparks.series[1], width, palette).plain.splitlines()
        assert set(growth[2]) == {"─", "·"}
        assert "▔" in growth[3] or "▀" in growth[3]
        labels = [line for line in growth if line.startswith("first ")]
        assert labels == ["first 13.1 2008  last 5.1 2024  min -2.5 2016  max 13.1 2008"]
        assert "\n".join(level) in visible_text(app)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        narrow_width = sparks.content_size.width
        narrow = series_text(sparks.series[1], narrow_width, palette).plain.splitlines()
        assert len(narrow[1]) == narrow_width < len(growth[1])
        for line in narrow:
            assert not line.endswith(("first", "last", "min", "max"))
        assert "\n".join(narrow) in visible_text(app)


def detail_width(app: LiaoningApp) -> int:
    return app.screen.query_one(DetailPane).content_size.width


async def test_growth_enter_opens_exactly_the_row_figure(default_facts: FactBase) -> None:
    app = build_app(default_facts)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, GrowthScreen)
        text = visible_text(app)
        assert " |  | Year: 7 changes, ranked among themselves | " in text
        assert " |  | H1: 2 changes, ranked among themselves | " in text
        await pilot.press("j", "j")
        await pilot.pause()
        item = screen.rows[3]
        assert item is not None
        assert (item.entity, item.metric) == ("Port of Dalian", "Cargo throughput")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert not isinstance(app.screen, GrowthScreen)
        assert app.explorer.current == Ref.entity("port-dalian")
        table = app.screen.query_one(DetailPane).figure_table
        assert table is not None
        assert table.selected == item.figure
        figure = default_facts.entity("port-dalian").figures[item.figure]
        assert (figure.metric, figure.period) == ("Cargo throughput", "2007")


async def test_growth_columns_follow_a_resize(default_facts: FactBase) -> None:
    app = build_app(default_facts)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("v")
        await pilot.pause()
        table = app.screen.query_one("#changes")
        before = table.ordered_columns[2].width  # type: ignore[attr-defined]
        await pilot.resize_terminal(160, 40)
        await pilot.pause()
        after = table.ordered_columns[2].width  # type: ignore[attr-defined]
        assert after == before + 60


async def test_enter_on_a_growth_series_opens_its_chart(default_facts: FactBase) -> None:
    app = build_app(default_facts)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("v")
        await pilot.pause()
        await pilot.press("tab", "j", "j")
        await pilot.pause()
        assert app.screen.query_one("#series").highlighted == 1  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SeriesScreen)
        assert app.screen.ids == ["liaoning-gdp-growth"]
        await pilot.press("e")
        await pilot.pause()
        await pilot.pause()
        assert top(app) is app.explorer
        assert app.explorer.current == Ref.entity("liaoning")


async def test_figure_tables_read_one_unit_in_one_scale(default_facts: FactBase) -> None:
    app = build_app(default_facts)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.explorer.show(Ref.entity("port-dalian"))
        await pilot.pause()
        await pilot.pause()
        text = visible_text(app)
        assert "\nCargo throughput | 165 m t | 2007 | ▲ 13.9%" in text
        assert "\nCargo throughput | 355 m t | 2016 | ▲ 5.5%" in text
        assert "1.65 亿 t" not in text.split("Cargo throughput: ")[0]
        assert "Cargo throughput: 1.65 亿 t · 2007" in text


async def test_the_view_follows_a_reloaded_base(default_facts: FactBase) -> None:
    source = default_path().read_text(encoding="utf-8")
    app = build_app(default_facts)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_series(pilot, "siasun", "siasun-revenue")
        edited = loads(source.replace("value = 2745\n", "value = 2746\n"))
        app.facts = edited
        assert screen.follow_facts(edited) is None
        await pilot.press(*["j"] * 10)
        await pilot.pause()
        assert "2019 | 2,746 m yuan | ▼ 11.3% | stockanalysis.com" in visible_text(app)
        gone = loads(source.replace('id = "siasun-revenue"', 'id = "siasun-sales"'))
        app.facts = gone
        assert screen.follow_facts(gone) == (
            "The series siasun-revenue is no longer in the fact base."
        )


async def test_the_chart_redraws_on_resize_up_to_300x100(default_facts: FactBase) -> None:
    app = build_app(default_facts)
    async with app.run_test(size=SMALL) as pilot:
        await open_series(pilot, "liaoning", "liaoning-gdp")
        small = chart_lines(app)
        await pilot.resize_terminal(300, 100)
        await pilot.pause()
        large = chart_lines(app)
        plot = app.screen.query_one(SeriesChart)
        assert (len(large), len(large[0])) == (plot.size.height, plot.size.width)
        assert len(large) > 3 * len(small)
        assert len(large[0]) > 2 * len(small[0])
        labels = next(line for line in large if line.lstrip().startswith("2008"))
        assert labels.split() == [str(year) for year in range(2008, 2025)]


async def test_help_lists_the_series_view_keys(default_facts: FactBase) -> None:
    app = build_app(default_facts)
    async with app.run_test(size=LARGE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        text = visible_text(app)
        assert "Chart — The entity's first series as a chart with its points and sources" in text
        assert "Compare — Add a series of the same unit" in text


HOSTILE = """\
title = "Hostile"

[[sources]]
id = "src"
title = "[b]Source[/b] \\u001b[31mred"
kind = "data"

[[entities]]
id = "e"
kind = "company"
name = "[b]Liao[/b]\\u001b[31mning [@click=app.quit]x[/]"

[[entities.series]]
id = "empty"
metric = "All gaps"
unit = "count"
confidence = "none"

[[entities.series.points]]
period = "2020"

[[entities.series.points]]
period = "2021"

[[entities.series]]
id = "one"
metric = "[i]One[/i] point"
unit = "count"
confidence = "low"

[[entities.series.points]]
period = "2021"
value = 3
source = "src"
quote = "[b]three[/b]\\u001b[2J"
"""


async def test_odd_series_and_hostile_text_are_shown_as_text() -> None:
    app = build_app(loads(HOSTILE))
    async with app.run_test(size=LARGE) as pilot:
        await open_series(pilot, "e", "empty")
        text = visible_text(app)
        assert "2020 | — |  | —" in text
        assert "".join(chart_lines(app)).strip(" │┌┐└┘─┬┴┤├┼") != ""
        screen = app.screen
        assert isinstance(screen, SeriesScreen)
        screen.add("one")
        await pilot.pause()
        drawn = "\n".join(chart_lines(app))
        assert "[b]Liao[/b][31mning [@click=app.quit]x[/] · [i]One[/i] point" in drawn
        assert "\x1b" not in drawn
        await pilot.press("d", "j")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        app.push_screen(SeriesScreen("one"))
        await pilot.pause()
        text = visible_text(app)
        assert "“[b]three[/b][2J”" in text
        assert "— [b]Source[/b] [31mred" in text
        await pilot.press("y")
        await pilot.pause()
        assert "\x1b" not in app.clipboard
        assert app.clipboard.endswith("“[b]three[/b][2J”")


async def test_series_of_one_entity_are_headed_by_their_metric(default_facts: FactBase) -> None:
    app = build_app(default_facts)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        screen = SeriesScreen("liaoning-gdp-growth")
        app.push_screen(screen)
        await pilot.pause()
        screen.add("liaoning-industrial-growth")
        await pilot.pause()
        table = app.screen.query_one(PointTable)
        headings = [column.label.plain for column in table.ordered_columns]
        assert headings == ["Period", "● GDP real growth", "■ Industrial value ad…"]
        assert "2012 | — | 9.9 %" in visible_text(app)


async def test_each_line_keeps_one_colour_across_its_gaps(default_facts: FactBase) -> None:
    app = build_app(default_facts)
    async with app.run_test(size=LARGE) as pilot:
        screen = await open_series(pilot, "port-dalian", "port-dalian-containers")
        screen.add("port-yingkou-containers")
        await pilot.pause()
        drawn = app.screen.query_one(SeriesChart).render()
        assert isinstance(drawn, Text)
        marks: set[str] = set()
        dots: set[str] = set()
        for offset, char in enumerate(drawn.plain):
            if char in "●■" or 0x2801 <= ord(char) < 0x2900:
                colour = str(drawn.get_style_at_offset(app.console, offset).color)
                (marks if char in "●■" else dots).add(colour)
        assert len(marks) == 2
        assert dots == marks
