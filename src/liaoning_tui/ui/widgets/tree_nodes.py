"""What each line of the fact tree holds: a group, an entity or source, or a "more" line."""

from __future__ import annotations

from dataclasses import dataclass

from liaoning_tui.ui.refs import Ref


@dataclass(frozen=True, slots=True)
class Group:
    """A heading node: a group of entities of some kinds, or the sources."""

    name: str
    ids: tuple[str, ...]
    """Its entities' ids, or the sources' ids for the Sources group: Refs are made on opening."""


@dataclass(frozen=True, slots=True)
class Item:
    """A node of an entity or source; `via` says how a child node relates to its parent."""

    ref: Ref
    via: str = ""


@dataclass(frozen=True, slots=True)
class More:
    """The last line of a group opened a page at a time: Enter or `l` adds the next page."""

    group: str
    shown: int
    """How many of the group's members are listed above it."""


NodeData = Group | Item | More
