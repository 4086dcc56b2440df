"""The shipped fact base: exact contents, checked against the article it was built from.

The counts are exact on purpose: adding or removing a fact should be a deliberate change that
updates this file too.
"""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

import pytest

from liaoning_tui.facts import Entity, FactBase, Figure, Series
from liaoning_tui.facts.check import SLUG
from liaoning_tui.facts.periods import parse_date, parse_period
from liaoning_tui.facts.vocabulary import KIND_ORDER

# Tests run from a clean clone with the shared folder beside the repository (../shared).
ARTICLE_PATH = Path(__file__).resolve().parents[2] / "shared/sources/liaoning-high-tech-2023.txt"
NO_ARTICLE = f"the article is not beside the repository (looked for {ARTICLE_PATH})"


@pytest.fixture(scope="module")
def article() -> str:
    if not ARTICLE_PATH.is_file():
        pytest.skip(NO_ARTICLE)
    return ARTICLE_PATH.read_text(encoding="utf-8")


def figure(facts: FactBase, entity_id: str, metric: str, period: str | None = None) -> Figure:
    """The one figure of an entity with this metric (and period, where given)."""
    found = [
        item
        for item in facts.entity(entity_id).figures
        if item.metric == metric and (period is None or item.period == period)
    ]
    assert len(found) == 1, f"{entity_id}: {len(found)} figures {metric!r} {period or ''}"
    return found[0]


def series(facts: FactBase, series_id: str) -> Series:
    found = [item for _, item in facts.all_series() if item.id == series_id]
    assert len(found) == 1, series_id
    return found[0]


def by_period(item: Series) -> dict[str, float | None]:
    return {point.period: point.value for point in item.points}


def cited(facts: FactBase) -> list[tuple[Entity, str, object]]:
    """Every figure, statement, link and point of the base with its entity and what it is."""
    found: list[tuple[Entity, str, object]] = []
    for entity in facts.entities.values():
        found.extend((entity, "figure", item) for item in entity.figures)
        found.extend((entity, "statement", item) for item in entity.statements)
        found.extend((entity, "link", item) for item in entity.links)
        for item in entity.series:
            found.extend((entity, f"point of {item.id}", point) for point in item.points)
    return found


# ------------------------------------------------------------------------------ counts


def test_entity_counts_by_kind(default_facts: FactBase) -> None:
    assert default_facts.kinds() == {
        "province": 1,
        "region": 2,
        "sector": 14,
        "park": 1,
        "zone": 2,
        "company": 5,
        "port": 6,
        "airport": 1,
        "city": 8,
        "person": 2,
        "organization": 6,
        "event": 4,
    }
    assert len(default_facts.entities) == 52


def test_figure_series_and_source_counts(default_facts: FactBase) -> None:
    assert default_facts.figure_count == 48
    assert default_facts.series_count == 13
    assert len(default_facts.sources) == 92
    article_figures = [item for _, item in default_facts.figures() if item.source == "article"]
    assert len(article_figures) == 22


# ------------------------------------------------------------------------------ the article


def test_article_source(default_facts: FactBase) -> None:
    source = default_facts.sources["article"]
    assert source.title == "Liaoning's push for high-tech industry expansion"
    assert source.publisher == "e-works Manufacturing News"
    assert source.date == "2023"
    assert source.kind == "article"
    assert next(iter(default_facts.sources)) == "article"


def test_province_gdp_first_half_2023(default_facts: FactBase) -> None:
    gdp = figure(default_facts, "liaoning", "GDP", "2023-H1")
    assert (gdp.value, gdp.unit, gdp.scale) == (1.4, "yuan", "trillion")
    assert gdp.qualifier == "exceed"
    assert gdp.change == 5.6
    assert gdp.source == "article"
    assert not gdp.doubt
    assert "not found" in gdp.note.lower()


def test_province_ports(default_facts: FactBase) -> None:
    ports = figure(default_facts, "liaoning", "Ports")
    assert (ports.value, ports.unit, ports.as_published) == (6, "count", "six")
    assert [entity.id for entity in default_facts.by_kind("port")] == [
        "port-dalian",
        "port-yingkou",
        "port-dandong",
        "port-jinzhou",
        "port-panjin",
        "port-huludao",
    ]
    for port in default_facts.by_kind("port"):
        rels = {(link.rel, link.target) for link in port.links}
        assert ("gateway_of", "liaoning") in rels
        assert ("located_in", port.id.removeprefix("port-")) in rels


