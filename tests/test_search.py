"""Search ranking: exact and prefix names first, then fuzzy labels and metrics, then text."""

from __future__ import annotations

import dataclasses
import subprocess
import sys

import pytest

from liaoning_tui.facts import FactBase, loads
from liaoning_tui.facts.search import FIELDS, Hit, SearchIndex, index_for
from liaoning_tui.facts.spelling import fold, tokens

SMALL = """\
title = "Search cases"

[[sources]]
id = "article"
title = "An article"

[[entities]]
id = "robotics"
kind = "sector"
name = "Robotics"
summary = "Robot makers such as Siasun, and the parts they buy."

[[entities]]
id = "siasun"
kind = "company"
name = "Siasun Robot & Automation Co"
name_zh = "沈阳新松机器人自动化股份有限公司"
aliases = ["SIASUN", "新松"]
summary = "Robot maker established in Shenyang."

[[entities.figures]]
metric = "Invention patents"
value = 1300
unit = "count"
qualifier = "over"
source = "article"
quote = "gained over 1,300 invention patents"

[[entities.figures]]
metric = "Countries exported to"
value = 40
unit = "count"
source = "article"
quote = "exported to over 40 countries and regions"

[[entities]]
id = "twin-a"
kind = "company"
name = "Twin Machinery"

[[entities]]
id = "twin-b"
kind = "company"
name = "Twin Machinery"

[[entities]]
id = "robotics-park"
kind = "park"
name = "Robotics Park"
"""


@pytest.fixture(scope="module")
def small() -> SearchIndex:
    return SearchIndex(loads(SMALL))


@pytest.fixture(scope="module")
def default_index(default_facts: FactBase) -> SearchIndex:
    return SearchIndex(default_facts)


def ids(hits: list[Hit]) -> list[str]:
    return [hit.entity_id for hit in hits]


@pytest.mark.parametrize(
    ("query", "entity_id"),
    [
        ("新松", "siasun"),
        ("cgip", "cgip"),
        ("CGIP", "cgip"),
        ("ＣＧＩＰ", "cgip"),
        ("siasn", "siasun"),
        ("Siasun Robot", "siasun"),
        ("沈阳", "shenyang"),
        ("fu qiang", "fu-qiang"),
    ],
)
def test_default_base_first_hit(default_index: SearchIndex, query: str, entity_id: str) -> None:
    assert default_index.search(query)[0].entity_id == entity_id


def test_gdp_finds_the_province_gdp_figure(
    default_index: SearchIndex, default_facts: FactBase
) -> None:
    first = default_index.search("gdp")[0]
    assert (first.entity_id, first.field) == ("liaoning", "metric")
    assert first.figure is not None
    assert default_facts.entity("liaoning").figures[first.figure].metric == "GDP"


def test_an_entity_found_by_a_figure_is_not_listed_again_for_its_series(
    default_index: SearchIndex,
) -> None:
    hits = [hit for hit in default_index.search("gdp") if hit.entity_id == "liaoning"]
    assert [(hit.field, hit.text) for hit in hits] == [("metric", "GDP")]
    assert hits[0].figure is not None


def test_exact_name_then_prefix_then_fuzzy(small: SearchIndex) -> None:
    hits = small.search("robotics")
    assert [(hit.entity_id, hit.field) for hit in hits[:3]] == [
        ("robotics", "name"),
        ("robotics-park", "name"),
        ("siasun", "name"),
    ]
    assert hits[0].score > hits[1].score > hits[2].score
    assert 90 <= hits[1].score < 100
    assert hits[2].score <= 85


def test_exact_match_scores_100_and_reports_the_text_as_written(small: SearchIndex) -> None:
    assert small.search("robotics")[0] == Hit("robotics", 100.0, "name", "Robotics", None)
    assert small.search("siasun robot & automation co")[0].score == 100.0


def test_chinese_names_by_prefix_and_inner_bigrams(small: SearchIndex) -> None:
    assert small.search("新松")[0] == Hit("siasun", 100.0, "alias", "新松", None)
    inner = small.search("机器人")
    assert inner[0].entity_id == "siasun"
    assert inner[0].field == "name_zh"


def test_metric_hit_points_at_the_figure(small: SearchIndex) -> None:
    hit = small.search("invention patents")[0]
    assert hit == Hit("siasun", 85.0, "metric", "Invention patents", 0)
    assert small.search("countries exported")[0].figure == 1


def test_summaries_rank_below_names(small: SearchIndex) -> None:
    hits = small.search("established")
    assert hits == [Hit("siasun", hits[0].score, "summary", hits[0].text, None)]
    assert hits[0].score <= 60


