"""tools/make_map.py: the same shape always simplifies to the same rings, and the shipped file is
what it writes."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

from liaoning_tui.geo.boundaries import DATA, load_boundaries

ROOT = Path(__file__).resolve().parents[1]


def make_map() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_map", ROOT / "tools" / "make_map.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_map"] = module
    spec.loader.exec_module(module)
    return module


SQUARE: list[list[float]] = [[0, 0], [0.5, 0.001], [1, 0], [1, 1], [0.5, 1.01], [0, 1], [0, 0]]
"""A unit square with two points just off its sides, which simplification drops."""
ISLAND = [[5, 5], [5.01, 5], [5.01, 5.01], [5, 5]]
"""Smaller than SMALLEST: dropped."""


def test_simplification_drops_small_wiggles_and_islands() -> None:
    tool = make_map()
    geometry = {"type": "MultiPolygon", "coordinates": [[ISLAND], [SQUARE]]}
    assert tool.simplify(geometry, 0.05) == [
        [[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [0.0, 0.0]]
    ]


def test_simplification_does_not_depend_on_order_or_winding() -> None:
    tool = make_map()
    triangle = [[3, 3], [4, 3], [3.5, 4], [3, 3]]
    one = {"type": "MultiPolygon", "coordinates": [[SQUARE], [triangle]]}
    clockwise = SQUARE[::-1]
    rotated = [*clockwise[2:-1], *clockwise[:3]]
    other = {"type": "MultiPolygon", "coordinates": [[triangle], [rotated]]}
    assert tool.simplify(one, 0.05) == tool.simplify(other, 0.05)
    assert tool.dumps({"rings": tool.simplify(one, 0.05)}) == tool.dumps(
        {"rings": tool.simplify(other, 0.05)}
    )


def test_the_shipped_file_is_in_the_form_the_tool_writes() -> None:
    tool = make_map()
    text = DATA.read_text(encoding="utf-8")
    assert tool.dumps(json.loads(text)) == text
    assert len(text.encode()) < 16_000
    boundaries = load_boundaries()
    assert [city.code for city in boundaries.cities] == list(tool.CITIES)
    assert [city.name for city in boundaries.cities][:2] == ["Shenyang", "Dalian"]
    west, south, east, north = boundaries.bounds()
    assert 118 < west < 119.5 and 38.5 < south < 39 and 125 < east < 126 and 43 < north < 44
