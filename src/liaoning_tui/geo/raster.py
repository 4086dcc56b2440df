"""Longitude and latitude onto a braille canvas: the projection, lines and filled areas.

A braille character holds 2x4 dots and a terminal cell is about twice as tall as it is wide, so a
dot is square: one scale serves both axes.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from liaoning_tui.geo.boundaries import LonLat

DOTS_X = 2
DOTS_Y = 4
BRAILLE = 0x2800
_BITS = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))
"""The bit of the dot at (x, y) inside a cell is _BITS[y][x] (Unicode braille patterns)."""


@dataclass(frozen=True, slots=True)
class Frame:
    """An equirectangular projection, scaled by cos(mid-latitude), fitted and centred in a box of
    `columns` x `rows` cells."""

    columns: int
    rows: int
    west: float
    north: float
    shrink: float
    """cos of the middle latitude: a degree of longitude is this much of a degree of latitude."""
    scale: float
    """Dots per degree of latitude."""
    left: float
    top: float
    """Dots of margin that centre the map."""

    @classmethod
    def fit(cls, bounds: tuple[float, float, float, float], columns: int, rows: int) -> Frame:
        west, south, east, north = bounds
        shrink = math.cos(math.radians((south + north) / 2))
        width, height = (east - west) * shrink, north - south
        dots_x, dots_y = columns * DOTS_X - 1, rows * DOTS_Y - 1
        scale = min(dots_x / width, dots_y / height)
        return cls(
            columns,
            rows,
            west,
            north,
            shrink,
            scale,
            (dots_x - width * scale) / 2,
            (dots_y - height * scale) / 2,
        )

    def dot(self, point: LonLat) -> tuple[float, float]:
        """Where `point` falls, in dots from the top left."""
        lon, lat = point
        return (
            self.left + (lon - self.west) * self.shrink * self.scale,
            self.top + (self.north - lat) * self.scale,
        )

    def cell(self, point: LonLat) -> tuple[int, int]:
        """The (column, row) of the cell `point` falls in, kept inside the box."""
        x, y = self.dot(point)
        column = min(max(int(x // DOTS_X), 0), self.columns - 1)
        row = min(max(int(y // DOTS_Y), 0), self.rows - 1)
        return column, row


class Canvas:
    """Braille dots set one by one or along lines; read back as one string per row."""

    def __init__(self, columns: int, rows: int) -> None:
        self.columns = columns
        self.rows = rows
        self.cells = [0] * (columns * rows)

    def set(self, x: int, y: int) -> None:
        column, row = x // DOTS_X, y // DOTS_Y
        if 0 <= column < self.columns and 0 <= row < self.rows:
            self.cells[row * self.columns + column] |= _BITS[y % DOTS_Y][x % DOTS_X]

    def line(self, start: tuple[float, float], end: tuple[float, float]) -> None:
        (x0, y0), (x1, y1) = start, end
        steps = max(1, math.ceil(max(abs(x1 - x0), abs(y1 - y0))))
        for step in range(steps + 1):
            share = step / steps
            self.set(round(x0 + (x1 - x0) * share), round(y0 + (y1 - y0) * share))

    def ring(self, points: Sequence[tuple[float, float]]) -> None:
        for start, end in itertools.pairwise(points):
            self.line(start, end)

    def at(self, column: int, row: int) -> str:
        """The character of one cell: a braille pattern, or a space where no dot is set."""
        bits = self.cells[row * self.columns + column]
        return chr(BRAILLE + bits) if bits else " "


def draw(frame: Frame, rings: Iterable[Sequence[LonLat]]) -> Canvas:
    """The rings' outlines on a canvas the size of `frame`."""
    canvas = Canvas(frame.columns, frame.rows)
    for ring in rings:
        canvas.ring([frame.dot(point) for point in ring])
    return canvas


def fill(frame: Frame, rings: Iterable[Sequence[LonLat]]) -> set[tuple[int, int]]:
    """The (column, row) of every cell whose centre lies inside the rings (even-odd rule)."""
    edges = []
    for ring in rings:
        dots = [frame.dot(point) for point in ring]
        edges += [(a, b) for a, b in itertools.pairwise(dots) if a[1] != b[1]]
    inside: set[tuple[int, int]] = set()
    for row in range(frame.rows):
        y = row * DOTS_Y + DOTS_Y / 2
        crossings = sorted(
            ax + (y - ay) * (bx - ax) / (by - ay)
            for (ax, ay), (bx, by) in edges
            if min(ay, by) <= y < max(ay, by)
        )
        for enter, leave in zip(crossings[::2], crossings[1::2], strict=False):
            first = math.ceil(enter / DOTS_X - 0.5)
            last = math.floor(leave / DOTS_X - 0.5)
            inside.update(
                (column, row) for column in range(max(first, 0), min(last, frame.columns - 1) + 1)
            )
    return inside
