"""`liaoning-tui check` through the real entry point."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from liaoning_tui.cli import main
from tests.conftest import MINIMAL


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "liaoning_tui", *args], capture_output=True, text=True
    )


def test_clean_base_prints_one_summary_line(
    write_facts: Callable[[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_facts(MINIMAL)
    assert main(["check", str(path)]) == 0
    assert capsys.readouterr().out == (
        f"{path}: ok: 1 entity (1 province); 1 figure; 0 series; 1 source\n"
    )


def test_facts_option_is_the_same_as_the_path(
    write_facts: Callable[[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_facts(MINIMAL)
    assert main(["--facts", str(path), "check"]) == 0
    assert main(["check", "--facts", str(path)]) == 0
    assert capsys.readouterr().out.count(": ok: ") == 2


def test_problems_go_to_stderr_with_exit_1(write_facts: Callable[[str], Path]) -> None:
    path = write_facts(MINIMAL.replace('unit = "yuan"', 'unit = "yaun"').replace("1.4", "nan"))
    result = run("check", str(path))
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{path}:15:9: entities[0].figures[0].value: value must be a finite number, found nan",
        f"{path}:16:8: entities[0].figures[0].unit: unknown unit 'yaun'; did you mean 'yuan'? "
        "(one of 'yuan', 'usd', 'percent', 'km2', 'count', 'teu', 'tonnes', 'vehicles', "
        "'years', 'days', 'fraction')",
    ]


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("missing", "no such file"),
        ("directory", "is a directory, not a fact base file"),
        ("empty", "the file is empty; a fact base needs a title, sources and entities"),
        ("binary", "a binary file, not a TOML fact base"),
        ("latin1", "1:13: not UTF-8 text (byte 0xe9); save the file as UTF-8"),
        ("unreadable", "permission denied: the file cannot be read"),
    ],
)
def test_bad_files_never_give_a_traceback(tmp_path: Path, setup: str, message: str) -> None:
    path = tmp_path / "facts.toml"
    if setup == "directory":
        path.mkdir()
    elif setup == "empty":
        path.write_bytes(b"")
    elif setup == "binary":
        path.write_bytes(bytes(range(256)))
    elif setup == "latin1":
        path.write_bytes('title = "caf\xe9"\n'.encode("latin-1"))
    elif setup == "unreadable":
        path.write_text(MINIMAL)
        path.chmod(0)
    result = run("check", str(path))
    if setup == "unreadable" and result.returncode == 0:
        pytest.skip("running as a user who can read any file")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    separator = ":" if message[0].isdigit() else ": "
    assert result.stderr == f"{path}{separator}{message}\n"


def test_default_base_checks_clean() -> None:
    result = run("check")
    assert result.returncode == 0, result.stderr
    assert ": ok: " in result.stdout
