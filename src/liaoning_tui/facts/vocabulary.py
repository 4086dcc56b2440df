"""The closed vocabularies a fact base is written in: kinds, units, scales, relations."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Kind:
    """A kind of entity and the tree group it is shown in."""

    label: str
    """Singular, for the detail pane ("company")."""
    plural: str
    """Plural, for lists ("companies")."""
    group: str
    """The tree group that holds it."""


KINDS: dict[str, Kind] = {
    "province": Kind("province", "provinces", "Overview"),
    "region": Kind("region", "regions", "Overview"),
    "sector": Kind("sector", "sectors", "Sectors"),
    "park": Kind("park", "parks", "Parks & zones"),
    "zone": Kind("zone", "zones", "Parks & zones"),
    "company": Kind("company", "companies", "Companies"),
    "port": Kind("port", "ports", "Ports & airports"),
    "airport": Kind("airport", "airports", "Ports & airports"),
    "city": Kind("city", "cities", "Cities"),
    "person": Kind("person", "people", "People"),
    "organization": Kind("organization", "organizations", "Organizations"),
    "event": Kind("event", "events", "Events"),
}
KIND_ORDER: tuple[str, ...] = tuple(KINDS)

GROUPS: tuple[str, ...] = tuple(dict.fromkeys(kind.group for kind in KINDS.values()))


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit a figure can be measured in."""

    symbol: str
    """How a value is written with it ("yuan", "%", "km²")."""
    prefix: bool = False
    """Whether the symbol goes before the number ("$66 bn")."""
    nonnegative: bool = False
    """Whether a negative value makes no sense (an area, a count)."""


UNITS: dict[str, Unit] = {
    "yuan": Unit("yuan"),
    "usd": Unit("$", prefix=True),
    "percent": Unit("%"),
    "km2": Unit("km²", nonnegative=True),
    "count": Unit("", nonnegative=True),
    "teu": Unit("TEU", nonnegative=True),
    "tonnes": Unit("t", nonnegative=True),
    "vehicles": Unit("vehicles", nonnegative=True),
    "years": Unit("years", nonnegative=True),
    "days": Unit("days", nonnegative=True),
    "fraction": Unit("", nonnegative=True),
}

SCALES: dict[str, tuple[float, str]] = {
    "": (1.0, ""),
    "thousand": (1e3, "k"),
    "万": (1e4, "万"),
    "million": (1e6, "m"),
    "亿": (1e8, "亿"),
    "billion": (1e9, "bn"),
    "trillion": (1e12, "tn"),
}
"""Scale word as published -> (multiplier, short form for display)."""

QUALIFIERS: frozenset[str] = frozenset(
    {
        "over",
        "more than",
        "exceed",
        "about",
        "approximately",
        "nearly",
        "at least",
        "up to",
        "under",
        "expected",
    }
)


@dataclass(frozen=True, slots=True)
class Relation:
    """A kind of link, with words for both of its directions."""

    label: str
    """How the link reads from its origin ("located in")."""
    inverse: str
    """How it reads from its target ("location of")."""


RELATIONS: dict[str, Relation] = {
    "located_in": Relation("located in", "location of"),
    "part_of": Relation("part of", "includes"),
    "invests_in": Relation("invests in", "investors"),
    "focuses_on": Relation("focuses on", "focus of"),
    "operates_in": Relation("operates in", "players"),
    "works_for": Relation("works for", "people"),
    "quoted_in": Relation("quoted in", "quotes"),
    "organized_by": Relation("organized by", "organized"),
    "approved_by": Relation("approved by", "approved"),
    "reported_by": Relation("figures reported by", "reports figures of"),
    "took_part_in": Relation("took part in", "participants"),
    "held_in": Relation("held in", "hosted"),
    "gateway_of": Relation("gateway of", "gateways"),
}

SOURCE_KINDS: frozenset[str] = frozenset(
    {"article", "bulletin", "news", "company", "data", "derived", "reference"}
)