def test_high_tech_manufacturing_and_5g_factories(default_facts: FactBase) -> None:
    growth = figure(default_facts, "high-tech-manufacturing", "Growth, year on year")
    assert (growth.value, growth.unit, growth.period) == (8.3, "percent", "2023-01..2023-07")
    factories = figure(
        default_facts, "industrial-digitization", "Fully connected 5G factories established"
    )
    assert (factories.value, factories.unit) == (20, "count")
    assert growth.quote == factories.quote


def test_cgip_output_keeps_published_value_with_doubt(default_facts: FactBase) -> None:
    output = figure(default_facts, "cgip", "Gross industrial output value", "2023-H1")
    assert (output.value, output.unit, output.scale, output.change) == (
        481.5,
        "yuan",
        "billion",
        27.8,
    )
    assert "86.4" in output.doubt
    assert "48.15" in output.doubt
    assert "亿元" in output.doubt
    dollars = figure(default_facts, "cgip", "Gross industrial output value, in US dollars")
    assert (dollars.value, dollars.unit, dollars.scale) == (66, "usd", "billion")
    assert dollars.qualifier == "approximately"
    assert dollars.doubt


def test_only_the_park_output_is_doubted(default_facts: FactBase) -> None:
    doubted = [(entity.id, item.metric) for entity, item in default_facts.figures() if item.doubt]
    assert doubted == [
        ("cgip", "Gross industrial output value"),
        ("cgip", "Gross industrial output value, in US dollars"),
    ]


def test_cgip_area_industries_and_investors(default_facts: FactBase) -> None:
    area = figure(default_facts, "cgip", "Area")
    assert (area.value, area.unit) == (48, "km2")
    industries = figure(default_facts, "cgip", "Major industries")
    assert (industries.value, industries.as_published) == (5, "five")
    investors = figure(
        default_facts, "cgip", "Direct investors among the world's top 500 companies"
    )
    assert (investors.value, investors.unit) == (84, "count")
    cgip = default_facts.entity("cgip")
    assert (cgip.date, cgip.provenance.date) == ("2015-12-17", "lnd-2020-12-cgip")
    focus = {link.target for link in cgip.links if link.rel == "focuses_on"}
    assert focus == {
        "intelligent-equipment",
        "high-end-equipment",
        "automobile-manufacturing",
        "industrial-services",
        "strategic-emerging-industries",
    }
    investing = {
        backlink.origin
        for backlink in default_facts.backlinks("cgip")
        if backlink.link.rel == "invests_in"
    }
    assert investing == {"bmw", "zf-group", "bridgestone"}


def test_siasun_figures(default_facts: FactBase) -> None:
    expected = {
        "Important national scientific and technological research projects completed": (
            800,
            "over",
        ),
        "Invention patents gained": (1300, "over"),
        "Countries and regions its products are exported to": (40, "over"),
        "International companies served": (4000, "more than"),
        "Years with a national-level R&D team": (23, ""),
    }
    for metric, (value, qualifier) in expected.items():
        item = figure(default_facts, "siasun", metric)
        assert (item.value, item.qualifier, item.source) == (value, qualifier, "article")
    siasun = default_facts.entity("siasun")
    assert siasun.date == "2000"
    assert {(link.rel, link.target) for link in siasun.links} >= {
        ("located_in", "shenyang"),
        ("focuses_on", "robotics"),
        ("took_part_in", "wrc-2023"),
    }


def test_dalian_ftz_figures(default_facts: FactBase) -> None:
    gdp = figure(default_facts, "dalian-ftz", "Total GDP over the past years")
    assert (gdp.value, gdp.unit, gdp.scale) == (329, "yuan", "billion")
    growth = figure(default_facts, "dalian-ftz", "Annual GDP growth rate")
    assert (growth.value, growth.unit) == (7.1, "percent")
    share = figure(
        default_facts, "dalian-ftz", "Share of the province's foreign-funded enterprises"
    )
    assert (share.as_published, share.unit) == ("one-seventh", "fraction")
    assert share.value == pytest.approx(1 / 7, abs=1e-6)
    trade = [
        item
        for item in default_facts.entity("dalian-ftz").figures
        if item.metric == "Import and export" and item.source == "article"
    ]
    assert [(item.value, item.scale) for item in trade] == [(112.3, "billion")]
    trade_share = [
        item
        for item in default_facts.entity("dalian-ftz").figures
        if item.metric == "Share of the province's import and export"
    ]
    assert [(item.value, item.unit) for item in trade_share] == [(14, "percent")]
    dalian = default_facts.entity("dalian-ftz")
    assert (dalian.date, dalian.provenance.date) == ("2017-04-10", "dlftz-launch")


