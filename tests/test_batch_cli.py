"""show, list, search and export through the real entry point, in-process and as a subprocess."""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

import pytest

from liaoning_tui import atomic as _batch_output
from liaoning_tui.cli import main
from liaoning_tui.facts import FactBase, load
from liaoning_tui.facts.export import from_json
from liaoning_tui.facts.vocabulary import KIND_ORDER
from tests.batch import no_colour_settings, run  # noqa: F401 (an autouse fixture)
from tests.conftest import RICH

VALID_KINDS = ", ".join(KIND_ORDER)


@pytest.fixture
def rich_path(write_facts: Callable[[str], Path]) -> Path:
    return write_facts(RICH)


def subprocess_env(**extra: str) -> dict[str, str]:
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in {"NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "COLUMNS"}
    }
    return {**env, **extra}


def run_module(*argv: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "liaoning_tui", *argv],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=subprocess_env(**env),
        check=False,
    )


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("command", ["show", "list", "search", "export"])
def test_help_has_an_example_and_exit_codes(
    capsys: pytest.CaptureFixture[str], command: str
) -> None:
    code, out, _ = run(capsys, command, "--help")
    assert code == 0
    assert "example" in out
    assert "exit codes: 0" in out


@pytest.mark.parametrize(
    "argv",
    [["show", "siasun"], ["list"], ["search", "siasun"], ["export", "--format", "json"]],
)
def test_a_broken_fact_base_exits_1_with_its_problem(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[str]
) -> None:
    missing = tmp_path / "missing.toml"
    code, out, err = run(capsys, *argv, "--facts", str(missing))
    assert (code, out, err) == (1, "", f"{missing}: no such file\n")


def test_show_prints_the_whole_entity(capsys: pytest.CaptureFixture[str], rich_path: Path) -> None:
    code, out, err = run(capsys, "show", "siasun", "--facts", str(rich_path))
    assert (code, err) == (0, "")
    assert out.startswith("Siasun Robot & Automation Co  新松机器人自动化股份有限公司\n")
    assert (
        "company · siasun · 2000\nChinese name, date (no source) · also: SIASUN, 新松 (no source)\n"
        in out
    )
    assert "Robot maker established in Shenyang in 2000." in out
    assert "Invention patents" in out
    assert "1,300" in out
    assert "“gained over 1,300 invention patents”" in out
    assert "located in   Shenyang   shenyang" in out
    assert "Showed its latest robots at the 2023 World Robot Conference. (Aug 2023)" in out
    assert "article Liaoning's push for high-tech industry expansion — e-works, 2023-08" in out
    assert "\x1b" not in out
    assert all(line == line.rstrip() for line in out.splitlines())


def test_show_figures_with_period_change_qualifier_and_doubt(
    capsys: pytest.CaptureFixture[str], rich_path: Path
) -> None:
    _, out, _ = run(capsys, "show", "liaoning", "--facts", str(rich_path))
    row = next(line for line in out.splitlines() if line.startswith("1 "))
    assert " ".join(row.split()) == "1 GDP 1.4 tn yuan exceed H1 2023 ▲ 5.6% article"
    assert "Jan–Jul 2023" in out
    assert "2022     gap" in out
    assert "confidence: High for 2021-2023; 2022 is missing." in out
    assert "location of   Shenyang   shenyang   provincial capital" in out
    _, park, _ = run(capsys, "show", "cgip", "--facts", str(rich_path))
    assert "481.5 bn yuan ⚠" in park
    assert "⚠ doubt: Ten times the park's published output for the whole year." in park
    assert "one-seventh" in park
    assert "note: of the province's total" in park


def test_show_prints_data_as_text_never_markup(
    capsys: pytest.CaptureFixture[str], rich_path: Path
) -> None:
    _, out, _ = run(capsys, "show", "markup-co", "--facts", str(rich_path))
    assert out.startswith("[b]Bold[/b] | Pipe_Co\n")
    assert "Its name looks like markup.[31m Red? Tabbed." in out
    assert "\x1b" not in out
    assert "\t" not in out


