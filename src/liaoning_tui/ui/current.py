"""What a screen reads from the running app: the one fact base it owns."""

from __future__ import annotations

from textual.app import App

from liaoning_tui.facts.model import FactBase


def facts_of(app: App[object]) -> FactBase:
    """The fact base `app` owns (`LiaoningApp.facts`); screens keep no copy of their own."""
    facts = getattr(app, "facts", None)
    if not isinstance(facts, FactBase):
        raise TypeError(f"{type(app).__name__} holds no fact base")
    return facts
