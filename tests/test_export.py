"""JSON, CSV and Markdown exports: complete, exact, and inert to markup in the data."""

from __future__ import annotations

import csv
import io
import json
import unicodedata

import pytest

from liaoning_tui.facts import FactBase, FactBaseError, loads
from liaoning_tui.facts.export import (
    CSV_COLUMNS,
    dumps,
    from_json,
    md,
    md_line,
    plain_number,
    to_csv,
    to_json,
    to_markdown,
)
from tests.conftest import RICH


@pytest.fixture(scope="module")
def rich() -> FactBase:
    return loads(RICH)


def test_json_round_trip_of_a_rich_base(rich: FactBase) -> None:
    again = from_json(to_json(rich))
    assert again.title == rich.title
    assert again.entities == rich.entities
    assert again.sources == rich.sources
    assert list(again.entities) == list(rich.entities)
    assert to_json(again) == to_json(rich)


def test_json_round_trip_of_the_default_base(default_facts: FactBase) -> None:
    again = from_json(to_json(default_facts))
    assert again.entities == default_facts.entities
    assert again.sources == default_facts.sources


def test_json_is_complete_and_plain(rich: FactBase) -> None:
    data = json.loads(to_json(rich))
    assert data["schema"] == 1
    assert [source["id"] for source in data["sources"]] == ["article", "bulletin"]
    siasun = data["entities"][2]
    assert siasun["aliases"] == ["SIASUN", "新松"]
    assert siasun["links"][0] == {
        "rel": "located_in",
        "to": "shenyang",
        "role": "",
        "source": "article",
        "quote": "Established in 2000 in the provincial capital Shenyang",
    }
    gdp = data["entities"][0]["series"][0]
    assert gdp["points"][1] == {
        "period": "2022",
        "value": None,
        "source": "",
        "quote": "",
        "change": None,
        "note": "",
    }
    assert "新松" in to_json(rich)


ONE_SOURCE = '"sources": [{"id": "s", "title": "t"}]'


@pytest.mark.parametrize(
    ("text", "messages"),
    [
        ("{", ["<json>:1:2: invalid JSON: Expecting property name enclosed in double quotes"]),
        ("[]", ["<json>: expected an object"]),
        (
            '{"schema": 2, "title": "x", ' + ONE_SOURCE + ', "entities": [{"id": "a",'
            ' "kind": "city", "name": "A"}]}',
            ["<json>: schema: schema 2 is not supported (this reads 1)"],
        ),
        (
            '{"schema": 1, "title": "x", "entities": []}',
            [
                "<json>: missing required key 'sources'",
                "<json>: entities: a fact base needs at least one entity",
            ],
        ),
        (
            '{"schema": 1, "title": "x", ' + ONE_SOURCE + ', "entities": [{"id": "a"}]}',
            [
                "<json>: entities[0]: missing required key 'kind'",
                "<json>: entities[0]: missing required key 'name'",
            ],
        ),
        (
            '{"schema": 1, "title": "x", "sources": [{"id": "s", "title": "t", "x": 1}],'
            ' "entities": [{"id": "a", "kind": "city", "name": "A"}]}',
            ["<json>: sources[0].x: unknown key 'x'"],
        ),
        (
            '{"schema": 1, "title": "x", ' + ONE_SOURCE + ', "entities": [{"id": "a",'
            ' "kind": "city", "name": "A", "figures": [{"metric": "m", "value": true,'
            ' "unit": "count", "source": "s", "quote": "q"}]}]}',
            ["<json>: entities[0].figures[0].value: expected a number, found a boolean"],
        ),
        (
            '{"schema": 1, "title": "x", ' + ONE_SOURCE + ', "entities": [{"id": "a",'
            ' "kind": "citty", "name": "A", "figures": [{"metric": "m", "value": 1,'
            ' "unit": "yaun", "source": "s", "quote": "q"}],'
            ' "links": [{"rel": "located_in", "target": "nowhere"}]}]}',
            [
                "<json>: entities[0].kind: unknown kind 'citty'; did you mean 'city'?",
                "<json>: entities[0].figures[0].unit: unknown unit 'yaun'; did you mean 'yuan'?",
                "<json>: entities[0].links[0].to: no entity with id 'nowhere'",
            ],
        ),
    ],
)
def test_from_json_is_checked_as_a_toml_file_is(text: str, messages: list[str]) -> None:
    with pytest.raises(FactBaseError) as caught:
        from_json(text)
    found = [str(problem) for problem in caught.value.problems]
    assert len(found) == len(messages)
    assert [line[: len(message)] for line, message in zip(found, messages, strict=True)] == messages


