"""The command palette: "go to" any entity or source."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.markup import escape

from liaoning_tui.facts.display import clean
from liaoning_tui.facts.vocabulary import KINDS
from liaoning_tui.ui.messages import GoTo
from liaoning_tui.ui.owner import facts_of
from liaoning_tui.ui.refs import Ref


@dataclass(frozen=True, slots=True)
class Command:
    title: str
    """What the palette shows, and matches first."""
    names: tuple[str, ...]
    """Other names that find it: Chinese name, aliases, id."""
    help: str
    ref: Ref


class GoToProvider(Provider):
    """One command per entity and source, found by name, Chinese name, alias or id."""

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
        for command in self._commands():
            yield DiscoveryHit(
                Content(command.title), partial(self._go, command.ref), help=escape(command.help)
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            score = max(matcher.match(name) for name in (command.title, *command.names))
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