def test_interview_trip(default_facts: FactBase) -> None:
    days = figure(default_facts, "scio-interview-trip", "Duration")
    assert (days.value, days.unit, days.as_published) == (4, "days", "four-day")
    journalists = figure(default_facts, "scio-interview-trip", "Journalists")
    assert (journalists.value, journalists.qualifier) == (30, "over")
    outlets = figure(
        default_facts, "scio-interview-trip", "Domestic and international media outlets"
    )
    assert outlets.value == 19
    organizer = [
        link.target
        for link in default_facts.entity("scio-interview-trip").links
        if link.rel == "organized_by"
    ]
    assert organizer == ["scio"]


def test_people_their_roles_and_organizations(default_facts: FactBase) -> None:
    roles = {
        (entity.id, link.target, link.role)
        for entity in default_facts.by_kind("person")
        for link in entity.links
        if link.rel == "works_for"
    }
    assert roles == {
        ("fu-qiang", "dalian-ftz-committee", "deputy director"),
        ("li-kai", "northeast-revitalization-academy", "deputy head"),
    }
    for person in default_facts.by_kind("person"):
        assert len(person.statements) == 2
        assert any(link.rel == "quoted_in" for link in person.links)


def test_events_and_their_dates(default_facts: FactBase) -> None:
    dates = {
        entity.id: (entity.date, entity.provenance.date)
        for entity in default_facts.by_kind("event")
    }
    assert dates == {
        "scio-interview-trip": ("2023", "article"),
        "wrc-2023": ("2023-08-16", "ccn-2023-08-wrc"),
        "cgip-plan-approval": ("2015-12-17", "lnd-2020-12-cgip"),
        "dalian-ftz-approval": ("2017-03-15", "swt-ln-ftz-plan"),
    }
    held = [link.target for link in default_facts.entity("wrc-2023").links if link.rel == "held_in"]
    assert held == ["beijing"]


def test_chinese_names_and_aliases(default_facts: FactBase) -> None:
    names = {
        "liaoning": "辽宁",
        "shenyang": "沈阳",
        "dalian": "大连",
        "yingkou": "营口",
        "dandong": "丹东",
        "jinzhou": "锦州",
        "panjin": "盘锦",
        "huludao": "葫芦岛",
        "beijing": "北京",
        "siasun": "沈阳新松机器人自动化股份有限公司",
        "cgip": "中德(沈阳)高端装备制造产业园",
        "dalian-ftz": "中国(辽宁)自由贸易试验区大连片区",
    }
    for entity_id, name_zh in names.items():
        assert default_facts.entity(entity_id).name_zh == name_zh
    aliases = {
        "cgip": {"CGIP", "Sino-German park"},
        "siasun": {"SIASUN", "新松"},
        "dalian-ftz": {"Dalian FTZ"},
        "wrc-2023": {"WRC"},
        "scio": {"SCIO"},
    }
    for entity_id, wanted in aliases.items():
        assert wanted <= set(default_facts.entity(entity_id).aliases)


def test_article_quotes_are_verbatim(default_facts: FactBase, article: str) -> None:
    checked = 0
    for entity, what, item in cited(default_facts):
        if getattr(item, "source", "") != "article":
            continue
        quote = item.quote  # type: ignore[attr-defined]
        assert quote, f"{entity.id}: {what} cites the article without a quote"
        assert quote in article, f"{entity.id}: {what} quote is not in the article: {quote!r}"
        checked += 1
    assert checked > 100


