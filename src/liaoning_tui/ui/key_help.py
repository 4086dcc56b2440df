"""Every key that works, part by part, in our words: read from the binding tables themselves.

Each part's keys come from the BINDINGS of its classes, base classes first, as Textual merges
them, so a key that works is never missing and a key rebound by a subclass is listed once, under
what it does here. What an action does is said in `WORDS`, never in Textual's default labels; an
action in `UNLISTED` works but is not worth a line (sideways moves where nothing is wider).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from textual.binding import Binding

WORDS: dict[str, str] = {
    "cursor_up": "Up",
    "cursor_down": "Down",
    "scroll_up": "Scroll up",
    "scroll_down": "Scroll down",
    "scroll_home": "Top",
    "scroll_end": "Bottom",
    "scroll_top": "Top",
    "scroll_bottom": "Bottom",
    "first": "Top",
    "last": "Bottom",
    "page_up": "Page up",
    "page_down": "Page down",
    "move(-1)": "Previous hit",
    "move(1)": "Next hit",
    "expand_node": "Open, or step into what is open",
    "collapse_or_parent": "Close, or go to the parent",
    "toggle_node": "Open or close",
    "toggle_expand_all": "Open or close everything below",
    "cursor_parent": "To the parent",
    "cursor_parent_next_sibling": "To the parent's next sibling",
    "cursor_previous_sibling": "To the previous sibling",
    "cursor_next_sibling": "To the next sibling",
    "select_cursor": "Go there",
    "select": "Go there",
    "app.focus_next": "Next pane",
    "app.focus_previous": "Previous pane",
    "command_palette": "Command palette: go to any entity or source, or run an action",
    "quit": "Quit",
}
"""What an action does, where its binding gives no description of ours."""

UNLISTED = frozenset(
    {
        "scroll_left",
        "scroll_right",
        "page_left",
        "page_right",
        "screen.copy_text",
        "help_quit",
        "cursor_left",
        "cursor_right",
    }
)
"""Actions that work but need no line: sideways moves in panes that never scroll sideways."""


NO_KEYMAP: Mapping[str, str] = MappingProxyType({})
"""No key overrides: every binding keeps its own keys."""


@dataclass(frozen=True, slots=True)
class KeyLine:
    """One line of the help: the keys for one action, and what it does."""

    keys: tuple[str, ...]
    action: str
    description: str
    tooltip: str = ""


def keys_of(binding: Binding, keymap: Mapping[str, str] = NO_KEYMAP) -> list[str]:
    """The keys `binding` answers to: the keymap's for its id where it has them, as Textual
    applies a keymap, else its own."""
    keys = keymap.get(binding.id, binding.key) if binding.id else binding.key
    return [key.strip() for key in keys.split(",")]


def merged(owners: Iterable[type], keymap: Mapping[str, str] = NO_KEYMAP) -> dict[str, Binding]:
    """Key -> binding, as the classes' BINDINGS give them, later classes overriding earlier,
    with the keys the keymap gives a binding id instead of its own."""
    found: dict[str, Binding] = {}
    for owner in owners:
        for klass in reversed(owner.__mro__):
            for binding in klass.__dict__.get("BINDINGS", []):
                if isinstance(binding, tuple):
                    binding = Binding(*binding)
                if isinstance(binding, Binding):
                    for key in keys_of(binding, keymap):
                        found[key] = binding
    return found


def key_lines(
    owners: Iterable[type],
    extra: Iterable[Binding] = (),
    keymap: Mapping[str, str] = NO_KEYMAP,
) -> list[KeyLine]:
    """The help lines of a part made of `owners`, one per action, keys in binding order.

    A binding of ours is described by its own description and tooltip; one inherited from
    Textual by `WORDS`. KeyError names an action described nowhere.
    """
    bindings = merged(owners, keymap)
    for binding in extra:
        for key in keys_of(binding, keymap):
            bindings[key] = binding
    by_action: dict[str, list[str]] = {}
    first: dict[str, Binding] = {}
    for key, binding in bindings.items():
        if binding.action in UNLISTED:
            continue
        by_action.setdefault(binding.action, []).append(key)
        if binding.action not in first or _ours(binding):
            first[binding.action] = binding
    lines = []
    for action, keys in by_action.items():
        binding = first[action]
        description = binding.description if _ours(binding) else WORDS[action]
        lines.append(KeyLine(tuple(keys), action, description, binding.tooltip))
    return lines


def _ours(binding: Binding) -> bool:
    """Our own bindings carry an id and a tooltip; Textual's defaults carry neither."""
    return binding.id is not None and bool(binding.tooltip)
