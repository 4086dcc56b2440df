from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from liaoning_tui.facts import FactBase, load_default

MINIMAL = """\
title = "Test base"

[[sources]]
id = "article"
title = "An article"
kind = "article"

[[entities]]
id = "liaoning"
kind = "province"
name = "Liaoning"

[[entities.figures]]
metric = "GDP"
value = 1.4
unit = "yuan"
scale = "trillion"
period = "2023-H1"
qualifier = "exceed"
change = 5.6
source = "article"
quote = "the province saw its GDP exceed 1.4 trillion yuan"
"""


@pytest.fixture(scope="session")
def default_facts() -> FactBase:
    return load_default()


@pytest.fixture
def write_facts(tmp_path: Path) -> Callable[[str], Path]:
    def write(text: str, name: str = "facts.toml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write
