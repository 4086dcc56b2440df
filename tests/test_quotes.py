"""The quote index finds exactly the quotes a plain scan would, without scanning per entity."""

from __future__ import annotations

from liaoning_tui.facts import Entity, FactBase
from liaoning_tui.facts.quotes import MIN_NAME, QuoteIndex


def scan(facts: FactBase, entity: Entity) -> list[str]:
    names = [name.lower() for name in (entity.name, *entity.aliases) if len(name) >= MIN_NAME]
    found: dict[str, None] = {}
    for other in facts.entities.values():
        quotes = [figure.quote for figure in other.figures]
        quotes += [statement.quote for statement in other.statements]
        quotes += [link.quote for link in other.links if link.quote]
        for quote in quotes:
            if any(name in quote.lower() for name in names):
                found[quote] = None
    return list(found)


def test_index_agrees_with_a_scan_for_every_entity(default_facts: FactBase) -> None:
    index = QuoteIndex(default_facts)
    for entity in default_facts.entities.values():
        assert index.mentioning(entity) == scan(default_facts, entity), entity.id


def test_a_name_inside_a_longer_word_is_found(default_facts: FactBase) -> None:
    quotes = QuoteIndex(default_facts).mentioning(default_facts.entity("bmw"))
    assert any("BMWs produced in Shenyang" in quote for quote in quotes)


def test_chinese_names_are_found_without_the_word_index(default_facts: FactBase) -> None:
    siasun = default_facts.entity("siasun")
    assert QuoteIndex(default_facts).mentioning(siasun) == scan(default_facts, siasun)
