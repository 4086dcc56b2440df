"""Every kind of problem the checker finds, each with its exact message, key path and position."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from liaoning_tui.facts import FactBaseError, Problem, load, loads
from tests.conftest import MINIMAL

WriteFacts = Callable[[str], Path]


def problems_of(text: str) -> list[str]:
    with pytest.raises(FactBaseError) as caught:
        loads(text, "f.toml")
    return [str(problem) for problem in caught.value.problems]


def test_minimal_base_loads() -> None:
    facts = loads(MINIMAL)
    figure = facts.entity("liaoning").figures[0]
    assert (figure.value, figure.scale, figure.qualifier, figure.change) == (
        1.4,
        "trillion",
        "exceed",
        5.6,
    )


def test_toml_syntax_error_names_line_and_column() -> None:
    assert problems_of('title = "x"\nsources = [\n') == ["f.toml:3:1: invalid TOML: Invalid value"]


def test_unknown_key_suggests_the_close_one() -> None:
    text = MINIMAL.replace('metric = "GDP"', 'metric = "GDP"\nperod = "2023"')
    assert problems_of(text) == [
        "f.toml:15:1: entities[0].figures[0].perod: unknown key 'perod'; did you mean 'period'?"
    ]


def test_missing_required_key_points_at_its_table() -> None:
    text = MINIMAL.replace('quote = "the province saw its GDP exceed 1.4 trillion yuan"\n', "")
    assert problems_of(text) == [
        "f.toml:13:1: entities[0].figures[0]: missing required key 'quote'"
    ]


def test_wrong_type_names_both_types() -> None:
    text = MINIMAL.replace("value = 1.4", 'value = "1.4"')
    assert problems_of(text) == [
        "f.toml:15:9: entities[0].figures[0].value: expected a number, found a string"
    ]


def test_boolean_is_not_a_number() -> None:
    text = MINIMAL.replace("change = 5.6", "change = true")
    assert problems_of(text) == [
        "f.toml:20:10: entities[0].figures[0].change: expected a number, found a boolean"
    ]


def test_duplicate_id_names_the_first_line() -> None:
    text = MINIMAL + '\n[[entities]]\nid = "liaoning"\nkind = "city"\nname = "Again"\n'
    assert problems_of(text) == [
        "f.toml:25:6: entities[1].id: duplicate entity id 'liaoning' (first at line 9)"
    ]


def test_dangling_references_to_sources_and_entities() -> None:
    text = (
        MINIMAL.replace('source = "article"', 'source = "artcle"')
        + '\n[[entities.links]]\nrel = "part_of"\nto = "china"\n'
    )
    assert problems_of(text) == [
        "f.toml:21:10: entities[0].figures[0].source: no source with id 'artcle';"
        " did you mean 'article'?",
        "f.toml:26:6: entities[0].links[0].to: no entity with id 'china'",
    ]


@pytest.mark.parametrize(
    ("period", "message"),
    [
        (
            "2023-13",
            "malformed period '2023-13': expected YYYY, YYYY-MM, YYYY-MM-DD, YYYY-H1,"
            " YYYY-Q1, or a range A..B of those",
        ),
        ("2023-H3", "malformed period '2023-H3': a year has two halves"),
        ("2023-07..2023-01", "malformed period '2023-07..2023-01': it ends before it starts"),
        (
            "H1 2023",
            "malformed period 'H1 2023': expected YYYY, YYYY-MM, YYYY-MM-DD, YYYY-H1,"
            " YYYY-Q1, or a range A..B of those",
        ),
    ],
)
def test_malformed_periods(period: str, message: str) -> None:
    text = MINIMAL.replace('period = "2023-H1"', f'period = "{period}"')
    assert problems_of(text) == [f"f.toml:18:10: entities[0].figures[0].period: {message}"]


def test_malformed_date_names_the_missing_day() -> None:
    text = MINIMAL.replace('name = "Liaoning"', 'name = "Liaoning"\ndate = "2023-02-30"')
    assert problems_of(text) == [
        "f.toml:12:8: entities[0].date: malformed date '2023-02-30': 2023-02 has no day 30"
    ]


def test_unknown_unit_lists_the_known_ones() -> None:
    text = MINIMAL.replace('unit = "yuan"', 'unit = "yaun"')
    (problem,) = problems_of(text)
    assert problem.startswith(
        "f.toml:16:8: entities[0].figures[0].unit: unknown unit 'yaun'; did you mean 'yuan'?"
        " (one of 'yuan', 'usd', 'percent', 'km2'"
    )


@pytest.mark.parametrize("value", ["nan", "inf", "-inf"])
def test_values_must_be_finite(value: str) -> None:
    text = MINIMAL.replace("value = 1.4", f"value = {value}")
    assert problems_of(text) == [
        f"f.toml:15:9: entities[0].figures[0].value: value must be a finite number, found"
        f" {float(value)}"
    ]


def test_negative_area_makes_no_sense() -> None:
    text = MINIMAL.replace('unit = "yuan"', 'unit = "km2"').replace("value = 1.4", "value = -48")
    assert problems_of(text) == [
        "f.toml:15:9: entities[0].figures[0].value: a value in km2 cannot be negative"
    ]


def test_series_points_in_order_and_sourced() -> None:
    text = MINIMAL + (
        '\n[[entities.series]]\nid = "gdp"\nmetric = "GDP"\nunit = "yuan"\nconfidence = "high"\n'
        'points = [\n  { period = "2022", value = 1.0, source = "article" },\n'
        '  { period = "2021", value = 2.0 },\n]\n'
    )
    assert problems_of(text) == [
        "f.toml:31:3: entities[0].series[0].points[1]: a point with a value needs a 'source'",
        "f.toml:31:14: entities[0].series[0].points[1].period: period '2021' does not come after"
        " '2022'",
    ]


def test_all_problems_reported_in_one_run_in_file_order() -> None:
    text = (
        MINIMAL.replace('kind = "province"', 'kind = "provnce"')
        .replace('unit = "yuan"', 'unit = "yen"')
        .replace("change = 5.6", 'change = "5.6"')
    )
    found = problems_of(text)
    assert [line.split(": ")[1] for line in found] == [
        "entities[0].kind",
        "entities[0].figures[0].unit",
        "entities[0].figures[0].change",
    ]
    assert [line.split(":")[1] for line in found] == ["10", "16", "20"]


def test_malformed_id() -> None:
    text = MINIMAL.replace('id = "liaoning"', 'id = "Liao Ning"')
    assert problems_of(text) == [
        "f.toml:9:6: entities[0].id: malformed id 'Liao Ning': use lower-case letters, digits and"
        " single hyphens"
    ]


def test_positions_inside_inline_tables_and_multiline_strings() -> None:
    text = (
        'title = """\nmany [[lines]]\n"""\n'
        "sources = [ { id = 'a', title = 'x', kind = 'gossip' } ]\n"
        'entities = [ { id = "e", kind = "city", name = "E" } ]\n'
    )
    assert problems_of(text) == [
        "f.toml:4:45: sources[0].kind: unknown source kind 'gossip' (one of 'article',"
        " 'bulletin', 'company', 'data', 'derived', 'news', 'reference')"
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty; a fact base needs a title, sources and entities"),
        (b"  \n\n", "the file is empty; a fact base needs a title, sources and entities"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "a binary file, not a TOML fact base"),
    ],
)
def test_unusable_files(write_facts: WriteFacts, content: bytes, message: str) -> None:
    path = write_facts("")
    path.write_bytes(content)
    with pytest.raises(FactBaseError) as caught:
        load(path)
    assert caught.value.problems == (Problem(str(path), message),)


def test_non_utf8_names_the_byte(write_facts: WriteFacts) -> None:
    path = write_facts("")
    path.write_bytes(b'title = "ok"\nname = "Liaoning \xe9"\n')
    with pytest.raises(FactBaseError) as caught:
        load(path)
    assert [str(problem) for problem in caught.value.problems] == [
        f"{path}:2:18: not UTF-8 text (byte 0xe9); save the file as UTF-8"
    ]


def test_missing_file_and_directory(tmp_path: Path) -> None:
    for target, message in [
        (tmp_path / "nope.toml", "no such file"),
        (tmp_path, "is a directory, not a fact base file"),
    ]:
        with pytest.raises(FactBaseError) as caught:
            load(target)
        assert [str(problem) for problem in caught.value.problems] == [f"{target}: {message}"]


def test_series_points_must_not_overlap() -> None:
    text = MINIMAL + (
        '\n[[entities.series]]\nid = "gdp"\nmetric = "GDP"\nunit = "yuan"\nconfidence = "high"\n'
        'points = [\n  { period = "2009", value = 1.0, source = "article" },\n'
        '  { period = "2009-H2", value = 2.0, source = "article" },\n]\n'
    )
    assert problems_of(text) == [
        "f.toml:31:14: entities[0].series[0].points[1].period: period '2009-H2' overlaps '2009'"
    ]
