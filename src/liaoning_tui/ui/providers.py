"""The command palette: the explorer's actions, then "go to" any entity or source."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from textual.app import SystemCommand
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.markup import escape

from liaoning_tui.facts.display import clean
from liaoning_tui.facts.vocabulary import KINDS
from liaoning_tui.ui.messages import GoTo
from liaoning_tui.ui.owner import facts_of
from liaoning_tui.ui.refs import Ref

READ_AS = 90.0
"""A search-index score from which the query is taken to name the entity: an exact or prefix match
of a name, Chinese name, alias or id, or of their pinyin."""


@dataclass(frozen=True, slots=True)
class Command:
    title: str
    """What the palette shows, and matches first."""
    names: tuple[str, ...]
    """Other names that find it: Chinese name, aliases, id."""
    help: str
    ref: Ref


class GoToProvider(Provider):
    """The app's system commands (its actions, each with its key), then one command per entity
    and source, found by name, Chinese name, alias or id.

    One provider for both, so that the palette opened empty lists the actions first: Textual
    runs providers side by side, and the order of their hits is whichever comes first.
    """

    def _actions(self) -> list[SystemCommand]:
        return list(self.app.get_system_commands(self.screen))

    def _commands(self) -> list[Command]:
        facts = facts_of(self.app)
        commands = [
            Command(
                f"Go to {clean(entity.name)}",
                tuple(clean(name) for name in (entity.name_zh, *entity.aliases, entity.id) if name),
                " · ".join(
                    part for part in (KINDS[entity.kind].label, clean(entity.name_zh)) if part
                ),
                Ref.entity(entity.id),
            )
            for entity in facts.entities.values()
        ]
        commands += [
            Command(
                f"Go to source: {clean(source.title)}",
                (source.id,),
                "source",
                Ref.source(source.id),
            )
            for source in facts.sources.values()
        ]
        return commands

    def _go(self, ref: Ref) -> None:
        self.app.post_message(GoTo(ref))

    async def discover(self) -> Hits:
        for action in self._actions():
            yield DiscoveryHit(Content(action.title), action.callback, help=action.help)
        for command in self._commands():
            yield DiscoveryHit(
                Content(command.title), partial(self._go, command.ref), help=escape(command.help)
            )

    def _read_as_written(self, query: str) -> dict[str, float]:
        """Entities whose names the query reads as (traditional characters, pinyin), 0..1, from
        the explorer's search index (built now if the background has not yet)."""
        from liaoning_tui.facts.search import NAME_FIELDS, SearchIndex
        from liaoning_tui.ui.screens.explorer import ExplorerScreen

        explorer = next(
            (screen for screen in self.app.screen_stack if isinstance(screen, ExplorerScreen)),
            None,
        )
        if explorer is None:
            return {}
        if explorer.search_index is None:
            explorer.search_index = SearchIndex(explorer.facts)
        found: dict[str, float] = {}
        for hit in explorer.search_index.search(query, limit=50):
            if hit.field in NAME_FIELDS and hit.figure is None and hit.score >= READ_AS:
                found.setdefault(hit.entity_id, hit.score / 100)
        return found

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for action in self._actions():
            score = matcher.match(action.title)
            if score > 0:
                shown = _highlight(matcher, action.title)
                yield Hit(score, shown, action.callback, help=action.help)
        written = self._read_as_written(query)
        commands = self._commands()
        scores = [
            max(matcher.match(name) for name in (command.title, *command.names))
            for command in commands
        ]
        # The matcher's scale is open-ended; a name the search index reads the query as (in
        # another script, in pinyin) is lifted above the best letter match, so it comes first.
        lift = max(scores, default=0.0) + 1.0
        for command, score in zip(commands, scores, strict=True):
            if command.ref.kind == "entity" and command.ref.id in written:
                score += lift + written[command.ref.id]
            if score > 0:
                shown = _highlight(matcher, command.title)
                yield Hit(score, shown, partial(self._go, command.ref), help=escape(command.help))


def _highlight(matcher: Matcher, title: str) -> Content:
    """`title` with the letters the query matched styled, as text: `Matcher.highlight` reads
    its candidate as markup, so a name holding `[@click=app.quit]` became a link."""
    content = Content(title)
    _, offsets = matcher.fuzzy_search.match(matcher.query, title)
    for offset in offsets:
        if not title[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
