from __future__ import annotations

import os
from collections.abc import Callable, Iterator
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


RICH = """\
title = "Rich test base"

[[sources]]
id = "article"
title = "Liaoning's push for high-tech industry expansion"
publisher = "e-works"
date = "2023-08"
kind = "article"

[[sources]]
id = "bulletin"
title = "Statistical bulletin"
url = "stats.example/2023"
kind = "bulletin"
note = "a mirror of the official page"

[[entities]]
id = "liaoning"
kind = "province"
name = "Liaoning"
name_zh = "辽宁"
summary = "A province in Northeast China."

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

[[entities.figures]]
metric = "High-tech manufacturing growth"
value = 8.3
unit = "percent"
period = "2023-01..2023-07"
source = "article"
quote = "the 8.3 percent year-on-year increase"

[[entities.series]]
id = "liaoning-gdp"
metric = "GDP"
unit = "yuan"
scale = "亿"
confidence = "High for 2021-2023; 2022 is missing."
scope = "whole province"

[[entities.series.points]]
period = "2021"
value = 27584.1
change = 5.8
source = "bulletin"
quote = "地区生产总值27584.1亿元"

[[entities.series.points]]
period = "2022"

[[entities.series.points]]
period = "2023"
value = 30209.4
change = -0.5
source = "bulletin"
note = "derived"

[[entities]]
id = "shenyang"
kind = "city"
name = "Shenyang"
name_zh = "沈阳"

[[entities.links]]
rel = "located_in"
to = "liaoning"
role = "provincial capital"

[[entities]]
id = "siasun"
kind = "company"
name = "Siasun Robot & Automation Co"
name_zh = "新松机器人自动化股份有限公司"
aliases = ["SIASUN", "新松"]
date = "2000"
summary = "Robot maker established in Shenyang in 2000."

[[entities.figures]]
metric = "Invention patents"
value = 1300
unit = "count"
qualifier = "over"
source = "article"
quote = "gained over 1,300 invention patents"

[[entities.links]]
rel = "located_in"
to = "shenyang"
source = "article"
quote = "Established in 2000 in the provincial capital Shenyang"

[[entities.statements]]
text = "Showed its latest robots at the 2023 World Robot Conference."
source = "article"
quote = "Siasun Robot & Automation Co showcased its latest robots"
date = "2023-08"

[[entities]]
id = "cgip"
kind = "park"
name = "China-Germany High-End Equipment Manufacturing Industrial Park"
aliases = ["CGIP"]

[[entities.figures]]
metric = "Gross industrial output value"
value = 481.5
unit = "yuan"
scale = "billion"
period = "2023-H1"
change = 27.8
source = "article"
quote = "achieved a gross industrial output value of 481.5 billion yuan (approximately $66 billion)"
doubt = "Ten times the park's published output for the whole year."

[[entities.figures]]
metric = "Share of foreign-funded enterprises"
value = 0.142857
unit = "fraction"
as_published = "one-seventh"
source = "article"
quote = "It has gathered one-seventh of the province's foreign-funded enterprises"
note = "of the province's total"

[[entities.links]]
rel = "located_in"
to = "shenyang"

[[entities]]
id = "markup-co"
kind = "company"
name = "[b]Bold[/b] | Pipe_Co"
summary = "Its name looks like markup.\\u001b[31m Red?\\tTabbed."

[[entities.figures]]
metric = "Sales, \\"net\\""
value = -2.5
unit = "percent"
source = "bulletin"
quote = "a quote, with \\"quotes\\"\\nand a second line"
"""
"""A fact base with one of everything the schema has, for exports and batch commands."""


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The parse cache of every test and every process it starts goes to a temporary folder."""
    before = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if before is None:
        del os.environ["XDG_CACHE_HOME"]
    else:
        os.environ["XDG_CACHE_HOME"] = before


@pytest.fixture(scope="session", autouse=True)
def private_config(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """No test, nor any process it starts, reads the config file of the home it runs in."""
    before = os.environ.get("XDG_CONFIG_HOME")
    os.environ["XDG_CONFIG_HOME"] = str(tmp_path_factory.mktemp("config"))
    yield
    if before is None:
        del os.environ["XDG_CONFIG_HOME"]
    else:
        os.environ["XDG_CONFIG_HOME"] = before


@pytest.fixture
def write_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[str], Path]:
    """Writes the config file of a config home of this test's own; returns its path."""
    home = tmp_path / "config-home"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))

    def write(text: str) -> Path:
        path = home / "liaoning-tui" / "config.toml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return write


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
