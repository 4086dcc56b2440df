"""The fact model of liaoning-tui: records, loading, checking; it imports nothing from Textual."""

from liaoning_tui.facts.load import default_path, load, load_default, loads
from liaoning_tui.facts.model import (
    Backlink,
    Entity,
    FactBase,
    Figure,
    Link,
    Location,
    Point,
    Series,
    Source,
    Statement,
)
from liaoning_tui.facts.problems import FactBaseError, Problem

__all__ = [
    "Backlink",
    "Entity",
    "FactBase",
    "FactBaseError",
    "Figure",
    "Link",
    "Location",
    "Point",
    "Problem",
    "Series",
    "Source",
    "Statement",
    "default_path",
    "load",
    "load_default",
    "loads",
]
