"""The user's config file: where it is, reading it, and checking it as strictly as a fact base.

Every problem names FILE:LINE:COL and the key, placed by the fact base's own locator; a file with
any problem is set aside whole, so the explorer starts with the defaults. Nothing here imports
Textual: `liaoning-tui config --check` and the batch commands read it too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from liaoning_tui.facts.problems import Problem, byte_position, toml_problem

if TYPE_CHECKING:
    from liaoning_tui.facts.checker import Checker

MAX_BYTES = 1024 * 1024
"""A config file is a few lines; anything larger is refused unread."""

KEYS = {
    "theme": "a string",
    "facts": "a string",
    "mouse": "a boolean",
    "keys": "a table",
}
"""The keys a config file may hold, and the type each wants."""

BINDING_IDS: dict[str, str] = {
    "help": "the help screen (?)",
    "quit": "quit (q)",
    "reload": "read the fact base again (r)",
    "export": "export the fact base to a file (x)",
    "theme": "choose a theme (t)",
    "search": "open the search (/)",
    "next-hit": "next search hit (n)",
    "previous-hit": "previous search hit (N)",
    "back": "go back (backspace, alt+left)",
    "forward": "go forward (alt+right)",
    "copy": "copy the selected figure or point (y)",
    "source": "the source view (s)",
    "growth": "the growth view (v)",
    "chart": "the series view (c)",
    "map": "the map (m)",
    "close": "close a view (escape, q)",
    "tree-enter": "go to the tree's node (enter)",
    "figure-source": "the source of a figure in the table (enter)",
    "chart-series": "chart the highlighted series (enter)",
    "compare": "series view: add a series (a)",
    "drop": "series view: drop the last series (d)",
    "entity": "series view: go to the entity (e)",
    "map-close": "close the map (escape, q)",
    "map-filter": "map: filter the markers (/)",
    "map-shade": "map: shade by a figure (c)",
    "map-go": "map: go to the marker's entity (enter)",
    "map-north": "map: up (k, up)",
    "map-south": "map: down (j, down)",
    "map-west": "map: left (h, left)",
    "map-east": "map: right (l, right)",
}
"""Every binding id a `[keys]` table may rebind, with what it does and its default keys.

Kept as plain data so that checking needs no Textual; a test holds it equal to the ids in the
binding tables.
"""


def theme_names() -> tuple[str, ...]:
    """The themes a config may name: the explorer's own (`ui/themes.py`), known without Textual."""
    from liaoning_tui.theme_names import names

    return names()


@dataclass(frozen=True)
class Config:
    """What a config file sets; the defaults where it says nothing."""

    theme: str | None = None
    """A theme name, or None for the app's own."""
    facts: Path | None = None
    """The fact base to read when `--facts` is not given."""
    mouse: bool = True
    """Capture the mouse unless `--no-mouse` is given."""
    keys: Mapping[str, str] = field(default_factory=dict)
    """Binding id -> keys (comma-separated), for Textual's keymap."""


@dataclass(frozen=True)
class Reading:
    """A config file read: what to use, and every problem found (then `config` is the defaults)."""

    path: Path
    config: Config = field(default_factory=Config)
    problems: tuple[Problem, ...] = ()
    found: bool = False
    """Whether the file exists."""


def brief(problem: Problem) -> str:
    """The problem in a line short enough for a notice: a long list of valid names left out."""
    import re

    return re.sub(r"\(one of [^)]*\)$", "(one of …)", str(problem))


def config_path() -> Path:
    """`$XDG_CONFIG_HOME/liaoning-tui/config.toml`, or the platform's equivalent."""
    from platformdirs import user_config_path

    return user_config_path("liaoning-tui") / "config.toml"


