"""What the command palette offers besides places: the explorer's actions, each with its key.

They are Textual system commands (`App.get_system_commands`), so the palette's own provider finds
them by title; the key shown is the binding's, or the one the user's keymap gives its id.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.markup import escape

from liaoning_tui.ui.key_help import keys_of

if TYPE_CHECKING:
    from textual.screen import Screen

    from liaoning_tui.ui.app import LiaoningApp


@dataclass(frozen=True, slots=True)
class PaletteAction:
    title: str
    binding_id: str
    """The id of the binding whose action this runs, and whose key is shown."""
    explorer: bool
    """An action of the explorer screen (offered when the palette is opened there)."""


ACTIONS = (
    PaletteAction("Search", "search", explorer=True),
    PaletteAction("Growth view", "growth", explorer=True),
    PaletteAction("Series view", "chart", explorer=True),
    PaletteAction("Map", "map", explorer=True),
    PaletteAction("Source view", "source", explorer=True),
    PaletteAction("Copy figure", "copy", explorer=True),
    PaletteAction("Export…", "export", explorer=False),
    PaletteAction("Reload", "reload", explorer=False),
    PaletteAction("Theme", "theme", explorer=False),
    PaletteAction("Help: keys", "help", explorer=False),
    PaletteAction("Quit", "quit", explorer=False),
)
"""In the order the palette lists them when nothing is typed."""


def binding_with_id(owner: type, binding_id: str) -> Binding:
    """The binding of `owner`'s BINDINGS with this id."""
    for binding in getattr(owner, "BINDINGS", []):
        if isinstance(binding, Binding) and binding.id == binding_id:
            return binding
    raise KeyError(binding_id)


def key_display(app: LiaoningApp, binding: Binding, keymap: Mapping[str, str]) -> str:
    """The keys of `binding` as the footer shows them, following the keymap."""
    return " ".join(app.get_key_display(Binding(key, "")) for key in keys_of(binding, keymap))


def palette_actions(app: LiaoningApp, screen: Screen[object]) -> Iterator[SystemCommand]:
    """The actions to offer from `screen`: the explorer's only on the explorer, where they act."""
    from liaoning_tui.ui.screens.explorer import ExplorerScreen

    for action in ACTIONS:
        if action.explorer and not isinstance(screen, ExplorerScreen):
            continue
        if action.binding_id == "export" and not app.can_export:
            continue
        owner: type = ExplorerScreen if action.explorer else type(app)
        target: object = screen if action.explorer else app
        binding = binding_with_id(owner, action.binding_id)
        keys = key_display(app, binding, app.key_overrides)
        run: Callable[[], object] = getattr(target, f"action_{binding.action}")
        help_text = f"{keys} · {binding.tooltip}" if binding.tooltip else keys
        yield SystemCommand(action.title, escape(help_text), run)


class ThemeChoices(Provider):
    """The explorer's themes (`config.theme_names`, as `--theme` and the config name them), the
    current one marked; choosing one sets `app.theme`. Textual's own list would offer its
    themes too, which set none of our colour variables (and its ANSI ones gave Rich styles it
    cannot parse)."""

    def _themes(self) -> list[str]:
        from liaoning_tui.config import theme_names

        return [name for name in theme_names() if name in self.app.available_themes]

    def _set(self, name: str) -> None:
        self.app.theme = name

    def _help(self, name: str) -> str | None:
        return "the current theme" if name == self.app.theme else None

    async def discover(self) -> Hits:
        for name in self._themes():
            yield DiscoveryHit(name, partial(self._set, name), help=self._help(name))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name in self._themes():
            score = matcher.match(name)
            if score > 0:
                yield Hit(
                    score, matcher.highlight(name), partial(self._set, name), name, self._help(name)
                )
