"""`liaoning-tui completion SHELL`: every command of the parser in each shell's script, valid
syntax, and real completions from bash (and zsh and fish where installed: .ci/run installs them)."""

from __future__ import annotations

import argparse
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from liaoning_tui.cli import build_parser, main

SHELLS = ("bash", "zsh", "fish")


def command_names() -> list[str]:
    """The commands as the parser holds them (argparse lists them only in `_actions`)."""
    parser = build_parser()
    (commands,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return list(commands.choices)


def script(shell: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["completion", shell]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    return captured.out


def test_the_parser_has_the_commands() -> None:
    assert {"check", "show", "list", "search", "series", "export", "completion"} <= set(
        command_names()
    )


@pytest.mark.parametrize("shell", SHELLS)
def test_every_command_in_every_shell(shell: str, capsys: pytest.CaptureFixture[str]) -> None:
    text = script(shell, capsys)
    missing = [
        name for name in command_names() if not re.search(rf"(?<![\w-]){name}(?![\w-])", text)
    ]
    assert missing == []


def bash_complete(script_file: Path, words: list[str], cwd: Path) -> list[str]:
    """What bash offers for the last of `words`, by the function the script registers."""
    line = " ".join(shlex.quote(word) for word in words)
    program = (
        f'source "$1"; COMP_WORDS=({line}); COMP_CWORD={len(words) - 1}; '
        'COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}; '
        '_shtab_liaoning_tui liaoning-tui "${COMP_WORDS[-1]}" "${COMP_WORDS[-2]}"; '
        'printf "%s\\n" "${COMPREPLY[@]}"'
    )
    done = subprocess.run(
        ["bash", "--norc", "-c", program, "bash", str(script_file)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=30,
        check=True,
    )
    return sorted(done.stdout.split())


def test_bash(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    script_file = tmp_path / "liaoning-tui.bash"
    script_file.write_text(script("bash", capsys))
    subprocess.run(["bash", "-n", str(script_file)], check=True, timeout=30)
    assert bash_complete(script_file, ["liaoning-tui", ""], tmp_path) == sorted(command_names())
    assert bash_complete(script_file, ["liaoning-tui", "se"], tmp_path) == [
        "search",
        "series",
        "serve",
    ]
    assert bash_complete(script_file, ["liaoning-tui", "export", "--format", ""], tmp_path) == [
        "csv",
        "json",
        "markdown",
    ]
    (tmp_path / "facts.toml").touch()
    (tmp_path / "fax.txt").touch()
    assert bash_complete(script_file, ["liaoning-tui", "--facts", "fa"], tmp_path) == [
        "facts.toml",
        "fax.txt",
    ]


@pytest.mark.skipif(shutil.which("zsh") is None, reason="zsh is not installed")
def test_zsh_syntax(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    script_file = tmp_path / "_liaoning-tui"
    text = script("zsh", capsys)
    assert text.startswith("#compdef liaoning-tui\n")
    script_file.write_text(text)
    subprocess.run(["zsh", "-n", str(script_file)], check=True, timeout=30)


@pytest.mark.skipif(shutil.which("fish") is None, reason="fish is not installed")
def test_fish(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    script_file = tmp_path / "liaoning-tui.fish"
    script_file.write_text(script("fish", capsys))
    subprocess.run(["fish", "--no-execute", str(script_file)], check=True, timeout=30)
    (tmp_path / "facts.toml").touch()

    def offered(line: str) -> list[str]:
        program = f"source {shlex.quote(str(script_file))}; complete -C {shlex.quote(line)}"
        done = subprocess.run(
            ["fish", "--no-config", "-c", program],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            timeout=30,
            check=True,
        )
        return sorted(row.split("\t")[0] for row in done.stdout.splitlines())

    assert offered("liaoning-tui se") == ["search", "series", "serve"]
    assert offered("liaoning-tui export --format ") == ["csv", "json", "markdown"]
    assert offered("liaoning-tui --facts fa") == ["facts.toml"]


def test_an_unknown_shell(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["completion", "ksh"]) == 2
    assert capsys.readouterr().err.endswith(
        "liaoning-tui completion: error: argument SHELL: invalid choice: 'ksh' "
        "(choose from 'bash', 'zsh', 'fish')\n"
    )