def test_one_hit_per_entity_and_figure(small: SearchIndex) -> None:
    hits = small.search("siasun")
    keys = [(hit.entity_id, hit.figure) for hit in hits]
    assert len(keys) == len(set(keys))
    assert hits[0].entity_id == "siasun"
    assert hits[0].score == 100.0


def test_ties_keep_file_order(small: SearchIndex) -> None:
    hits = small.search("twin machinery")
    assert ids(hits) == ["twin-a", "twin-b"]
    assert hits[0].score == hits[1].score == 100.0
    assert small.search("twin machinery") == hits


def test_limit_and_empty_queries(small: SearchIndex) -> None:
    assert len(small.search("robot", limit=2)) == 2
    assert small.search("robot", limit=0) == []
    assert small.search("") == []
    assert small.search("   ") == []
    assert small.search("&&&") == []
    assert small.search("zqxjv") == []


def test_scores_stay_within_0_and_100(default_index: SearchIndex) -> None:
    for query in ("a", "port", "dalian", "新", "481.5", "throughput 2023"):
        for hit in default_index.search(query, limit=50):
            assert 0 <= hit.score <= 100
            assert hit.field in FIELDS


def test_fold_and_tokens() -> None:
    assert fold("  ＣＧＩＰ\tPark ") == "cgip park"
    assert tokens("新松 robot") == {"新", "松", "新松", "robot"}
    assert tokens("china-germany 5g") == {"china", "germany", "5g"}


def test_search_and_export_import_no_ui() -> None:
    code = (
        "import sys\n"
        "import liaoning_tui.facts.search, liaoning_tui.facts.export\n"
        "print(sorted(name for name in sys.modules if name.split('.')[0] in {'textual', 'rich'}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("query", "entity_id", "field", "text"),
    [
        ("瀋陽", "shenyang", "name_zh", "沈阳"),
        ("遼寧", "liaoning", "name_zh", "辽宁"),
        ("大連", "dalian", "name_zh", "大连"),
        ("xinsong", "siasun", "alias", "新松"),
        ("Xīnsōng", "siasun", "alias", "新松"),
        ("xin song", "siasun", "alias", "新松"),
        ("da lian", "dalian", "name_zh", "大连"),
        ("Dàlián", "dalian", "name", "Dalian"),
        ("shenyang", "shenyang", "name", "Shenyang"),
    ],
)
def test_chinese_as_readers_write_it(
    default_index: SearchIndex, query: str, entity_id: str, field: str, text: str
) -> None:
    first = default_index.search(query)[0]
    assert (first.entity_id, first.field, first.text) == (entity_id, field, text)


def test_pinyin_scores_exact_above_prefix(default_index: SearchIndex) -> None:
    exact = default_index.search("dalian gang")[0]
    assert (exact.entity_id, exact.text, exact.score) == ("port-dalian", "大连港", 97.0)
    spelled = "shenyangxinsongjiqirenzidonghuagufenyouxiangongsi"
    prefix = default_index.search("Shěnyáng Xīnsōng")[0]
    assert (prefix.entity_id, prefix.text) == ("siasun", "沈阳新松机器人自动化股份有限公司")
    assert prefix.score == pytest.approx(85.0 + 10.0 * len("shenyangxinsong") / len(spelled))


def test_a_word_inside_another_word_ranks_below_a_whole_word(default_index: SearchIndex) -> None:
    hits = default_index.search("port", limit=50)
    exports = [i for i, hit in enumerate(hits) if "export" in hit.text.casefold()]
    dalian = [i for i, hit in enumerate(hits) if hit.entity_id == "port-dalian"]
    ports = [hit for hit in hits if hit.text == "Ports"]
    assert exports
    assert dalian[0] < min(exports)
    assert all(hits[i].score < ports[0].score for i in exports)
    assert hits[exports[0]].score == pytest.approx(90 * 0.85 * 0.6)


def test_one_quote_shared_by_many_entities_is_one_hit_with_a_count(
    default_index: SearchIndex,
) -> None:
    hits = default_index.search("Liaoning has six ports, including Dalian", limit=50)
    quoted = [hit for hit in hits if hit.text.startswith("Liaoning has six ports")]
    assert [(hit.field, hit.count) for hit in quoted] == [("quote", 8)]


def test_field_labels_name_chinese_names_for_readers() -> None:
    from liaoning_tui.facts.search import FIELD_LABELS

    assert FIELD_LABELS["name_zh"] == "Chinese name"
    assert set(FIELD_LABELS) == set(FIELDS)


def test_one_fact_bases_index_is_built_once_per_process_and_another_base_gets_its_own() -> None:
    base = loads(SMALL)
    first = index_for(base)
    assert index_for(base) is first
    other = dataclasses.replace(base)
    assert index_for(other) is not first
    assert [hit.entity_id for hit in index_for(other).search("robot")] == [
        hit.entity_id for hit in first.search("robot")
    ]