def test_csv_has_a_row_per_figure_and_point(rich: FactBase) -> None:
    rows = list(csv.reader(io.StringIO(to_csv(rich))))
    assert tuple(rows[0]) == CSV_COLUMNS
    points = sum(len(series.points) for _, series in rich.all_series())
    assert len(rows) - 1 == rich.figure_count + points == 9
    assert rows[1] == [
        "liaoning",
        "Liaoning",
        "GDP",
        "1.4",
        "yuan",
        "trillion",
        "2023-H1",
        "5.6",
        "exceed",
        "article",
        "the province saw its GDP exceed 1.4 trillion yuan",
        "",
        "",
        "",
        "",
        "",
        "",
        "1400000000000",
    ]
    gap = rows[4]
    assert (gap[2], gap[3], gap[6], gap[9], gap[12]) == ("GDP", "", "2022", "", "liaoning-gdp")
    assert rows[5][3:8] == ["30209.4", "yuan", "亿", "2023", "-0.5"]
    assert rows[6][3] == "1300"


def test_csv_gives_every_value_in_base_units(rich: FactBase) -> None:
    rows = list(csv.DictReader(io.StringIO(to_csv(rich))))
    assert [(row["value"], row["scale"], row["value_base"]) for row in rows[3:5]] == [
        ("", "亿", ""),
        ("30209.4", "亿", "3020940000000"),
    ]


def test_csv_quotes_commas_quotes_and_newlines(rich: FactBase) -> None:
    text = to_csv(rich)
    assert '"Sales, ""net"""' in text
    last = list(csv.reader(io.StringIO(text)))[-1]
    assert last[2] == 'Sales, "net"'
    assert last[10] == 'a quote, with "quotes"\nand a second line'


def test_csv_of_the_default_base_counts(default_facts: FactBase) -> None:
    rows = list(csv.DictReader(io.StringIO(to_csv(default_facts))))
    points = sum(len(series.points) for _, series in default_facts.all_series())
    assert len(rows) == default_facts.figure_count + points


def test_markdown_groups_like_the_tree(rich: FactBase) -> None:
    text = to_markdown(rich)
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Overview",
        "## Parks & zones",
        "## Companies",
        "## Cities",
        "## Sources",
    ]
    assert text.startswith("# Rich test base\n\n5 entities, 6 figures, 1 series, 2 sources.\n")
    assert "### Siasun Robot & Automation Co · 新松机器人自动化股份有限公司" in text


def test_markdown_shows_every_figure_with_its_source_and_doubts(rich: FactBase) -> None:
    text = to_markdown(rich)
    assert "| 1 | GDP | 1.4 tn yuan | exceed | H1 2023 | ▲ 5.6% | `article` |" in text
    assert "| 1 | Gross industrial output value | 481.5 bn yuan ⚠ |" in text
    assert (
        "> ⚠ **Doubt on Gross industrial output value, H1 2023:** "
        "Ten times the park's published output for the whole year." in text
    )
    assert "> **Note on Share of foreign-funded enterprises:** of the province's total" in text
    assert "(Aug 2023) — “Siasun Robot & Automation Co showcased its latest robots”" in text
    assert "1. “the province saw its GDP exceed 1.4 trillion yuan”" in text
    assert "| 2022 | gap |  |  |  |" in text
    assert "*Confidence: High for 2021-2023; 2022 is missing.*" in text
    assert "- located in Shenyang (`shenyang`)" in text
    assert "- location of: Siasun Robot & Automation Co (`siasun`)" in text
    assert "| `bulletin` | Statistical bulletin |  |  | bulletin | stats.example/2023 |" in text


