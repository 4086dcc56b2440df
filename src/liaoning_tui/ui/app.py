"""The explorer application, built by one factory for the command line, the tests and the server."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import App
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, OptionList, Tree

from liaoning_tui import collector
from liaoning_tui.facts.model import FactBase
from liaoning_tui.ui.driver import driver_class
from liaoning_tui.ui.providers import GoToProvider
from liaoning_tui.ui.screens.explorer import ExplorerScreen
from liaoning_tui.ui.widgets.detail import DetailPane
from liaoning_tui.ui.widgets.fact_tree import FactTree
from liaoning_tui.ui.widgets.figure_table import FigureTable
from liaoning_tui.ui.widgets.link_list import LinkList
from liaoning_tui.ui.widgets.scroll_box import ScrollBox

if TYPE_CHECKING:
    from liaoning_tui.ui.reload import Outcome, Stamp

WATCH_SECONDS = 1.0
"""How often --watch looks at the fact base file."""


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
        Binding(
            "r",
            "reload",
            "Reload",
            id="reload",
            show=False,
            tooltip="Read the fact base file again; a broken edit keeps the last good one",
        ),
    ]

    def __init__(self, facts: FactBase, *, path: Path | None = None, watch: bool = False) -> None:
        super().__init__(driver_class=driver_class())
        self.facts = facts
        self.path = path
        self.watch_file = watch
        self._stamp: Stamp | None = None

    async def on_event(self, event: events.Event) -> None:
        """Input after quit is dropped: keys typed behind a `q` pushed screens into an app being
        torn down, whose mounting then failed with a traceback instead of a clean exit."""
        if isinstance(event, events.InputEvent) and self.return_code is not None:
            return
        await super().on_event(event)

    def on_mount(self) -> None:
        self.call_after_refresh(collector.start_up_over)
        if self.watch_file and self.path is not None:
            from liaoning_tui.ui.reload import Stamp

            self._stamp = Stamp.of(self.path)
            self.set_interval(WATCH_SECONDS, self._check_file)

    def _check_file(self) -> None:
        from liaoning_tui.ui.reload import Stamp

        assert self.path is not None
        stamp = Stamp.of(self.path)
        if stamp is not None and stamp != self._stamp:
            self._stamp = stamp
            self.action_reload()

    def action_reload(self) -> None:
        if self.path is None:
            self.notify("This fact base was not read from a file.", severity="warning")
            return
        self.run_worker(self._reload, thread=True, exclusive=True, group="reload")

    def _reload(self) -> None:
        from liaoning_tui.ui.reload import reload

        assert self.path is not None
        outcome = reload(self.path)
        self.call_from_thread(self._reloaded, outcome)

    def _reloaded(self, outcome: Outcome) -> None:
        if outcome.facts is None:
            self.notify(outcome.message, severity="error", timeout=12, markup=False)
            return
        self.facts = outcome.facts
        self.explorer.replace_facts(outcome.facts)
        self.notify(outcome.message, timeout=3, markup=False)

    def get_default_screen(self) -> ExplorerScreen:
        return ExplorerScreen(self.facts)

    @property
    def explorer(self) -> ExplorerScreen:
        """The explorer screen, at the bottom of the stack."""
        screen = self.screen_stack[0]
        assert isinstance(screen, ExplorerScreen)
        return screen

    def action_help(self) -> None:
        from liaoning_tui.ui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        sections = [
            ("Everywhere", [*_bindings(LiaoningApp), _palette_binding(self)]),
            ("Explorer", _bindings(ExplorerScreen)),
            ("Tree", _bindings(Tree, FactTree)),
            ("Figures table", _bindings(DataTable, FigureTable)),
            ("Links", _bindings(OptionList, LinkList)),
            ("Detail", _bindings(ScrollBox, DetailPane)),
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


def build_app(facts: FactBase, *, path: Path | None = None, watch: bool = False) -> LiaoningApp:
    """The one way to make the explorer, so the CLI, the tests and the SSH server agree."""
    return LiaoningApp(facts, path=path, watch=watch)
