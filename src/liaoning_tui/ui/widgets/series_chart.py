"""A line chart of series of one unit, drawn by plotext through textual-plotext.

textual-plotext (Textualize) is used over a hand-drawn chart: plotext lays out the axes, ticks,
legend and braille lines at any size, and the widget follows the app's theme and redraws at each
render, so a resize redraws the chart. What plotext does not do for us is kept here: gaps are
split into separate segments so no line crosses a missing period, and every line has its own
marker so lines stay apart in 16 colours and with NO_COLOR.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from textual.app import RenderResult
from textual.reactive import reactive
from textual_plotext import PlotextPlot

from liaoning_tui.facts.compare import Chart
from liaoning_tui.facts.display import clean
from liaoning_tui.facts.periods import describe_period
from liaoning_tui.facts.vocabulary import SCALES, UNITS

MARKERS = ("●", "■", "▲", "◆", "✚", "✖")
"""One marker per line, so lines differ by shape, not by colour alone."""
LEGEND_HEIGHT = 16
"""Below this many rows the legend would hide the lines; the table's column headings, which
carry each line's marker and name, are the legend then."""
COLOURS = ("cyan+", "orange+", "magenta+", "green+", "blue+", "red+")
"""ANSI colours by plotext's names (its `orange` is ANSI yellow; a name it does not know makes
it pick colours of its own, segment by segment), which 16-colour terminals have; the first two
stay bright in monochrome (NO_COLOR turns colours to greys)."""


def segments(values: tuple[float | None, ...]) -> Iterator[list[tuple[int, float]]]:
    """Runs of consecutive known values as (index, value) pairs: a gap ends a run."""
    run: list[tuple[int, float]] = []
    for index, value in enumerate(values):
        if value is None:
            if run:
                yield run
            run = []
        else:
            run.append((index, value))
    if run:
        yield run


def tick_indexes(labels: list[str], width: int) -> list[int]:
    """Which period labels fit under an axis `width` cells wide: evenly spaced, first and last
    always kept."""
    count = len(labels)
    if count <= 2:
        return list(range(count))
    room = max(max(len(label) for label in labels) + 2, 1)
    fits = max(2, (width - 8) // room)
    if fits >= count:
        return list(range(count))
    step = -(-(count - 1) // (fits - 1))
    chosen = list(range(0, count - 1, step))
    if count - 1 - chosen[-1] < step and len(chosen) > 1:
        chosen.pop()
    return [*chosen, count - 1]


def value_ticks(low: float, high: float, rows: int) -> list[float]:
    """Round values for the y axis, one about every three rows, multiples of 1, 2 or 5 times a
    power of ten, so a zero line, where there is one, is labelled 0 exactly."""
    if high <= low:
        return [low]
    wanted = max(3, rows // 3)
    rough = (high - low) / wanted
    power = 10 ** math.floor(math.log10(rough))
    step = next(factor * power for factor in (1, 2, 5, 10) if factor * power >= rough)
    first = math.ceil(low / step)
    return [round(index * step, 10) for index in range(first, math.floor(high / step) + 1)] or [low]


def tick_label(value: float) -> str:
    """A tick as short as it can be: `2,000`, `0.5`, `-2`."""
    return f"{value:,.10g}" if abs(value) < 1e15 else f"{value:.3g}"


def axis_unit(chart: Chart) -> str:
    """The y axis' unit with its scale (`bn yuan`, `m TEU`, `%`)."""
    short = SCALES.get(chart.scale, (1.0, chart.scale))[1]
    spec = UNITS.get(chart.unit)
    symbol = spec.symbol if spec else chart.unit
    return " ".join(part for part in (short, symbol) if part) or chart.unit


class SeriesChart(PlotextPlot):
    """Draws `chart`, with a vertical mark on the period at `selected`; the screen's heading
    names what is drawn, so every row here goes to the plot."""

    DEFAULT_CSS = """
    SeriesChart {
        width: 1fr;
        height: 1fr;
        min-height: 8;
    }
    """

    chart: reactive[Chart | None] = reactive(None)
    selected: reactive[int] = reactive(0)

    def render(self) -> RenderResult:
        self._draw()
        return super().render()

    def _draw(self) -> None:
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        chart = self.chart
        if chart is None or not chart.periods:
            return
        labels = [describe_period(period) for period in chart.periods]
        legend = len(chart.lines) > 1 and self.size.height >= LEGEND_HEIGHT
        for number, line in enumerate(chart.lines):
            colour = COLOURS[number % len(COLOURS)]
            marker = MARKERS[number % len(MARKERS)]
            for run in segments(line.values):
                plt.plot([x for x, _ in run], [y for _, y in run], marker="braille", color=colour)
            known = [(x, y) for run in segments(line.values) for x, y in run]
            if known:
                plt.scatter(
                    [x for x, _ in known],
                    [y for _, y in known],
                    marker=marker,
                    color=colour,
                    label=clean(line.name) if legend else None,
                )
        values = [value for line in chart.lines for value in line.values if value is not None]
        if values and min(values) <= 0 <= max(values):
            plt.hline(0, "gray")
        if 0 <= self.selected < len(chart.periods):
            plt.vline(self.selected, "gray")
        if values:
            ticks = value_ticks(min(values), max(values), self.size.height - 5)
            plt.yticks(ticks, [tick_label(tick) for tick in ticks])
        chosen = tick_indexes(labels, self.size.width)
        plt.xticks([float(index) for index in chosen], [labels[index] for index in chosen])
        plt.xlim(-0.5, len(chart.periods) - 0.5)
        plt.ylabel(axis_unit(chart))
