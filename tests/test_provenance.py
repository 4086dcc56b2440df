"""Names have provenance: each Chinese name, alias, date and link cites a source or is editorial."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from liaoning_tui.facts import FactBase, FactBaseError, loads
from liaoning_tui.facts.provenance import (
    SHOWN_WARNINGS,
    name_lines,
    names_text,
    unsourced_count,
)

BASE = """\
title = "Names"

[[sources]]
id = "article"
title = "An article"
publisher = "e-works"
date = "2023"

[[sources]]
id = "mca"
title = "Division codes"

[[entities]]
id = "liaoning"
kind = "province"
name = "Liaoning"

[[entities]]
id = "shenyang"
kind = "city"
name = "Shenyang"
name_zh = "沈阳"
aliases = ["Mukden", "沈阳市"]
date = "1625"

[entities.provenance]
name_zh = "mca"
aliases = { "沈阳市" = "mca" }

[[entities.links]]
rel = "located_in"
to = "liaoning"
source = "editorial"

[[entities.links]]
rel = "part_of"
to = "liaoning"
"""


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "liaoning_tui", *args], capture_output=True, text=True
    )


def test_check_warns_about_each_unsourced_name_and_still_exits_0(
    write_facts: Callable[[str], Path],
) -> None:
    path = write_facts(BASE)
    result = run("check", str(path))
    assert result.returncode == 0
    assert (
        result.stdout
        == f"{path}: ok: 2 entities (1 province, 1 city); 0 figures; 0 series; 2 sources\n"
    )
    how = 'cite a source id or "editorial"'
    assert result.stderr.splitlines() == [
        f"{path}:23:12: entities[1].aliases[0]: warning: alias 'Mukden' gives no source; "
        f"in provenance.aliases, {how}",
        f"{path}:24:8: entities[1].date: warning: date '1625' gives no source; "
        f"in provenance.date, {how}",
        f"{path}:35:1: entities[1].links[1]: warning: link 'part of liaoning' gives no source; "
        f"in its source, {how}",
    ]


def test_check_places_the_first_hundred_warnings_and_counts_the_rest(tmp_path: Path) -> None:
    from tests.test_bench_smoke import make_facts

    path: Path = make_facts.write(tmp_path / "facts.toml", 200)
    facts = loads(path.read_bytes(), str(path))
    total = unsourced_count(facts)
    assert total > SHOWN_WARNINGS
    result = run("check", str(path))
    assert result.returncode == 0
    lines = result.stderr.splitlines()
    assert len(lines) == SHOWN_WARNINGS + 1
    assert all(": warning: " in line for line in lines)
    assert lines[0].startswith(f"{path}:")
    assert lines[-1] == (
        f"{path}: warning: and {total - SHOWN_WARNINGS:,} more names and links give no source"
    )


def test_check_on_the_default_base_prints_no_warning() -> None:
    result = run("check")
    assert result.returncode == 0
    assert result.stderr == ""
    assert ": ok: 52 entities" in result.stdout


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ('name_zh = "mca"', 'name_zh = "mcaa"'),
            "27:11: entities[1].provenance.name_zh: no source with id 'mcaa'; did you mean 'mca'?",
        ),
        (
            ('{ "沈阳市" = "mca" }', '{ "沈阳" = "mca" }'),
            "28:13: entities[1].provenance.aliases.沈阳: no alias '沈阳' in the entity's aliases",
        ),
        (
            ('name_zh = "mca"', 'date = "mca"\ntitle = "x"'),
            "28:1: entities[1].provenance.title: unknown key 'title'",
        ),
        (
            ('id = "mca"', 'id = "editorial"'),
            "10:6: sources[1].id: "
            "'editorial' is not a source id: it marks what the base adds itself",
        ),
    ],
)
def test_provenance_problems_are_placed(change: tuple[str, str], expected: str) -> None:
    text = BASE.replace(*change)
    with pytest.raises(FactBaseError) as raised:
        loads(text, "names.toml")
    found = [str(problem) for problem in raised.value.problems]
    assert f"names.toml:{expected}" in found


def test_a_name_without_a_value_cannot_cite() -> None:
    text = BASE.replace('name_zh = "沈阳"\n', "")
    with pytest.raises(FactBaseError) as raised:
        loads(text, "names.toml")
    assert [str(problem) for problem in raised.value.problems] == [
        "names.toml:26:1: entities[1].provenance.name_zh: "
        "the entity has no 'name_zh' to give a source"
    ]


def test_how_each_name_reads() -> None:
    facts = loads(BASE)
    shenyang = facts.entity("shenyang")
    assert name_lines(shenyang) == [
        ("Chinese name", "沈阳", "mca"),
        ("date", "1625", "no source"),
        ("also", "Mukden", "no source"),
        ("also", "沈阳市", "mca"),
    ]
    assert names_text(shenyang) == (
        "Chinese name (mca) · date (no source) · also: Mukden (no source), 沈阳市 (mca)"
    )
    assert shenyang.cited_sources() == ["mca"]
    assert names_text(facts.entity("liaoning")) == ""


def test_the_default_base_reads_its_names(default_facts: FactBase) -> None:
    assert names_text(default_facts.entity("cgip")) == (
        "Chinese name, date (lnd-2020-12-cgip) · also: CGIP (article), "
        "Sino-German park, China-Germany Industrial Park, "
        "Sino-German High-End Equipment Manufacturing Industrial Park (editorial), "
        "中德产业园 (ce-2016-02-cgip)"
    )
    assert names_text(default_facts.entity("siasun")) == (
        "Chinese name (siasun-inquiry-reply-2023) · date (people-2022-08-siasun) · also: "
        "SIASUN, Siasun (article), 新松 (xinhua-jp-2018-08-siasun), 新松机器人 (ce-2016-02-cgip), "
        "300024 (siasun-inquiry-reply-2023)"
    )
    assert names_text(default_facts.entity("fu-qiang")) == ""


async def test_the_detail_pane_says_where_names_come_from(default_facts: FactBase) -> None:
    from liaoning_tui.ui.app import build_app
    from liaoning_tui.ui.refs import Ref
    from tests.screen import visible_text

    app = build_app(default_facts)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"cgip", "enter")
        await pilot.pause()
        assert app.explorer.current == Ref.entity("cgip")
        text = " ".join(visible_text(app).split())
        assert "Chinese name, date (lnd-2020-12-cgip) · also: CGIP (article)," in text
        assert "Manufacturing Industrial Park (editorial), 中德产业园 (ce-2016-02-cgip)" in text


def test_provenance_survives_the_parse_cache_and_the_json_export(
    write_facts: Callable[[str], Path], tmp_path: Path
) -> None:
    from liaoning_tui.facts.cache import entry_for, load_cached, read_entry
    from liaoning_tui.facts.export import from_json, to_json

    path = write_facts(BASE)
    first = load_cached(path, tmp_path)
    cached = read_entry(entry_for(path.read_bytes(), tmp_path))
    assert cached is not None
    assert cached.entity("shenyang").provenance == first.entity("shenyang").provenance
    assert first.entity("shenyang").provenance.of_alias("沈阳市") == "mca"
    again = from_json(to_json(first))
    assert again.entities == first.entities