def test_show_unknown_id_suggests_the_closest(
    capsys: pytest.CaptureFixture[str], rich_path: Path
) -> None:
    assert run(capsys, "show", "siasn", "--facts", str(rich_path)) == (
        1,
        "",
        "liaoning-tui show: no entity 'siasn'; did you mean: siasun?\n",
    )
    assert run(capsys, "show", "新松", "--facts", str(rich_path))[2] == (
        "liaoning-tui show: no entity '新松'; did you mean: siasun?\n"
    )
    assert run(capsys, "show", "zqxjv", "--facts", str(rich_path)) == (
        1,
        "",
        "liaoning-tui show: no entity 'zqxjv'; liaoning-tui list shows every id\n",
    )


def test_show_unknown_id_in_the_default_base(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "show", "siasn") == (
        1,
        "",
        "liaoning-tui show: no entity 'siasn'; did you mean: siasun?\n",
    )


def test_show_without_an_id_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "show")
    assert code == 2
    assert err.endswith("liaoning-tui show: error: the following arguments are required: ID\n")


def test_show_json(capsys: pytest.CaptureFixture[str], rich_path: Path) -> None:
    code, out, _ = run(capsys, "show", "shenyang", "--json", "--facts", str(rich_path))
    assert code == 0
    data = json.loads(out)
    assert data["entity"]["id"] == "shenyang"
    assert data["entity"]["links"][0]["to"] == "liaoning"
    assert [back["origin"] for back in data["backlinks"]] == ["siasun", "cgip"]
    assert data["backlinks"][0]["rel"] == "located_in"
    assert data["sources"] == []
    _, out, _ = run(capsys, "show", "siasun", "--json", "--facts", str(rich_path))
    assert [source["id"] for source in json.loads(out)["sources"]] == ["article"]


def test_show_every_entity_of_the_default_base(
    capsys: pytest.CaptureFixture[str], default_facts: FactBase
) -> None:
    for entity_id, entity in default_facts.entities.items():
        code, out, err = run(capsys, "show", entity_id)
        assert (code, err) == (0, "")
        assert out.startswith(entity.name.split()[0])
        assert "\x1b" not in out


def test_show_on_a_terminal_has_styles_and_no_color_removes_them(
    monkeypatch: pytest.MonkeyPatch, rich_path: Path
) -> None:
    monkeypatch.setenv("TERM", "xterm-256color")
    terminal = FakeTerminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    assert main(["show", "liaoning", "--facts", str(rich_path)]) == 0
    assert "\x1b[" in terminal.getvalue()
    monkeypatch.setenv("NO_COLOR", "1")
    plain = FakeTerminal()
    monkeypatch.setattr(sys, "stdout", plain)
    assert main(["show", "liaoning", "--facts", str(rich_path)]) == 0
    assert "\x1b" not in plain.getvalue()
    assert "▲ 5.6%" in plain.getvalue()


def test_piped_output_has_no_escape_codes(rich_path: Path) -> None:
    for argv in (["show", "liaoning"], ["list"], ["search", "siasun"]):
        result = run_module(*argv, "--facts", str(rich_path), TERM="xterm-256color")
        assert result.returncode == 0, result.stderr
        assert result.stdout
        assert "\x1b" not in result.stdout


def test_no_color_wins_over_a_forced_terminal(rich_path: Path) -> None:
    argv = ("show", "liaoning", "--facts", str(rich_path))
    forced = run_module(*argv, FORCE_COLOR="1", TERM="xterm-256color")
    assert "\x1b[" in forced.stdout
    plain = run_module(*argv, FORCE_COLOR="1", NO_COLOR="1", TERM="xterm-256color")
    assert plain.returncode == 0
    assert "\x1b" not in plain.stdout
    assert "Liaoning  辽宁" in plain.stdout


