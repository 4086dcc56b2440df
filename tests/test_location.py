"""An entity's `location`: checked like every other field, and carried into the model."""

from __future__ import annotations

import pytest

from liaoning_tui.facts import FactBaseError, load_default, loads
from liaoning_tui.facts.model import Location
from tests.conftest import MINIMAL

PLACED = MINIMAL.replace(
    'name = "Liaoning"\n',
    'name = "Liaoning"\n\n[entities.location]\nlatitude = 41.8\nlongitude = 123.4\n'
    'source = "article"\nquote = "41.8°N 123.4°E"\n',
)


def problems_of(text: str) -> list[str]:
    with pytest.raises(FactBaseError) as caught:
        loads(text, "f.toml")
    return [str(problem) for problem in caught.value.problems]


def test_a_location_loads_and_cites_its_source() -> None:
    entity = loads(PLACED).entity("liaoning")
    assert entity.location == Location(41.8, 123.4, "article", "41.8°N 123.4°E")
    assert entity.cited_sources() == ["article"]


def test_latitude_and_longitude_out_of_range_are_placed() -> None:
    text = PLACED.replace("latitude = 41.8", "latitude = 91").replace(
        "longitude = 123.4", "longitude = -180.5"
    )
    assert problems_of(text) == [
        "f.toml:14:12: entities[0].location.latitude: latitude must be between -90 and 90, "
        "found 91.0",
        "f.toml:15:13: entities[0].location.longitude: longitude must be between -180 and 180, "
        "found -180.5",
    ]


def test_unknown_source_and_missing_key_are_placed() -> None:
    text = PLACED.replace('source = "article"\nquote = "41.8', 'source = "artcle"\nquote = "41.8')
    text = text.replace("longitude = 123.4\n", "")
    assert problems_of(text) == [
        "f.toml:13:1: entities[0].location: missing required key 'longitude'",
        "f.toml:15:10: entities[0].location.source: no source with id 'artcle'; "
        "did you mean 'article'?",
    ]


def test_wrong_type_is_placed() -> None:
    text = PLACED.replace("latitude = 41.8", 'latitude = "41.8"')
    assert problems_of(text) == [
        "f.toml:14:12: entities[0].location.latitude: expected a number, found a string"
    ]


def test_the_two_ports_with_a_published_position_carry_it() -> None:
    facts = load_default()
    dalian = facts.entity("port-dalian").location
    jinzhou = facts.entity("port-jinzhou").location
    assert dalian == Location(
        38.933,
        121.65,
        "wikipedia-port-dalian",
        "The Port of Dalian (38° 56' N 121° 39' E) founded in 1899",
    )
    assert jinzhou is not None
    assert (jinzhou.latitude, jinzhou.longitude, jinzhou.source) == (
        40.8,
        121.067,
        "hbzqbyyxgs-jinzhou-port",
    )
    others = ("port-yingkou", "port-dandong", "port-panjin", "port-huludao")
    assert [facts.entity(port).location for port in others] == [None] * 4


def test_a_location_source_is_cited_by_its_entity() -> None:
    facts = load_default()
    cited = [(entity.id, what) for entity, what in facts.cited_by("hbzqbyyxgs-jinzhou-port")]
    assert cited == [("port-jinzhou", "location")]
