"""`liaoning-tui series`: the list, one series point by point, JSON, CSV and exit codes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from liaoning_tui.facts.series_export import LIST_COLUMNS, POINT_COLUMNS
from tests.batch import no_colour_settings, run  # noqa: F401 (an autouse fixture)


def test_series_lists_every_series_a_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "series")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert len(lines) == 13
    assert lines[0].split("\t") == [
        "liaoning-gdp",
        "liaoning",
        "GDP",
        "bn yuan",
        "2008",
        "2024",
        "11 points, 6 gaps",
    ]
    assert "port-dalian-containers\tport-dalian\tContainer throughput\tm TEU\t2011" in out


def test_series_of_an_entity_lists_its_series(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "series", "port-yingkou")
    assert code == 0
    assert [line.split("\t")[0] for line in out.splitlines()] == ["port-yingkou-containers"]


def test_one_series_point_by_point_with_sources(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "series", "siasun-revenue")
    assert (code, err) == (0, "")
    assert out.startswith("Siasun Robot & Automation Co · Revenue (m yuan)\n")
    row = next(line for line in out.splitlines() if line.startswith("2019 "))
    assert row.split() == ["2019", "2,745", "m", "yuan", "▼", "11.3%", "stockanalysis-300024"]
    first = next(line for line in out.splitlines() if line.startswith("2009 "))
    assert first.split() == ["2009", "466.5", "m", "yuan", "siasun-quarterly-sums"]
    assert "\nSources\n" in out
    assert (
        "stockanalysis-300024: Siasun Robot & Automation (SHE:300024) financials, "
        "stockanalysis.com, stockanalysis.com/quote/she/300024/financials"
    ) in " ".join(out.split("\n"))
    assert "confidence: High for 2019–24" in out
    assert "\x1b" not in out


def test_a_gap_reads_gap_and_breaks_the_change(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "series", "liaoning-gdp")
    table = out.split("\nscope: ")[0]
    rows = {line.split()[0]: line.split()[1:] for line in table.splitlines() if line[:4].isdigit()}
    assert rows["2019"] == ["gap"]
    assert rows["2020"][:3] == ["2,511", "bn", "yuan"]
    assert len(rows["2020"]) == 4, "a point after a gap has no change on the previous point"


def test_series_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "series", "siasun-revenue", "--json")
    assert code == 0
    data = json.loads(out)
    assert (data["id"], data["entity"], data["unit"], data["scale"]) == (
        "siasun-revenue",
        "siasun",
        "yuan",
        "million",
    )
    point = next(point for point in data["data"] if point["period"] == "2019")
    assert point["value"] == 2745
    assert point["value_base"] == 2745000000
    assert point["change_on_previous"] == pytest.approx(-11.299964, abs=1e-6)
    assert point["source"] == "stockanalysis-300024"
    assert "stockanalysis-300024" in [source["id"] for source in data["sources"]]


def test_series_csv(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "series", "liaoning-gdp", "--csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert tuple(rows[0]) == POINT_COLUMNS
    assert len(rows) == 17
    gap = next(row for row in rows if row["period"] == "2019")
    assert (gap["value"], gap["value_base"], gap["change_on_previous"]) == ("", "", "")
    first = rows[0]
    assert (first["value"], first["scale"], first["value_base"]) == (
        "1346.16",
        "billion",
        "1346160000000",
    )


def test_series_list_json_and_csv(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "series", "--json")
    listed = json.loads(out)
    assert listed[0] == {
        "id": "liaoning-gdp",
        "entity": "liaoning",
        "metric": "GDP",
        "unit": "yuan",
        "scale": "billion",
        "first": "2008",
        "last": "2024",
        "points": 11,
        "gaps": 6,
    }
    _, out, _ = run(capsys, "series", "--csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert tuple(rows[0]) == LIST_COLUMNS
    assert len(rows) == 1 + len(listed)


def test_unknown_series_suggests_and_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "series", "siasun-revenu")
    assert (code, out) == (1, "")
    assert err == "liaoning-tui series: no series 'siasun-revenu'; did you mean: siasun-revenue?\n"
    code, _, err = run(capsys, "series", "zzz")
    assert (code, err) == (
        1,
        "liaoning-tui series: no series 'zzz'; liaoning-tui series lists every id\n",
    )


def test_json_and_csv_together_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "series", "liaoning-gdp", "--json", "--csv")
    assert (code, out) == (2, "")
    assert "argument --csv: not allowed with argument --json" in err


def test_a_broken_fact_base_exits_1(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "missing.toml"
    code, out, err = run(capsys, "series", "--facts", str(missing))
    assert (code, out, err) == (1, "", f"{missing}: no such file\n")


def test_help_has_an_example_and_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "series", "--help")
    assert code == 0
    assert "liaoning-tui series siasun-revenue" in out
    assert "exit codes: 0 ok, 1 no such series or bad fact base, 2 usage" in out
