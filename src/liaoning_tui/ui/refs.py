"""What the explorer can show: an entity, a source or a group of the tree, named by id."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


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