def read(path: Path | None = None) -> Reading:
    """The config at `path` (default: `config_path()`); a missing file is no problem."""
    path = config_path() if path is None else path
    try:
        if path.is_dir():
            return Reading(path, problems=(Problem(str(path), "is a directory, not a file"),))
        with path.open("rb") as file:
            data = file.read(MAX_BYTES + 1)
    except FileNotFoundError:
        return Reading(path)
    except OSError as error:
        message = f"cannot be read: {error.strerror or error}"
        return Reading(path, problems=(Problem(str(path), message),), found=True)
    if len(data) > MAX_BYTES:
        message = f"is over {MAX_BYTES // 1024} KiB; a config file is a few lines"
        return Reading(path, problems=(Problem(str(path), message),), found=True)
    config, problems = check(data, str(path), base=path.parent)
    return Reading(path, config if not problems else Config(), tuple(problems), found=True)


def check(data: bytes, file: str, base: Path) -> tuple[Config, list[Problem]]:
    """The config in `data`, and every problem with it; relative `facts` paths start at `base`."""
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        line, column = byte_position(data, error.start)
        return Config(), [Problem(file, "not UTF-8 text; save the file as UTF-8", line, column)]
    import tomli

    try:
        parsed = tomli.loads(text)
    except tomli.TOMLDecodeError as error:
        return Config(), [toml_problem(file, error)]
    return _ConfigCheck(file, text).config(parsed, base)


class _ConfigCheck:
    """The config's keys checked with the fact base's checker, which places each problem.

    The checker is imported only once there is a problem: for a good file, that import (3.6 ms,
    with the period parser) would be most of what reading the config costs the explorer's start.
    """

    def __init__(self, file: str, text: str) -> None:
        self.file = file
        self.text = text
        self.found = False

    @cached_property
    def checker(self) -> Checker:
        from liaoning_tui.facts.checker import Checker

        self.found = True
        return Checker(self.file, self.text)

    def typed(self, raw: Mapping[str, Any], name: str, kind: type) -> Any:
        value = raw.get(name)
        if value is None:
            return None
        if not isinstance(value, kind):
            self.checker.at_value((name,), f"expected {KEYS[name]}, found {_type_of(value)}")
            return None
        return value

    def config(self, raw: Mapping[str, Any], base: Path) -> tuple[Config, list[Problem]]:
        for name in raw:
            if name not in KEYS:
                valid = ", ".join(KEYS)
                guess = _suggest(name, KEYS)
                self.checker.at_key((name,), f"unknown key {name!r}{guess} (valid keys: {valid})")
        theme = self.typed(raw, "theme", str)
        if theme is not None and theme not in theme_names():
            listing = ", ".join(theme_names())
            message = f"unknown theme {theme!r}{_suggest(theme, theme_names())} (one of {listing})"
            self.checker.at_value(("theme",), message)
        facts = self.typed(raw, "facts", str)
        if facts is not None and not facts.strip():
            self.checker.text(facts, ("facts",))
        mouse = self.typed(raw, "mouse", bool)
        keys = self.keys(self.typed(raw, "keys", dict) or {})
        config = Config(
            theme=theme,
            facts=(base / Path(facts).expanduser()) if facts and facts.strip() else None,
            mouse=True if mouse is None else mouse,
            keys=keys,
        )
        found = self.checker.problems if self.found else []
        return config, sorted(found, key=lambda problem: (problem.line, problem.column))

    def keys(self, raw: Mapping[str, Any]) -> dict[str, str]:
        keys: dict[str, str] = {}
        for binding_id, value in raw.items():
            path = ("keys", binding_id)
            if binding_id not in BINDING_IDS:
                listing = ", ".join(BINDING_IDS)
                guess = _suggest(binding_id, BINDING_IDS)
                message = f"unknown binding id {binding_id!r}{guess} (one of {listing})"
                self.checker.at_key(path, message)
            elif not isinstance(value, str):
                self.checker.at_value(path, f"expected a string of keys, found {_type_of(value)}")
            elif not all(part.strip() and " " not in part.strip() for part in value.split(",")):
                self.checker.at_value(
                    path, f'{value!r} is not a key list such as "ctrl+f" or "f,/"'
                )
            else:
                keys[binding_id] = ",".join(part.strip() for part in value.split(","))
        return keys


def _suggest(word: str, choices: Any) -> str:
    from liaoning_tui.facts.checker import suggest

    return suggest(word, choices)


def _type_of(value: object) -> str:
    from liaoning_tui.facts.schema import type_of

    return type_of(value)