def test_every_number_of_the_article_is_in_the_base(default_facts: FactBase, article: str) -> None:
    known: set[float] = set()
    for entity in default_facts.entities.values():
        if entity.date:
            known.add(float(entity.date[:4]))
        for statement in entity.statements:
            if statement.source == "article" and statement.date:
                known.add(float(statement.date[:4]))
        for item in entity.figures:
            if item.source != "article":
                continue
            known.add(item.value)
            if item.change is not None:
                known.add(item.change)
            known.update(float(year) for year in re.findall(r"\d{4}", item.period))
            known.update(float(number) for number in re.findall(r"\d+", item.metric))
    body = article.split("\n", 3)[3]  # past the site name and the headline
    missing = []
    for match in re.finditer(r"\d+(?:,\d{3})*(?:\.\d+)?", body):
        if body[match.end() : match.end() + 1].isalpha():
            continue  # "5G" is a name, not a number
        if float(match[0].replace(",", "")) not in known:
            missing.append(match[0])
    assert not missing, f"numbers of the article not in the fact base: {missing}"
    words = {item.as_published for _, item in default_facts.figures() if item.source == "article"}
    for word in ("six", "five", "one-seventh", "four-day"):
        assert word in article
        assert word in words


# ------------------------------------------------------------------------------ history


def test_gdp_series_years_and_gaps(default_facts: FactBase) -> None:
    gdp = series(default_facts, "liaoning-gdp")
    assert (gdp.unit, gdp.scale) == ("yuan", "billion")
    points = by_period(gdp)
    assert list(points) == [str(year) for year in range(2008, 2025)]
    for year in ("2011", "2012", "2013", "2014", "2016", "2019"):
        assert points[year] is None, year
    assert points["2008"] == pytest.approx(1346.16)
    assert points["2021"] == pytest.approx(2758.41)
    assert points["2023"] == pytest.approx(3020.94)
    assert points["2024"] == pytest.approx(3261.27)
    converted = [point for point in gdp.points if point.note.startswith("Converted from")]
    assert {point.period for point in converted} >= {"2008", "2009", "2021", "2022", "2023"}
    growth = by_period(series(default_facts, "liaoning-gdp-growth"))
    assert list(growth) == [str(year) for year in range(2008, 2025)]
    assert [year for year, value in growth.items() if value is None] == [
        "2010",
        "2011",
        "2012",
        "2013",
        "2019",
    ]
    assert growth["2016"] == -2.5
    assert growth["2018"] == 5.7


def test_first_half_growth_series_holds_the_article_figure(default_facts: FactBase) -> None:
    half = series(default_facts, "liaoning-gdp-growth-h1")
    last = half.points[-1]
    assert (last.period, last.value, last.source) == ("2023-H1", 5.6, "article")


def test_siasun_revenue(default_facts: FactBase) -> None:
    revenue = series(default_facts, "siasun-revenue")
    assert (revenue.unit, revenue.scale) == ("yuan", "million")
    points = {point.period: point for point in revenue.points}
    assert list(points) == [str(year) for year in range(2009, 2025)]
    for year in range(2009, 2019):
        point = points[str(year)]
        assert point.note == "derived: sum of quarterly revenue"
        assert default_facts.sources[point.source].kind == "derived"
    assert points["2009"].value == 466.5
    assert points["2018"].value == 3094.7
    assert points["2019"].value == 2745
    assert points["2024"].value == 4138


def test_port_container_series(default_facts: FactBase) -> None:
    dalian = series(default_facts, "port-dalian-containers")
    yingkou = series(default_facts, "port-yingkou-containers")
    for item in (dalian, yingkou):
        assert (item.unit, item.scale) == ("teu", "million")
    dalian_points = by_period(dalian)
    assert dalian_points["2013"] == 10.015
    (point_2013,) = [point for point in dalian.points if point.period == "2013"]
    assert point_2013.source == "sinotf-2014-01"
    assert "gives 10.86 million" in point_2013.note
    assert dalian_points["2014"] == 10.13
    assert dalian_points["2018"] == 9.77
    assert dalian_points["2019"] is None
    assert dalian_points["2020"] == 5.11
    yingkou_points = by_period(yingkou)
    assert yingkou_points["2012"] == 4.851
    assert yingkou_points["2016"] == 6.087
    assert all(yingkou_points[str(year)] is None for year in range(2006, 2011))
    assert "port-dalian-containers" in [
        item.id for item in default_facts.entity("port-dalian").series
    ]


