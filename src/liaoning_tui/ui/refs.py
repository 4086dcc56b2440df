"""What the explorer can show: an entity or a source, named by id."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True, slots=True)
class Ref:
    """A pointer to one thing in the fact base, stable across reloads."""

    kind: Literal["entity", "source"]
    """Which table of the fact base `id` is in."""
    id: str
    """The entity's or source's id."""

    @classmethod
    def entity(cls, entity_id: str) -> Ref:
        return cls("entity", entity_id)

    @classmethod
    def source(cls, source_id: str) -> Ref:
        return cls("source", source_id)
