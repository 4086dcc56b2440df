"""The app that owns the fact base, and how every view reads it from there."""

from __future__ import annotations

from textual.app import App
from textual.message_pump import MessagePump
from textual.reactive import var

from liaoning_tui.facts.model import EMPTY, FactBase


class FactsApp(App[int]):
    """Holds the one fact base shown; a reload replaces it here and nowhere else."""

    facts: var[FactBase] = var(EMPTY, init=False)
    """The fact base shown: screens and widgets are bound to it or read it, never copy it."""


def facts_of(node: MessagePump) -> FactBase:
    """The fact base the app running `node` shows now."""
    app = node.app
    if not isinstance(app, FactsApp):
        raise TypeError(f"{node!r} does not run in a FactsApp")
    return app.facts
