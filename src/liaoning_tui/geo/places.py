"""Where each entity goes on the map, and moving between markers by direction."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from liaoning_tui.facts.model import Entity, FactBase
from liaoning_tui.geo.boundaries import Boundaries, City, LonLat
from liaoning_tui.geo.raster import Frame

SYMBOLS = {"city": "●", "port": "▲", "park": "■", "zone": "□", "company": "◆"}
"""The marker of each kind: told apart by shape, so colour is never the only cue."""
OTHER = "✱"
SPREAD = 6
"""Cells a marker may move off its point when others stand there already."""


def symbol(kind: str) -> str:
    return SYMBOLS.get(kind, OTHER)


@dataclass(frozen=True, slots=True)
class Place:
    """An entity with a point on the map and how it got there."""

    entity_id: str
    name: str
    name_zh: str
    kind: str
    city: str
    """The English name of the city it is in, or "" when none is known."""
    point: LonLat
    """(longitude, latitude)."""
    source: str
    """The id of the source that gives the position, or "" when it stands at its city's centroid."""


def city_of(entity: Entity, facts: FactBase, boundaries: Boundaries) -> City | None:
    """The mapped city an entity is, or is located in by its first `located_in` link to one."""
    if entity.kind == "city":
        return boundaries.city_named(entity.name) or boundaries.city_named(entity.name_zh)
    for link in entity.links:
        target = facts.entities.get(link.target)
        if link.rel == "located_in" and target is not None and target.kind == "city":
            city = city_of(target, facts, boundaries)
            if city is not None:
                return city
    return None


def places(facts: FactBase, boundaries: Boundaries) -> list[Place]:
    """Every entity the map can place: at its own location where a source gives one, else at its
    city's centroid. Cities come first, so each holds its own point and the rest gather round."""
    found: list[tuple[bool, int, Place]] = []
    for index, entity in enumerate(facts.entities.values()):
        city = city_of(entity, facts, boundaries)
        location = entity.location
        if location is not None:
            point, source = (location.longitude, location.latitude), location.source
        elif city is not None:
            point, source = city.centroid, ""
        else:
            continue
        place = Place(
            entity.id,
            entity.name,
            entity.name_zh,
            entity.kind,
            city.name if city else "",
            point,
            source,
        )
        found.append((entity.kind != "city", index, place))
    return [place for *_, place in sorted(found, key=lambda item: item[:2])]


@dataclass(frozen=True, slots=True)
class Marker:
    place: Place
    column: int
    row: int


_AROUND = sorted(
    ((dx, dy) for dx in range(-SPREAD, SPREAD + 1) for dy in range(-SPREAD // 2, SPREAD // 2 + 1)),
    key=lambda offset: (offset[0] ** 2 + (2 * offset[1]) ** 2, abs(offset[1]), -offset[0]),
)
"""Cells round a point, nearest first (a row is two columns tall), right before left."""


def lay_out(found: Sequence[Place], frame: Frame) -> list[Marker]:
    """One cell per marker: each at its point's cell, or the nearest free one around it."""
    taken: set[tuple[int, int]] = set()
    markers: list[Marker] = []
    for place in found:
        column, row = frame.cell(place.point)
        for dx, dy in _AROUND:
            cell = (column + dx, row + dy)
            if cell not in taken and 0 <= cell[0] < frame.columns and 0 <= cell[1] < frame.rows:
                break
        else:
            cell = (column, row)
        taken.add(cell)
        markers.append(Marker(place, *cell))
    return markers


DIRECTIONS = {"left": (-1, 0), "right": (1, 0), "up": (0, -1), "down": (0, 1)}


def nearest(markers: Sequence[Marker], current: int, direction: str) -> int | None:
    """The index of the marker to move to from `current`: the nearest one within 45 degrees of
    `direction`, or failing that the nearest one on that side; None when there is none."""
    step_x, step_y = DIRECTIONS[direction]
    here = markers[current]
    best: tuple[bool, float, int] | None = None
    for index, marker in enumerate(markers):
        dx = marker.column - here.column
        dy = 2 * (marker.row - here.row)
        along = dx * step_x + dy * step_y
        if index == current or along <= 0:
            continue
        across = abs(dx * step_y - dy * step_x)
        key = (across > along, math.hypot(dx, dy), index)
        if best is None or key < best:
            best = key
    return None if best is None else best[2]