def test_cgip_output_history(default_facts: FactBase) -> None:
    output = series(default_facts, "cgip-industrial-output")
    assert (output.unit, output.scale) == ("yuan", "billion")
    points = by_period(output)
    assert (points["2021"], points["2022"]) == (94.61, 86.4)
    assert all(points[str(year)] is None for year in range(2014, 2021))
    assert output.scope == (
        "Gross industrial output of the park's industrial enterprises above designated size "
        "(规模以上工业总产值), calendar year."
    )
    brochure = figure(default_facts, "cgip", "Industrial output value", period="2014")
    assert (brochure.value, brochure.scale, brochure.period, brochure.source) == (
        480,
        "亿",
        "2014",
        "cgip-brochure",
    )
    assert brochure.doubt == ""


def test_every_series_is_ordered_without_overlap(default_facts: FactBase) -> None:
    for _, item in default_facts.all_series():
        assert item.confidence.strip() and item.scope.strip(), item.id
        spans = [parse_period(point.period) for point in item.points]
        for before, after in pairwise(spans):
            assert after.first > before.last, f"{item.id}: {before} overlaps {after}"
        for point in item.points:
            if point.value is not None:
                assert point.source, f"{item.id} {point.period}: a value without a source"


def test_excluded_sources_are_not_used(default_facts: FactBase) -> None:
    urls = " ".join(source.url for source in default_facts.sources.values())
    for unreliable in ("oo7.cn", "bkwk.cn", "78911.com.cn"):
        assert unreliable not in urls


# ------------------------------------------------------------------------------ shape


def test_every_source_is_cited(default_facts: FactBase) -> None:
    for source_id in default_facts.sources:
        assert default_facts.cited_by(source_id), f"source {source_id!r} is cited by nothing"


def test_entities_are_grouped_by_kind_province_first(default_facts: FactBase) -> None:
    kinds = [entity.kind for entity in default_facts.entities.values()]
    assert kinds[0] == "province"
    assert kinds == sorted(kinds, key=KIND_ORDER.index)


def test_every_entity_has_a_slug_and_a_summary(default_facts: FactBase) -> None:
    for entity in default_facts.entities.values():
        assert SLUG.fullmatch(entity.id), entity.id
        assert entity.summary.strip(), entity.id
        if entity.date:
            parse_date(entity.date)


def _dated(facts: FactBase, entity_id: str) -> list[tuple[str, str, str]]:
    return [
        (statement.date, statement.source, statement.text)
        for statement in facts.entity(entity_id).statements
    ]


def test_dates_as_the_sources_say_with_the_articles_kept(default_facts: FactBase) -> None:
    approval = _dated(default_facts, "dalian-ftz-approval")
    assert [(date, source) for date, source, _ in approval] == [
        ("2017-04", "article"),
        ("2017-03-15", "swt-ln-ftz-plan"),
    ]
    summary = default_facts.entity("dalian-ftz-approval").summary
    assert "notice dated 15 March 2017" in summary
    assert "launched on 10 April 2017" in summary
    assert """The article's "approved by the State Council in April 2017" is kept""" in summary
    launch = _dated(default_facts, "dalian-ftz")
    assert [(date, source) for date, source, _ in launch][-2:] == [
        ("2017-04-10", "dlftz-launch"),
        ("2017-04-10", "xinhua-2017-04-ftz"),
    ]
    park = _dated(default_facts, "cgip-plan-approval")
    assert [(date, source) for date, source, _ in park] == [
        ("2015-12", "article"),
        ("2015-12-17", "lnd-2020-12-cgip"),
        ("", "govcn-2015-12-cgip"),
    ]
    assert "23 December 2015" in park[2][2]
    wrc = _dated(default_facts, "wrc-2023")
    assert wrc[1][:2] == ("2023-08-16", "ccn-2023-08-wrc")
    assert "from 16 to 22 August 2023" in wrc[1][2]
    assert default_facts.entity("wrc-2023").summary.startswith(
        "The World Robot Conference held in Beijing from 16 to 22 August 2023"
    )


def test_every_name_date_and_link_cites_a_source_or_is_editorial(default_facts: FactBase) -> None:
    from liaoning_tui.facts.provenance import unsourced

    assert unsourced(default_facts, "") == []
    for entity in default_facts.entities.values():
        assert (entity.provenance.name_zh != "") == (entity.name_zh != ""), entity.id
        assert (entity.provenance.date != "") == (entity.date != ""), entity.id
        assert [alias for alias, _ in entity.provenance.aliases] == list(entity.aliases)


