"""What the explorer can show: an entity, a source or a group of the tree, named by id, and
where it stands after the fact base changes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from liaoning_tui.facts.model import FactBase
from liaoning_tui.facts.vocabulary import KINDS


@dataclass(frozen=True, slots=True)
class Ref:
    """A pointer to one thing in the fact base, stable across reloads."""

    kind: Literal["entity", "source", "group"]
    """Which table of the fact base `id` is in, or "group" for a tree group."""
    id: str
    """The entity's or source's id, or the group's name."""

    @classmethod
    def entity(cls, entity_id: str) -> Ref:
        return cls("entity", entity_id)

    @classmethod
    def source(cls, source_id: str) -> Ref:
        return cls("source", source_id)

    @classmethod
    def group(cls, name: str) -> Ref:
        return cls("group", name)


SOURCES_GROUP = "Sources"
"""The tree group that lists the sources, after the groups of entities."""


def group_of(facts: FactBase, ref: Ref) -> str:
    """The name of the tree group `ref` is listed in, or "" when `facts` has no such thing."""
    if ref.kind == "entity" and ref.id in facts.entities:
        return KINDS[facts.entities[ref.id].kind].group
    if ref.kind == "source" and ref.id in facts.sources:
        return SOURCES_GROUP
    if ref.kind == "group" and _group_has_members(facts, ref.id):
        return ref.id
    return ""


def _group_has_members(facts: FactBase, name: str) -> bool:
    if name == SOURCES_GROUP:
        return bool(facts.sources)
    return any(KINDS[entity.kind].group == name for entity in facts.entities.values())


def settle(ref: Ref, was: FactBase, now: FactBase) -> tuple[Ref | None, str]:
    """Where to stand in `now` when `ref` was shown in `was`, and a notice when it moved.

    A ref that is still there stays; one that is gone falls back to its group, or to the top
    when its group is gone too.
    """
    if group_of(now, ref):
        return ref, ""
    name = ref.id if ref.kind == "group" else _name_in(was, ref)
    group = group_of(was, ref)
    if group and group != ref.id and group_of(now, Ref.group(group)):
        return Ref.group(group), f"{name} is no longer in the fact base: showing {group}."
    return None, f"{name} is no longer in the fact base."


def _name_in(facts: FactBase, ref: Ref) -> str:
    if ref.kind == "entity" and ref.id in facts.entities:
        return facts.entities[ref.id].name
    if ref.kind == "source" and ref.id in facts.sources:
        return facts.sources[ref.id].title
    return ref.id