def test_subprocess_show_unknown_id(rich_path: Path) -> None:
    result = run_module("show", "siasn", "--facts", str(rich_path))
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == "liaoning-tui show: no entity 'siasn'; did you mean: siasun?\n"


def test_list_everything_in_tree_order(capsys: pytest.CaptureFixture[str], rich_path: Path) -> None:
    code, out, _ = run(capsys, "list", "--facts", str(rich_path))
    assert code == 0
    assert out == (
        "liaoning\tprovince\tLiaoning\n"
        "cgip\tpark\tChina-Germany High-End Equipment Manufacturing Industrial Park\n"
        "siasun\tcompany\tSiasun Robot & Automation Co\n"
        "markup-co\tcompany\t[b]Bold[/b] | Pipe_Co\n"
        "shenyang\tcity\tShenyang\n"
    )


@pytest.mark.parametrize("kind", ["company", "companies", "Companies", "COMPANY"])
def test_list_one_kind_singular_or_plural(
    capsys: pytest.CaptureFixture[str], rich_path: Path, kind: str
) -> None:
    code, out, _ = run(capsys, "list", kind, "--facts", str(rich_path))
    assert code == 0
    assert [line.split("\t")[0] for line in out.splitlines()] == ["siasun", "markup-co"]


def test_list_a_kind_the_base_has_none_of(
    capsys: pytest.CaptureFixture[str], rich_path: Path
) -> None:
    assert run(capsys, "list", "people", "--facts", str(rich_path)) == (0, "", "")


def test_list_unknown_kind_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "list", "widgets")
    assert (code, out) == (2, "")
    assert err.splitlines()[-1] == (
        f"liaoning-tui list: error: argument KIND: unknown kind 'widgets'; "
        f"valid kinds: {VALID_KINDS}"
    )


def test_list_json(capsys: pytest.CaptureFixture[str], rich_path: Path) -> None:
    code, out, _ = run(capsys, "list", "city", "--json", "--facts", str(rich_path))
    assert code == 0
    assert json.loads(out) == [
        {"id": "shenyang", "kind": "city", "name": "Shenyang", "name_zh": "沈阳"}
    ]


def test_list_the_default_base(capsys: pytest.CaptureFixture[str], default_facts: FactBase) -> None:
    _, out, _ = run(capsys, "list")
    assert sorted(line.split("\t")[0] for line in out.splitlines()) == sorted(
        default_facts.entities
    )
    _, companies, _ = run(capsys, "list", "companies")
    assert "siasun\tcompany\tSiasun Robot & Automation Co\n" in companies


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("siasn", "siasun\t"),
        ("新松", "siasun\t100.0\talias\t新松\t\n"),
        ("cgip", "cgip\t100.0\talias\tCGIP\t\n"),
        ("gdp", "liaoning\t85.0\tmetric\tGDP\texceed 1.4 tn yuan, H1 2023\n"),
    ],
)
def test_search_ranks_like_the_app(
    capsys: pytest.CaptureFixture[str], rich_path: Path, query: str, first: str
) -> None:
    code, out, err = run(capsys, "search", query, "--facts", str(rich_path))
    assert (code, err) == (0, "")
    assert out.startswith(first)
    assert all(len(line.split("\t")) == 5 for line in out.splitlines())


def test_search_limit_and_json(capsys: pytest.CaptureFixture[str], rich_path: Path) -> None:
    _, out, _ = run(capsys, "search", "shenyang", "-n", "1", "--facts", str(rich_path))
    assert out == "shenyang\t100.0\tname\tShenyang\t\n"
    _, out, _ = run(capsys, "search", "patents", "--json", "--facts", str(rich_path))
    assert json.loads(out)[0] == {
        "entity_id": "siasun",
        "score": 85.0 * 0.9,
        "field": "metric",
        "text": "Invention patents",
        "figure": 0,
        "count": 1,
    }