def test_names_no_source_writes_are_gone(default_facts: FactBase) -> None:
    aliases = {alias for entity in default_facts.entities.values() for alias in entity.aliases}
    assert not aliases & {"Dalian Port Group", "ZF Friedrichshafen", "BMW Group"}
    for person in default_facts.by_kind("person"):
        assert (person.id, person.name_zh) in {("fu-qiang", ""), ("li-kai", "")}
    cgip = default_facts.entity("cgip")
    assert cgip.provenance.of_alias("中德产业园") == "ce-2016-02-cgip"
    assert default_facts.sources["article"].url == (
        "eworksglobal.com/View/Article/NewsDetail.aspx?id=16016"
    )
    editorial = sorted(
        (entity.id, alias)
        for entity in default_facts.entities.values()
        for alias, cited in entity.provenance.aliases
        if cited == "editorial"
    )
    assert len(editorial) == 38
    assert ("port-dalian", "Dalian port") in editorial


def test_series_say_their_breaks_and_rate_every_period(default_facts: FactBase) -> None:
    gdp = series(default_facts, "liaoning-gdp")
    assert gdp.confidence.startswith(
        "High for 2008–09 and 2021–24; low for 2010 (one consultancy page); medium for 2014–20. "
        "2011–13 and 2019 are missing"
    )
    assert "imply a 2023 base of 3,261.27 / 1.039 = 3,138.9 billion yuan, not the 3,020.94" in (
        gdp.confidence
    )
    assert "implies 2,511 / 1.006 = 2,496 for 2019, a fall of about 1.3%" in gdp.confidence
    assert "the first quarter of 2019 grew 6.1%" in gdp.confidence
    assert "`" not in gdp.scope
    openings = {
        "port-dalian-containers": "Medium for 2011–18; low-medium for 2020",
        "port-yingkou-containers": "Low-medium for 2003–05 (China Daily and China Ports pages "
        "of 2005); medium for 2011–16; 2006–10 and 2017–21 were not found",
        "cgip-industrial-output": "Medium for 2021–22 (People's Daily and Xinhua reports); "
        "2014–20 were not found on this scope",
        "bmw-brilliance-production": "Low-medium for 2019–21",
    }
    for series_id, opening in openings.items():
        assert series(default_facts, series_id).confidence.startswith(opening), series_id


def _texts(facts: FactBase) -> list[str]:
    found: list[str] = []
    for source in facts.sources.values():
        found += [source.title, source.note]
    for entity in facts.entities.values():
        found.append(entity.summary)
        found += [item.note + item.doubt for item in entity.figures]
        found += [text for item in entity.series for text in (item.scope, item.confidence)]
        found += [point.note for item in entity.series for point in item.points]
        found += [statement.text for statement in entity.statements]
    return found


def test_no_text_cites_a_research_file_or_an_address_fragment(default_facts: FactBase) -> None:
    for text in _texts(default_facts):
        assert "time-series.md" not in text, text
        assert "names-and-places.md" not in text, text
        assert ".shtml" not in text and ".html" not in text, text
        assert "`" not in text, text


def test_notes_from_the_arithmetic_show_their_working(default_facts: FactBase) -> None:
    total = figure(default_facts, "dalian-ftz", "Total GDP over the past years")
    assert "Almost certainly cumulative" in total.note
    assert "329 / 2,897.51 billion in 2022 = 11.4%" in total.note
    assert round(329 / 2897.51 * 100, 1) == 11.4
    trade = figure(default_facts, "dalian-ftz", "Import and export", period="")
    assert "112.3 / 0.14 = 802 billion" in trade.note
    assert "130.8 / 0.165 = 793 billion in 2022" in trade.note
    assert (round(112.3 / 0.14), round(130.8 / 0.165)) == (802, 793)
    high_tech = figure(default_facts, "high-tech-manufacturing", "Growth, year on year")
    assert "(7 × 8.3 − 3 × 14.9) / 4 = 3.35, about 3.4%, for April–July" in high_tech.note
    assert round((7 * 8.3 - 3 * 14.9) / 4, 2) == 3.35
    for item in (total, trade, high_tech):
        assert item.doubt == ""
