"""`--version`: the program's version, then the fact base's hash, counts, newest source and path;
a fact base that does not load still gets the program's version and its first problem, exit 0."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest

from liaoning_tui.cli import main
from liaoning_tui.facts import default_path
from tests.conftest import MINIMAL

PROGRAM = f"liaoning-tui {version('liaoning-tui')}"


def short_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def test_built_in_base_in_a_subprocess() -> None:
    path = default_path()
    # counted from the TOML itself, not through the loader under test
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    sources, entities = len(data["sources"]), len(data["entities"])
    newest = max(source["date"] for source in data["sources"] if source.get("date"))
    done = subprocess.run(
        [sys.executable, "-m", "liaoning_tui", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == (
        f"{PROGRAM} · fact base sha256:{short_hash(path)} ({sources} sources, newest {newest}; "
        f"{entities} entities) at {path}\n"
    )
    assert sources > 0 and entities > 0


@pytest.mark.parametrize("order", ["before", "after"])
def test_a_named_base_either_side_of_the_flag(
    order: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "facts.toml"
    path.write_text(MINIMAL.replace('kind = "article"', 'kind = "article"\ndate = "2024-03"'))
    facts = ["--facts", str(path)]
    assert main([*facts, "--version"] if order == "before" else ["--version", *facts]) == 0
    assert capsys.readouterr().out == (
        f"{PROGRAM} · fact base sha256:{short_hash(path)} (1 source, newest 2024-03; 1 entity) "
        f"at {path}\n"
    )


def test_a_base_with_problems(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "broken.toml"
    path.write_text(
        MINIMAL.replace("value = 1.4", 'value = "1.4"').replace('name = "L', 'nam = "L')
    )
    assert main(["--version", "--facts", str(path)]) == 0
    out = capsys.readouterr()
    assert out.out == (
        f"{PROGRAM} · fact base does not load: {path}:8:1: entities[0]: "
        "missing required key 'name' (and 2 more: liaoning-tui check lists them)\n"
    )


def test_a_missing_base(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "nowhere.toml"
    assert main(["--facts", str(path), "--version"]) == 0
    assert capsys.readouterr().out == f"{PROGRAM} · fact base does not load: {path}: no such file\n"