def test_search_without_a_hit_exits_1(capsys: pytest.CaptureFixture[str], rich_path: Path) -> None:
    assert run(capsys, "search", "zqxjv", "--facts", str(rich_path)) == (
        1,
        "",
        "liaoning-tui search: no match for 'zqxjv'\n",
    )


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["search", " "], "argument TEXT: the search text is empty"),
        (
            ["search", "x", "-n", "0"],
            "argument -n/--limit: expected a whole number of 1 or more, got '0'",
        ),
        (
            ["search", "x", "-n", "many"],
            "argument -n/--limit: expected a whole number of 1 or more, got 'many'",
        ),
    ],
)
def test_search_usage_errors(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert err.splitlines()[-1] == f"liaoning-tui search: error: {message}"


def test_export_json_to_stdout_loads_back(
    capsys: pytest.CaptureFixture[str], rich_path: Path
) -> None:
    code, out, _ = run(capsys, "export", "--format", "json", "--facts", str(rich_path))
    assert code == 0
    again = from_json(out)
    original = load(rich_path)
    assert again.entities == original.entities
    assert again.sources == original.sources


def test_export_csv_to_a_file(capsys: pytest.CaptureFixture[str], rich_path: Path) -> None:
    target = rich_path.parent / "figures.csv"
    assert run(
        capsys, "export", "--format", "csv", "-o", str(target), "--facts", str(rich_path)
    ) == (
        0,
        "",
        "",
    )
    facts = load(rich_path)
    points = sum(len(series.points) for _, series in facts.all_series())
    with target.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert len(rows) == 1 + facts.figure_count + points
    assert sorted(path.name for path in rich_path.parent.iterdir()) == ["facts.toml", "figures.csv"]


def test_export_markdown_of_the_default_base(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, default_facts: FactBase
) -> None:
    target = tmp_path / "report.md"
    assert run(capsys, "export", "--format", "markdown", "--output", str(target))[0] == 0
    text = target.read_text(encoding="utf-8")
    assert text.startswith(f"# {default_facts.title}\n")
    assert "⚠ **Doubt on Gross industrial output value" in text


def test_export_csv_of_the_default_base_to_stdout(
    capsys: pytest.CaptureFixture[str], default_facts: FactBase
) -> None:
    _, out, _ = run(capsys, "export", "--format", "csv")
    points = sum(len(series.points) for _, series in default_facts.all_series())
    assert len(list(csv.reader(io.StringIO(out)))) == 1 + default_facts.figure_count + points


def test_export_keeps_an_existing_file_without_force(
    capsys: pytest.CaptureFixture[str], rich_path: Path
) -> None:
    target = rich_path.parent / "out.json"
    target.write_text("precious", encoding="utf-8")
    assert run(
        capsys, "export", "--format", "json", "-o", str(target), "--facts", str(rich_path)
    ) == (
        1,
        "",
        f"liaoning-tui export: {target} exists; add --force to overwrite it\n",
    )
    assert target.read_text(encoding="utf-8") == "precious"


def test_export_force_overwrites_and_keeps_the_mode(
    capsys: pytest.CaptureFixture[str], rich_path: Path
) -> None:
    target = rich_path.parent / "out.md"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    argv = ["export", "--format", "markdown", "-o", str(target), "--force"]
    assert run(capsys, *argv, "--facts", str(rich_path))[0] == 0
    assert target.read_text(encoding="utf-8").startswith("# Rich test base\n")
    assert target.stat().st_mode & 0o777 == 0o640


def test_export_new_file_follows_the_umask(
    capsys: pytest.CaptureFixture[str], rich_path: Path
) -> None:
    target = rich_path.parent / "new.csv"
    old = os.umask(0o027)
    try:
        assert (
            run(capsys, "export", "--format", "csv", "-o", str(target), "--facts", str(rich_path))[
                0
            ]
            == 0
        )
    finally:
        os.umask(old)
    assert target.stat().st_mode & 0o777 == 0o640


def _fail_midway(error: BaseException) -> Callable[[BinaryIO, bytes], None]:
    def write(handle: BinaryIO, data: bytes) -> None:
        handle.write(data[: len(data) // 2])
        handle.flush()
        raise error

    return write


@pytest.mark.parametrize("force", [False, True])
def test_export_interrupted_by_a_write_error_leaves_no_partial_file(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    rich_path: Path,
    force: bool,
) -> None:
    monkeypatch.setattr(
        _batch_output,
        "write_chunks",
        _fail_midway(OSError(errno.ENOSPC, "No space left on device")),
    )
    target = rich_path.parent / "out.json"
    if force:
        target.write_text("precious", encoding="utf-8")
    argv = ["export", "--format", "json", "-o", str(target), "--facts", str(rich_path)]
    code, out, err = run(capsys, *argv, *(["--force"] if force else []))
    assert (code, out) == (1, "")
    assert err == f"liaoning-tui export: cannot write {target}: No space left on device\n"
    names = sorted(path.name for path in rich_path.parent.iterdir())
    if force:
        assert names == ["facts.toml", "out.json"]
        assert target.read_text(encoding="utf-8") == "precious"
    else:
        assert names == ["facts.toml"]


def test_export_interrupted_by_ctrl_c_leaves_no_partial_file(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, rich_path: Path
) -> None:
    monkeypatch.setattr(_batch_output, "write_chunks", _fail_midway(KeyboardInterrupt()))
    target = rich_path.parent / "out.csv"
    target.write_text("precious", encoding="utf-8")
    argv = ["export", "--format", "csv", "-o", str(target), "--force", "--facts", str(rich_path)]
    assert run(capsys, *argv)[0] == 130
    assert sorted(path.name for path in rich_path.parent.iterdir()) == ["facts.toml", "out.csv"]
    assert target.read_text(encoding="utf-8") == "precious"


def test_export_never_clobbers_a_file_that_appears_while_writing(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, rich_path: Path
) -> None:
    target = rich_path.parent / "out.json"
    real = _batch_output.write_chunks

    def write(handle: BinaryIO, data: bytes) -> None:
        target.write_text("written meanwhile", encoding="utf-8")
        real(handle, data)

    monkeypatch.setattr(_batch_output, "write_chunks", write)
    argv = ["export", "--format", "json", "-o", str(target), "--facts", str(rich_path)]
    assert run(capsys, *argv) == (
        1,
        "",
        f"liaoning-tui export: {target} exists; add --force to overwrite it\n",
    )
    assert target.read_text(encoding="utf-8") == "written meanwhile"
    assert sorted(path.name for path in rich_path.parent.iterdir()) == ["facts.toml", "out.json"]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("missing/out.json", "cannot write {target}: No such file or directory"),
        (".", "{target} is a directory; name a file"),
    ],
)
def test_export_to_a_place_that_cannot_be_written(
    capsys: pytest.CaptureFixture[str], rich_path: Path, name: str, message: str
) -> None:
    target = rich_path.parent / name
    argv = ["export", "--format", "json", "-o", str(target), "--force", "--facts", str(rich_path)]
    assert run(capsys, *argv) == (
        1,
        "",
        f"liaoning-tui export: {message.format(target=target)}\n",
    )


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["export"], "the following arguments are required: --format"),
        (
            ["export", "--format", "xml"],
            "argument --format: invalid choice: 'xml' (choose from ",
        ),
    ],
)
def test_export_usage_errors(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert err.splitlines()[-1].startswith(f"liaoning-tui export: error: {message}")


def test_subprocess_export_to_a_pipe(rich_path: Path) -> None:
    result = run_module("export", "--format", "markdown", "--facts", str(rich_path))
    assert result.returncode == 0
    assert result.stdout.startswith("# Rich test base\n")
    assert "\x1b" not in result.stdout
