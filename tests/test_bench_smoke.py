"""The synthetic fact base of the benchmarks loads; the parse cache gives what the loader gives."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from liaoning_tui.facts import FactBaseError, load
from liaoning_tui.facts.cache import entry_for, load_cached

BENCH = Path(__file__).resolve().parents[1] / "bench"


def _bench_module(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


make_facts = _bench_module("make_facts")


@pytest.fixture
def base(tmp_path: Path) -> Path:
    path: Path = make_facts.write(tmp_path / "facts.toml", 50)
    return path


def test_synthetic_base_passes_the_loader(base: Path) -> None:
    facts = load(base)
    counts = make_facts.counts(50)
    assert len(facts.by_kind("company")) == counts["companies"] == 50
    assert len(facts.by_kind("park")) == counts["parks"]
    assert len(facts.sources) == counts["sources"]
    assert facts.figure_count > 50
    assert facts.series_count > 0


def test_synthetic_base_is_the_same_for_the_same_seed() -> None:
    assert make_facts.render(20) == make_facts.render(20)
    assert make_facts.render(20) != make_facts.render(20, seed=7)


def test_cache_gives_back_an_equal_fact_base(base: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = load_cached(base, cache)
    entry = entry_for(base.read_bytes(), cache)
    assert entry.is_file()
    second = load_cached(base, cache)
    assert first == second == load(base)
    assert second.origin == str(base)


def test_cache_entry_serves_the_same_bytes_under_another_name(base: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_cached(base, cache)
    copy = tmp_path / "copy.toml"
    copy.write_bytes(base.read_bytes())
    assert load_cached(copy, cache).origin == str(copy)
    assert len(list(cache.glob("*.entry"))) == 1


def test_corrupt_cache_entry_is_ignored_and_rebuilt(base: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_cached(base, cache)
    entry = entry_for(base.read_bytes(), cache)
    entry.write_bytes(entry.read_bytes()[:100])
    assert load_cached(base, cache) == load(base)
    entry.write_bytes(b"not a cache entry")
    assert load_cached(base, cache) == load(base)
    assert load_cached(base, cache) == load(base)


def test_an_entry_of_another_shape_is_ignored_and_never_run(base: Path, tmp_path: Path) -> None:
    """An entry is plain data: one holding code, or records of the wrong shape, is a miss."""
    import marshal

    from liaoning_tui.facts.cache import MAGIC

    cache = tmp_path / "cache"
    load_cached(base, cache)
    entry = entry_for(base.read_bytes(), cache)
    ran: list[str] = []
    code = compile("ran.append('code')", "<entry>", "exec")
    for payload in (
        ("title", (), (), code),
        ("title", ((1, 2),), (), ""),
        code,
        ("title", (), ()),
    ):
        entry.write_bytes(MAGIC + marshal.dumps(payload))
        assert load_cached(base, cache) == load(base)
    assert ran == []


def test_changed_file_misses_the_cache(base: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_cached(base, cache)
    base.write_text(make_facts.render(60), encoding="utf-8")
    assert len(load_cached(base, cache).by_kind("company")) == 60


def test_file_with_problems_is_never_cached(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    broken = tmp_path / "broken.toml"
    broken.write_text('title = "x"\nsources = []\nentities = []\n', encoding="utf-8")
    with pytest.raises(FactBaseError) as cached:
        load_cached(broken, cache)
    with pytest.raises(FactBaseError) as plain:
        load(broken)
    assert [str(problem) for problem in cached.value.problems] == [
        str(problem) for problem in plain.value.problems
    ]
    assert not list(cache.glob("*.entry"))


def test_unwritable_cache_still_loads(base: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("a file where the cache directory would be", encoding="utf-8")
    assert load_cached(base, blocked / "cache") == load(base)
