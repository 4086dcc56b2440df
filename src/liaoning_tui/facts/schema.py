"""The shape of a fact base file: the keys each table takes, their types, which are required."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Field:
    kind: str
    required: bool = False


TOP = {
    "title": Field("str", True),
    "schema": Field("int"),
    "sources": Field("tables", True),
    "entities": Field("tables", True),
}
SOURCE = {
    "id": Field("str", True),
    "title": Field("str", True),
    "publisher": Field("str"),
    "date": Field("str"),
    "url": Field("str"),
    "kind": Field("str"),
    "note": Field("str"),
}
ENTITY = {
    "id": Field("str", True),
    "kind": Field("str", True),
    "name": Field("str", True),
    "summary": Field("str"),
    "name_zh": Field("str"),
    "aliases": Field("strs"),
    "date": Field("str"),
    "figures": Field("tables"),
    "series": Field("tables"),
    "links": Field("tables"),
    "statements": Field("tables"),
    "provenance": Field("table"),
    "location": Field("table"),
}
LOCATION = {
    "latitude": Field("number", True),
    "longitude": Field("number", True),
    "source": Field("str", True),
    "quote": Field("str"),
}
"""Where an entity is on the map, in decimal degrees (WGS 84 as the source prints them)."""
PROVENANCE = {
    "name_zh": Field("str"),
    "date": Field("str"),
    "aliases": Field("table"),
}
"""Where an entity's Chinese name, date and each alias come from: a source id or "editorial"."""
FIGURE = {
    "metric": Field("str", True),
    "value": Field("number", True),
    "unit": Field("str", True),
    "source": Field("str", True),
    "quote": Field("str", True),
    "scale": Field("str"),
    "period": Field("str"),
    "qualifier": Field("str"),
    "change": Field("number"),
    "as_published": Field("str"),
    "doubt": Field("str"),
    "note": Field("str"),
}
SERIES = {
    "id": Field("str", True),
    "metric": Field("str", True),
    "unit": Field("str", True),
    "points": Field("tables", True),
    "confidence": Field("str", True),
    "scale": Field("str"),
    "scope": Field("str"),
}
POINT = {
    "period": Field("str", True),
    "value": Field("number"),
    "source": Field("str"),
    "quote": Field("str"),
    "change": Field("number"),
    "note": Field("str"),
}
LINK = {
    "rel": Field("str", True),
    "to": Field("str", True),
    "role": Field("str"),
    "source": Field("str"),
    "quote": Field("str"),
}
STATEMENT = {
    "text": Field("str", True),
    "source": Field("str", True),
    "quote": Field("str", True),
    "date": Field("str"),
}

TABLES: dict[str, dict[str, Field]] = {
    "sources": SOURCE,
    "entities": ENTITY,
    "figures": FIGURE,
    "series": SERIES,
    "points": POINT,
    "links": LINK,
    "statements": STATEMENT,
}
"""The spec of the tables in each array of tables, by the array's key."""

TYPE_NAMES = {
    "str": "a string",
    "int": "an integer",
    "number": "a number",
    "strs": "an array of strings",
    "tables": "an array of tables",
    "table": "a table",
}


def required(spec: Mapping[str, Field]) -> set[str]:
    return {key for key, wanted in spec.items() if wanted.required}


def tables(value: object) -> list[dict[str, Any]]:
    if isinstance(value, list):
        return [item for item in value if isinstance(item, dict)]
    return []


def type_of(value: object) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a float"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    return "a date or time"


def fits(kind: str, value: object) -> bool:
    if kind == "str":
        return isinstance(value, str)
    if kind == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind == "table":
        return isinstance(value, dict)
    if kind == "strs":
        return isinstance(value, list) and all(isinstance(item, str) for item in value)
    return isinstance(value, list) and all(isinstance(item, dict) for item in value)
