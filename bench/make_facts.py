"""Write a synthetic fact base of N companies that passes `liaoning-tui check`.

Parks, sectors, people and sources grow with N; companies carry figures, links, and in part
series, statements and aliases, so loading, the tree and search meet the shapes of the real base.
The output depends only on N and the seed. Usage: make_facts.py N [-o PATH] [--seed S]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path

CITIES = (
    ("shenyang", "Shenyang", "沈阳"),
    ("dalian", "Dalian", "大连"),
    ("anshan", "Anshan", "鞍山"),
    ("fushun", "Fushun", "抚顺"),
    ("benxi", "Benxi", "本溪"),
    ("dandong", "Dandong", "丹东"),
    ("jinzhou", "Jinzhou", "锦州"),
    ("yingkou", "Yingkou", "营口"),
    ("fuxin", "Fuxin", "阜新"),
    ("liaoyang", "Liaoyang", "辽阳"),
    ("panjin", "Panjin", "盘锦"),
    ("tieling", "Tieling", "铁岭"),
    ("chaoyang", "Chaoyang", "朝阳"),
    ("huludao", "Huludao", "葫芦岛"),
)
SYLLABLES = (
    ("Xin", "新"), ("Hua", "华"), ("Da", "达"), ("Tai", "泰"), ("Feng", "丰"), ("Yuan", "远"),
    ("Sheng", "盛"), ("Long", "龙"), ("Rui", "瑞"), ("Kang", "康"), ("Bo", "博"), ("Hai", "海"),
    ("Tian", "天"), ("Jin", "金"), ("Heng", "恒"), ("Chang", "昌"), ("Mei", "美"), ("An", "安"),
    ("Zhong", "中"), ("Guang", "光"), ("Ming", "明"), ("De", "德"), ("Xing", "兴"), ("Yu", "宇"),
    ("Cheng", "成"), ("Fu", "富"), ("Kai", "凯"), ("Lian", "联"), ("Wei", "伟"), ("Jia", "佳"),
    ("Run", "润"), ("Bao", "宝"),
)  # fmt: skip
DOMAINS = (
    ("Robotics", "机器人"),
    ("Precision Machinery", "精密机械"),
    ("Semiconductor", "半导体"),
    ("Aerospace", "航空航天"),
    ("New Materials", "新材料"),
    ("Auto Parts", "汽车零部件"),
    ("Biopharma", "生物医药"),
    ("Software", "软件"),
    ("Energy Equipment", "能源装备"),
    ("Shipbuilding", "船舶"),
    ("Petrochemical", "石化"),
    ("Electronics", "电子"),
    ("Instruments", "仪器仪表"),
    ("CNC Machine Tools", "数控机床"),
    ("Smart Logistics", "智能物流"),
    ("Medical Devices", "医疗器械"),
)
YEARS = ("2019", "2020", "2021", "2022", "2023")


def _q(text: str) -> str:
    """A TOML basic string: JSON's escapes are TOML's."""
    return json.dumps(text, ensure_ascii=False)


def counts(companies: int) -> dict[str, int]:
    """How many of each kind a base of `companies` companies holds."""
    return {
        "sources": max(4, companies // 25),
        "sectors": max(4, companies // 200),
        "parks": max(3, companies // 50),
        "people": max(1, companies // 100),
        "companies": companies,
    }


class _Writer:
    def __init__(self, companies: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.n = counts(companies)
        brands = len(SYLLABLES) ** 2
        combos = len(CITIES) * brands * len(DOMAINS)
        if companies > combos:
            raise ValueError(f"at most {combos} companies have distinct names")
        self.names = self.rng.sample(range(combos), companies)

    def source_id(self) -> str:
        return f"src-{self.rng.randrange(self.n['sources']):05d}"

    def lines(self) -> Iterator[str]:
        yield 'title = "Synthetic Liaoning fact base"'
        yield "schema = 1"
        yield from self.sources()
        yield from self.province()
        yield from self.sectors()
        yield from self.parks()
        yield from self.companies()
        yield from self.cities()
        yield from self.people()

    def sources(self) -> Iterator[str]:
        for index in range(self.n["sources"]):
            yield "\n[[sources]]"
            yield f'id = "src-{index:05d}"'
            yield f'title = "Synthetic report {index}"'
            yield 'publisher = "Synthetic News"'
            yield f'date = "{YEARS[index % len(YEARS)]}-{index % 12 + 1:02d}"'

    def series(self, series_id: str, metric: str, start: float) -> Iterator[str]:
        value = start
        points = []
        for year in YEARS:
            value = round(value * self.rng.uniform(0.9, 1.25), 1)
            points.append(
                f'{{ period = "{year}", value = {value}, source = "{self.source_id()}" }}'
            )
        yield "\n[[entities.series]]"
        yield f'id = "{series_id}"'
        yield f"metric = {_q(metric)}"
        yield 'unit = "yuan"'
        yield 'scale = "million"'
        yield 'confidence = "Synthetic."'
        yield f"points = [{', '.join(points)}]"

    def figure(self, metric: str, value: float, unit: str, scale: str, quote: str) -> Iterator[str]:
        yield "\n[[entities.figures]]"
        yield f"metric = {_q(metric)}"
        yield f"value = {value}"
        yield f'unit = "{unit}"'
        if scale:
            yield f'scale = "{scale}"'
        yield 'period = "2023"'
        yield f'source = "{self.source_id()}"'
        yield f"quote = {_q(quote)}"

    def entity(self, entity_id: str, kind: str, name: str, name_zh: str = "") -> Iterator[str]:
        yield "\n[[entities]]"
        yield f'id = "{entity_id}"'
        yield f'kind = "{kind}"'
        yield f"name = {_q(name)}"
        if name_zh:
            yield f"name_zh = {_q(name_zh)}"

    def province(self) -> Iterator[str]:
        yield from self.entity("liaoning", "province", "Liaoning", "辽宁")
        yield 'summary = "A synthetic province for benchmarks."'
        yield from self.figure("GDP", 3021, "yuan", "billion", "GDP reached 3,021 billion yuan.")
        yield from self.series("liaoning-gdp", "GDP", 2500000.0)

    def sectors(self) -> Iterator[str]:
        for index in range(self.n["sectors"]):
            domain, domain_zh = DOMAINS[index % len(DOMAINS)]
            yield from self.entity(
                f"sector-{index:04d}", "sector", f"{domain} {index}", f"{domain_zh}{index}"
            )
            yield f'summary = "The {domain.lower()} industry, cluster {index}."'
            yield 'links = [{ rel = "part_of", to = "liaoning" }]'
            value = self.rng.randint(10, 900)
            quote = f"The cluster's output was {value} billion yuan."
            yield from self.figure("Output", value, "yuan", "billion", quote)

    def parks(self) -> Iterator[str]:
        for index in range(self.n["parks"]):
            city, city_name, city_zh = CITIES[index % len(CITIES)]
            yield from self.entity(
                f"park-{index:05d}",
                "park",
                f"{city_name} High-Tech Park {index}",
                f"{city_zh}高新区{index}",
            )
            yield f'links = [{{ rel = "located_in", to = "{city}" }}]'
            area = round(self.rng.uniform(2, 120), 1)
            yield from self.figure("Area", area, "km2", "", f"The park covers {area} km2.")

    def companies(self) -> Iterator[str]:
        brands = len(SYLLABLES) ** 2
        for index, code in enumerate(self.names):
            city_index, rest = divmod(code, brands * len(DOMAINS))
            brand, domain_index = divmod(rest, len(DOMAINS))
            first, second = SYLLABLES[brand // len(SYLLABLES)], SYLLABLES[brand % len(SYLLABLES)]
            _, city_name, city_zh = CITIES[city_index]
            domain, domain_zh = DOMAINS[domain_index]
            name = f"{city_name} {first[0]}{second[0].lower()} {domain} Co"
            name_zh = f"{city_zh}{first[1]}{second[1]}{domain_zh}有限公司"
            yield from self.entity(f"co-{index:06d}", "company", name, name_zh)
            if index % 5 == 0:
                yield f'aliases = ["{first[0]}{second[0].lower()}"]'
            yield f'summary = "A {domain.lower()} maker in {city_name}."'
            park = f"park-{self.rng.randrange(self.n['parks']):05d}"
            sector = f"sector-{self.rng.randrange(self.n['sectors']):04d}"
            yield (
                f'links = [{{ rel = "located_in", to = "{park}" }}, '
                f'{{ rel = "focuses_on", to = "{sector}" }}]'
            )
            revenue = round(self.rng.uniform(5, 5000), 1)
            yield from self.figure(
                "Revenue", revenue, "yuan", "million", f"Revenue was {revenue} million yuan."
            )
            if index % 3 == 0:
                staff = self.rng.randint(20, 20000)
                yield from self.figure("Employees", staff, "count", "", f"It employs {staff}.")
            if index % 4 == 0:
                yield from self.series(f"co-{index:06d}-revenue", "Revenue", revenue)
            if index % 10 == 0:
                yield "\n[[entities.statements]]"
                yield f'text = "{name} opened a new plant."'
                yield f'source = "{self.source_id()}"'
                yield 'quote = "The company opened a new plant."'

    def cities(self) -> Iterator[str]:
        for city, name, name_zh in CITIES:
            yield from self.entity(city, "city", name, name_zh)
            yield 'links = [{ rel = "part_of", to = "liaoning" }]'

    def people(self) -> Iterator[str]:
        for index in range(self.n["people"]):
            first, second = (
                SYLLABLES[index % len(SYLLABLES)],
                SYLLABLES[index // 7 % len(SYLLABLES)],
            )
            company = f"co-{self.rng.randrange(self.n['companies']):06d}"
            yield from self.entity(f"person-{index:05d}", "person", f"{first[0]} {second[0]}")
            yield f'links = [{{ rel = "works_for", to = "{company}", role = "chairman" }}]'


def render(companies: int, seed: int = 6) -> str:
    """The TOML text of a synthetic base with `companies` companies."""
    if companies < 1:
        raise ValueError("a base needs at least one company")
    return "\n".join(_Writer(companies, seed).lines()) + "\n"


def write(path: Path, companies: int, seed: int = 6) -> Path:
    """Write the base to `path` and return it."""
    path.write_text(render(companies, seed), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("companies", type=int, help="how many companies")
    parser.add_argument("-o", "--output", type=Path, help="file to write (default: stdout)")
    parser.add_argument("--seed", type=int, default=6, help="random seed (default: 6)")
    args = parser.parse_args(argv)
    text = render(args.companies, args.seed)
    if args.output is None:
        sys.stdout.write(text)
    else:
        args.output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
