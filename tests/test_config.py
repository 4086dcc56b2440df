"""The config file: every problem at its FILE:LINE:COL, `config --path` and `config --check`, and
batch commands going on with the defaults."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from liaoning_tui.config import BINDING_IDS, Config, config_path, read, theme_names
from liaoning_tui.facts import FactBase, default_path
from liaoning_tui.ui.app import build_app
from liaoning_tui.ui.key_help import merged
from liaoning_tui.ui.themes import themes
from tests.batch import run
from tests.conftest import MINIMAL

THEMES = "dark, light, high-contrast"
IDS = ", ".join(BINDING_IDS)


def problems(path: Path) -> list[str]:
    return [str(problem) for problem in read(path).problems]


def test_the_path_follows_xdg_config_home(write_config: Callable[[str], Path]) -> None:
    path = write_config("")
    assert config_path() == path


def test_a_good_file_sets_everything(write_config: Callable[[str], Path]) -> None:
    path = write_config(
        'theme = "light"\nfacts = "bases/mine.toml"\nmouse = false\n\n'
        '[keys]\ngrowth = "w"\nsearch = "ctrl+f, f3"\n'
    )
    reading = read(path)
    assert reading.problems == ()
    assert reading.found
    assert reading.config == Config(
        theme="light",
        facts=path.parent / "bases" / "mine.toml",
        mouse=False,
        keys={"growth": "w", "search": "ctrl+f,f3"},
    )


def test_a_missing_file_is_the_defaults(tmp_path: Path) -> None:
    reading = read(tmp_path / "config.toml")
    assert (reading.found, reading.problems, reading.config) == (False, (), Config())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('theme = "light"\nmouse = tru\n', ["2:9: invalid TOML: Invalid value"]),
        (
            'mouse = false\ncolour = "yes"\n',
            ["2:1: colour: unknown key 'colour' (valid keys: theme, facts, mouse, keys)"],
        ),
        ('\nmouse = "no"\n', ["2:9: mouse: expected a boolean, found a string"]),
        ("theme = 3\n", ["1:9: theme: expected a string, found an integer"]),
        ('facts = " "\n', ["1:9: facts: must not be empty"]),
        ("keys = []\n", ["1:8: keys: expected a table, found an array"]),
        (
            'theme = "lihgt"\n',
            [f"1:9: theme: unknown theme 'lihgt'; did you mean 'light'? (one of {THEMES})"],
        ),
        (
            '[keys]\ngrowth = "w"\nserach = "ctrl+f"\n',
            [
                "3:1: keys.serach: unknown binding id 'serach'; did you mean 'search'? "
                f"(one of {IDS})"
            ],
        ),
        ("[keys]\n  back = 3\n", ["2:10: keys.back: expected a string of keys, found an integer"]),
        (
            '[keys]\nback = "ctrl + b"\n',
            ['2:8: keys.back: \'ctrl + b\' is not a key list such as "ctrl+f" or "f,/"'],
        ),
        (
            'keys = { growth = "w", nope = "x" }\nmouse = 0\n',
            [
                f"1:24: keys.nope: unknown binding id 'nope' (one of {IDS})",
                "2:9: mouse: expected a boolean, found an integer",
            ],
        ),
    ],
)
def test_every_problem_names_its_line_and_column(
    write_config: Callable[[str], Path], text: str, expected: list[str]
) -> None:
    path = write_config(text)
    assert problems(path) == [f"{path}:{where}" for where in expected]
    assert read(path).config == Config()


def test_a_file_not_utf8_or_too_big_is_refused(write_config: Callable[[str], Path]) -> None:
    path = write_config("")
    path.write_bytes(b'theme = "light"\nmouse = "\xff"\n')
    assert problems(path) == [f"{path}:2:10: not UTF-8 text; save the file as UTF-8"]
    path.write_bytes(b"#" * (1024 * 1024 + 1))
    assert problems(path) == [f"{path}: is over 1024 KiB; a config file is a few lines"]


def test_the_lists_of_names_are_those_of_the_app(default_facts: FactBase) -> None:
    """The ids and themes are plain data, so checking needs no Textual: they must not drift."""
    assert theme_names() == tuple(theme.name for theme in themes())
    owners = [
        owner for _, (classes, _) in build_app(default_facts).key_parts() for owner in classes
    ]
    ids = {binding.id for owner in owners for binding in merged([owner]).values() if binding.id}
    assert ids == set(BINDING_IDS)


def test_config_path_prints_the_path(
    write_config: Callable[[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_config("")
    assert run(capsys, "config", "--path") == (0, f"{path}\n", "")


def test_config_check_says_ok_or_no_file(
    write_config: Callable[[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_config('theme = "light"\n')
    assert run(capsys, "config", "--check") == (0, "ok\n", "")
    path.unlink()
    expected = f"no config file at {path} (defaults in use)\n"
    assert run(capsys, "config", "--check") == (0, expected, "")


def test_config_check_lists_every_problem(
    write_config: Callable[[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_config("colour = 1\n[keys]\nback = 3\n")
    code, out, err = run(capsys, "config", "--check")
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"{path}:1:1: colour: unknown key 'colour' (valid keys: theme, facts, mouse, keys)",
        f"{path}:3:8: keys.back: expected a string of keys, found an integer",
    ]


def test_config_needs_path_or_check(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "config")
    assert code == 2
    assert "one of the arguments --path --check is required" in err


def test_a_batch_command_prints_the_problems_and_goes_on(
    write_config: Callable[[str], Path],
    write_facts: Callable[[str], Path],
    capsys: pytest.CaptureFixture[str],
) -> None:
    facts = write_facts(MINIMAL)
    path = write_config(f'facts = "{facts}"\nmouse = "off"\n')
    code, out, err = run(capsys, "list")
    built_in = run(capsys, "--facts", str(default_path()), "list")[1]
    assert (code, out) == (0, built_in), "the defaults: the built-in base, not the config's"
    assert err.splitlines() == [
        f"{path}:2:9: mouse: expected a boolean, found a string",
        f"{path}: set aside; the defaults are used",
    ]


def test_the_config_names_the_default_fact_base_and_facts_wins(
    write_config: Callable[[str], Path],
    write_facts: Callable[[str], Path],
    capsys: pytest.CaptureFixture[str],
) -> None:
    mine = write_facts(MINIMAL)
    write_config(f'facts = "{mine}"\n')
    assert run(capsys, "list") == (0, "liaoning\tprovince\tLiaoning\n", "")
    missing = mine.with_name("none.toml")
    assert run(capsys, "--facts", str(missing), "list") == (1, "", f"{missing}: no such file\n")


def test_config_check_in_a_fresh_process(
    write_config: Callable[[str], Path],
) -> None:
    """`config --check` in a fresh process: no traceback, the problems, exit 1."""
    path = write_config("mouse = [\n")
    done = subprocess.run(
        [sys.executable, "-m", "liaoning_tui", "config", "--check"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr == f"{path}:2:1: invalid TOML: Invalid value\n"


def test_the_docs_name_every_binding_id() -> None:
    page = (Path(__file__).parents[1] / "docs" / "config.md").read_text(encoding="utf-8")
    for binding_id, does in BINDING_IDS.items():
        assert f"| `{binding_id}` | {does} |" in page


def test_reading_the_config_imports_no_textual(write_config: Callable[[str], Path]) -> None:
    """`config --check` and the batch commands read it: Textual stays out of their start-up."""
    write_config('theme = "light"\n[keys]\ngrowth = "w"\n')
    code = (
        "import sys\nfrom liaoning_tui.config import read\nassert read().config.theme == 'light'\n"
        "print(sorted(name for name in sys.modules if name.split('.')[0] in {'textual', 'rich'}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout == "[]\n"
