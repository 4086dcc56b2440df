"""The command palette: "go to" any entity or source."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from liaoning_tui.facts.display import clean
from liaoning_tui.facts.vocabulary import KINDS
from liaoning_tui.ui.messages import GoTo
from liaoning_tui.ui.refs import Ref
from liaoning_tui.ui.screens.explorer import ExplorerScreen


class GoToProvider(Provider):
    """One command per entity and source, matched on name, Chinese name and aliases."""

    def _commands(self) -> list[tuple[str, str, Ref]]:
        facts = self.explorer.facts
        commands = []
        for entity in facts.entities.values():
            names = " ".join(clean(name) for name in (entity.name_zh, *entity.aliases) if name)
            title = f"Go to {clean(entity.name)}"
            help_text = f"{KINDS[entity.kind].label}" + (f" · {names}" if names else "")
            commands.append(
                (title + (f" {names}" if names else ""), help_text, Ref.entity(entity.id))
            )
        for source in facts.sources.values():
            commands.append(
                (f"Go to source: {clean(source.title)}", "source", Ref.source(source.id))
            )
        return commands

    @property
    def explorer(self) -> ExplorerScreen:
        return next(s for s in self.app.screen_stack if isinstance(s, ExplorerScreen))

    def _go(self, ref: Ref) -> None:
        self.explorer.post_message(GoTo(ref))

    async def discover(self) -> Hits:
        for title, help_text, ref in self._commands():
            yield DiscoveryHit(title, partial(self._go, ref), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, ref in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), partial(self._go, ref), help=help_text)
