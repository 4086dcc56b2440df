"""The explorer application, built by one factory for the command line, the tests and the server."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, OptionList, Tree

from liaoning_tui.facts.model import FactBase
from liaoning_tui.ui.providers import GoToProvider
from liaoning_tui.ui.screens.explorer import ExplorerScreen
from liaoning_tui.ui.screens.help import HelpScreen
from liaoning_tui.ui.widgets.detail import DetailPane
from liaoning_tui.ui.widgets.fact_tree import FactTree
from liaoning_tui.ui.widgets.figure_table import FigureTable
from liaoning_tui.ui.widgets.link_list import LinkList


class LiaoningApp(App[int]):
    """A read-only explorer of one fact base."""

    CSS_PATH = "app.tcss"
    TITLE = "liaoning-tui"
    COMMANDS: ClassVar = {GoToProvider}
    COMMAND_PALETTE_DISPLAY = "^p"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "question_mark", "help", "Keys", id="help", tooltip="Every key, section by section"
        ),
        Binding("q", "quit", "Quit", id="quit", tooltip="Leave liaoning-tui"),
    ]

    def __init__(self, facts: FactBase, *, path: Path | None = None) -> None:
        super().__init__()
        self.facts = facts
        self.path = path

    def get_default_screen(self) -> ExplorerScreen:
        return ExplorerScreen(self.facts)

    @property
    def explorer(self) -> ExplorerScreen:
        """The explorer screen, at the bottom of the stack."""
        screen = self.screen_stack[0]
        assert isinstance(screen, ExplorerScreen)
        return screen

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        sections = [
            ("Everywhere", [*_bindings(LiaoningApp), _palette_binding(self)]),
            ("Explorer", _bindings(ExplorerScreen)),
            ("Tree", _bindings(Tree, FactTree)),
            ("Figures table", _bindings(DataTable, FigureTable)),
            ("Links", _bindings(OptionList, LinkList)),
            ("Detail", _bindings(DetailPane)),
        ]
        self.push_screen(HelpScreen(sections))


def _bindings(*owners: type) -> list[Binding]:
    """The bindings the classes declare, later ones overriding earlier ones on the same key."""
    found: dict[str, Binding] = {}
    for owner in owners:
        for binding in owner.__dict__.get("BINDINGS", []):
            if isinstance(binding, Binding):
                found[binding.key] = binding
    return list(found.values())


def _palette_binding(app: App[int]) -> Binding:
    return Binding(
        app.COMMAND_PALETTE_BINDING,
        "command_palette",
        "Go to…",
        tooltip="Command palette: go to any entity or source",
    )


def build_app(facts: FactBase, *, path: Path | None = None) -> LiaoningApp:
    """The one way to make the explorer, so the CLI, the tests and the SSH server agree."""
    return LiaoningApp(facts, path=path)