def test_markdown_escapes_what_the_data_says(rich: FactBase) -> None:
    text = to_markdown(rich)
    assert "### \\[b\\]Bold\\[/b\\] \\| Pipe\\_Co" in text
    assert "\x1b" not in text
    assert "Its name looks like markup.[31m Red? Tabbed." not in text
    assert "Its name looks like markup.\\[31m Red? Tabbed." in text


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("a|b", "a\\|b"),
        ("*x* _y_ `z` <t> #h", "\\*x\\* \\_y\\_ \\`z\\` \\<t\\> \\#h"),
        ("1.4 tn, -2.5%", "1.4 tn, -2.5%"),
        ("line\nbreak", "line break"),
    ],
)
def test_md_escapes(text: str, escaped: str) -> None:
    assert md(text) == escaped


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("1. not a list", "1\\. not a list"),
        ("2000) not a list", "2000\\) not a list"),
        ("- not a bullet", "\\- not a bullet"),
        ("+ not a bullet", "\\+ not a bullet"),
        ("a - b", "a - b"),
    ],
)
def test_md_line_escapes_list_starts(text: str, escaped: str) -> None:
    assert md_line(text) == escaped


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (84.0, "84"),
        (1.4, "1.4"),
        (-2.5, "-2.5"),
        (2866.902, "2866.902"),
        (1e20, "1e+20"),
    ],
)
def test_plain_number(value: float | None, text: str) -> None:
    assert plain_number(value) == text


def test_dumps_escapes_what_a_terminal_would_act_on() -> None:
    text = dumps({"name": "a\x1b[31mb\x9bc\u202ed\u200be\U000e0041f新松"})
    assert text == ('{\n  "name": "a\\u001b[31mb\\u009bc\\u202ed\\u200be\\udb40\\udc41f新松"\n}\n')
    assert json.loads(text) == {"name": "a\x1b[31mb\x9bc\u202ed\u200be\U000e0041f新松"}


def test_dumps_leaves_no_control_or_format_character_raw() -> None:
    every = "".join(
        chr(code)
        for code in range(0x110000)
        if unicodedata.category(chr(code)) in {"Cc", "Cf"} and not 0xD800 <= code <= 0xDFFF
    )
    text = dumps(every)
    assert not any(unicodedata.category(char) in {"Cc", "Cf"} for char in text.rstrip("\n"))
    assert json.loads(text) == every


def test_csv_of_the_default_base_reads_back_with_doubts_notes_and_words_apart(
    default_facts: FactBase,
) -> None:
    rows = list(csv.DictReader(io.StringIO(to_csv(default_facts))))
    doubted = [(row["entity_id"], row["metric"], row["value"]) for row in rows if row["doubt"]]
    assert doubted == [
        ("cgip", "Gross industrial output value", "481.5"),
        ("cgip", "Gross industrial output value, in US dollars", "66"),
    ]
    figures = [row for row in rows if not row["series"]]
    points = [row for row in rows if row["series"]]
    assert sum(1 for row in points if row["note"]) == sum(
        1 for _, series in default_facts.all_series() for point in series.points if point.note
    )
    assert all(row["as_published"] == "" for row in points)
    fdi = next(row for row in figures if row["as_published"] == "one-seventh")
    assert (fdi["entity_id"], fdi["value"], fdi["unit"]) == ("dalian-ftz", "0.142857", "fraction")
    gdp = next(row for row in points if row["series"] == "liaoning-gdp")
    series = {series.id: series for _, series in default_facts.all_series()}["liaoning-gdp"]
    assert (gdp["scope"], gdp["confidence"]) == (series.scope, series.confidence)
    assert gdp["confidence"]
    noted = [row for row in figures if row["note"]]
    assert len(noted) == sum(1 for _, figure in default_facts.figures() if figure.note)
