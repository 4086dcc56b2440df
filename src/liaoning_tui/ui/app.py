"""The explorer application, built by one factory for the command line, the tests and the server."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from liaoning_tui.facts.model import FactBase
from liaoning_tui.ui.driver import driver_class
from liaoning_tui.ui.messages import GoTo
from liaoning_tui.ui.owner import FactsApp
from liaoning_tui.ui.providers import GoToProvider
from liaoning_tui.ui.screens.explorer import ExplorerScreen
from liaoning_tui.ui.themes import DARK_VARIABLES, DEFAULT, themes
from liaoning_tui.ui.widgets.detail import DetailPane
from liaoning_tui.ui.widgets.fact_tree import FactTree
from liaoning_tui.ui.widgets.figure_table import FigureTable
from liaoning_tui.ui.widgets.link_list import LinkList
from liaoning_tui.ui.widgets.scroll_box import ScrollBox

if TYPE_CHECKING:
    from liaoning_tui.config import Reading
    from liaoning_tui.ui.reload import Outcome, Stamp

WATCH_SECONDS = 1.0
"""How often --watch looks at the fact base file."""


class LiaoningApp(FactsApp):
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
        Binding(
            "x",
            "export",
            "Export",
            id="export",
            show=False,
            tooltip="Write the whole fact base to a file as JSON, CSV or Markdown",
        ),
        Binding("t", "theme", "Theme", id="theme", show=False, tooltip="Choose a colour theme"),
    ]

    def __init__(
        self,
        facts: FactBase,
        *,
        path: Path | None = None,
        watch: bool = False,
        theme: str | None = None,
        config: Reading | None = None,
        exports: bool = False,
    ) -> None:
        super().__init__(driver_class=driver_class())
        for each in themes():
            self.register_theme(each)
        self._start_in(theme or (config and config.config.theme) or DEFAULT)
        self.set_reactive(FactsApp.facts, facts)
        self.path = path
        self.watch_file = watch
        self.config = config
        self.exports = exports
        self.key_overrides: dict[str, str] = dict(config.config.keys) if config else {}
        """Binding id -> keys, from the config file: Textual's keymap, kept for the help."""
        self._stamp: Stamp | None = None
        self.set_keymap(self.key_overrides)

    def _start_in(self, theme: str) -> None:
        """Start in `theme` without reading the stylesheet twice.

        Setting `App.theme` runs its watcher, which schedules a full `refresh_css`: before the
        first frame that parses every rule a second time, 10 % of start-up (125M instructions).
        Nothing is parsed yet here, so a theme of the same mode as Textual's default (dark,
        whose classes and colour filter `App.__init__` has set) only needs the value, its class
        and the stylesheet's variables; a light theme goes through the watcher.
        """
        wanted = self.get_theme(theme)
        if wanted is not None and wanted.dark == self.current_theme.dark:
            self.set_reactive(LiaoningApp.theme, theme)
            self.set_class(True, f"-theme-{theme}", update=False)
            self.stylesheet.set_variables(self.get_css_variables())
        else:
            self.theme = theme

    def get_theme_variable_defaults(self) -> dict[str, str]:
        """Our variables for a theme of Textual's own, which does not set them."""
        return DARK_VARIABLES

    async def on_event(self, event: events.Event) -> None:
        """Input after quit is dropped: keys typed behind a `q` pushed screens into an app being
        torn down, whose mounting then failed with a traceback instead of a clean exit."""
        if isinstance(event, events.InputEvent) and self.return_code is not None:
            return
        await super().on_event(event)

    def on_mount(self) -> None:
        if self.config is not None and self.config.problems:
            from liaoning_tui.config import brief

            first, count = self.config.problems[0], len(self.config.problems)
            more = f" and {count - 1} more" if count > 1 else ""
            self.notify(
                f"{brief(first)}{more}. The defaults are in use; "
                "`liaoning-tui config --check` lists every problem.",
                title="Config file set aside",
                severity="error",
                timeout=20,
                markup=False,
            )
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
        self.notify(outcome.message, timeout=3, markup=False)

    def watch_facts(self, facts: FactBase) -> None:
        """Each view above the explorer follows the new fact base, or closes with a notice.

        The explorer follows by its binding. A view follows when it has `follow_facts` and that
        returns no notice; the first that cannot closes, with every view above it.
        """
        views = self.screen_stack[1:]
        for depth, view in enumerate(views):
            follow = getattr(view, "follow_facts", None)
            notice = (
                follow(facts)
                if callable(follow)
                else "The fact base was reloaded: the view open on it was closed."
            )
            if notice:
                for _ in views[depth:]:
                    self.pop_screen()
                self.notify(notice, severity="warning", markup=False)
                return

    @property
    def can_export(self) -> bool:
        """Whether this session may write files: a local one, never one served to others."""
        return self.exports and not self.is_web

    def action_export(self) -> None:
        from liaoning_tui.ui.screens.export import ExportScreen

        if not self.can_export:
            self.notify("Export is not available here: use `liaoning-tui export`.", timeout=4)
        elif not isinstance(self.screen, ExportScreen):
            self.push_screen(ExportScreen())

    def action_theme(self) -> None:
        from liaoning_tui.ui.actions import ThemeChoices
        from liaoning_tui.ui.go_to_palette import GoToPalette

        self.push_screen(GoToPalette(providers=[ThemeChoices], placeholder="Search for themes…"))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The palette's actions, each with its key (see `actions`)."""
        from liaoning_tui.ui.actions import palette_actions

        return palette_actions(self, screen)

    def action_command_palette(self) -> None:
        """Textual's palette, with page keys that cannot end the app (see GoToPalette)."""
        from liaoning_tui.ui.go_to_palette import GoToPalette

        open_already = any(isinstance(screen, GoToPalette) for screen in self.screen_stack)
        if self.use_command_palette and not open_already:
            self.push_screen(GoToPalette(id="--command-palette"))

    def on_go_to(self, message: GoTo) -> None:
        """Every go-to, from any view: back to the explorer, which shows it and records it."""
        message.stop()
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.explorer.go_to(message.ref, message.figure)

    def get_default_screen(self) -> ExplorerScreen:
        return ExplorerScreen().data_bind(FactsApp.facts)

    @property
    def explorer(self) -> ExplorerScreen:
        """The explorer screen, at the bottom of the stack."""
        screen = self.screen_stack[0]
        assert isinstance(screen, ExplorerScreen)
        return screen

    def action_help(self) -> None:
        from liaoning_tui.ui.key_help import key_lines
        from liaoning_tui.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            keymap = self.key_overrides
            sections = [(title, key_lines(*part, keymap)) for title, part in self.key_parts()]
            self.push_screen(HelpScreen(sections))

    def key_parts(self) -> list[tuple[str, tuple[list[type], list[Binding]]]]:
        """The parts of the explorer whose keys the help lists, with the classes that bind them."""
        from liaoning_tui.ui.screens.growth import GrowthScreen, GrowthTable, SeriesList
        from liaoning_tui.ui.screens.help import HelpScreen
        from liaoning_tui.ui.screens.map import MapScreen
        from liaoning_tui.ui.screens.search import SearchScreen
        from liaoning_tui.ui.screens.series import SeriesScreen
        from liaoning_tui.ui.screens.series_pick import PickList
        from liaoning_tui.ui.screens.source import SourceScreen
        from liaoning_tui.ui.widgets.map_view import MapView
        from liaoning_tui.ui.widgets.point_table import PointTable
        from liaoning_tui.ui.widgets.series_spark import SeriesSparks

        palette = Binding(
            self.COMMAND_PALETTE_BINDING,
            "command_palette",
            "Palette",
            id="palette",
            tooltip="Command palette: go to any entity or source, or run an action",
        )
        go = Binding(
            "enter",
            "submit",
            "Go",
            id="go",
            tooltip="To the highlighted hit; n and N then walk the others from the explorer",
        )
        return [
            ("Explorer and growth view", ([LiaoningApp], [palette])),
            ("Explorer", ([ExplorerScreen], [])),
            ("Tree", ([FactTree], [])),
            ("Figures table", ([FigureTable], [])),
            ("Links", ([LinkList], [])),
            ("Detail pane", ([DetailPane], [])),
            ("Detail pane: series", ([SeriesSparks], [])),
            ("Search", ([SearchScreen], [go])),
            ("Growth view", ([GrowthScreen], [])),
            ("Map", ([MapScreen, MapView], [])),
            ("Growth view: changes", ([GrowthTable], [])),
            ("Growth view: series", ([SeriesList], [])),
            ("Series view", ([SeriesScreen], [])),
            ("Series view: points", ([PointTable], [])),
            ("Series view: add a series", ([PickList], [])),
            ("Source view", ([SourceScreen, ScrollBox], [])),
            ("This help", ([HelpScreen, ScrollBox], [])),
        ]


def build_app(
    facts: FactBase,
    *,
    path: Path | None = None,
    watch: bool = False,
    theme: str | None = None,
    config: Reading | None = None,
    exports: bool = False,
) -> LiaoningApp:
    """The one way to make the explorer, so the CLI, the tests and the SSH server agree.

    `theme` is one of `themes.names()` (default: the config's, or `themes.DEFAULT`); `app.theme`
    can be set to another while it runs. `config` is the user's config file read (theme, keymap;
    a notice if it was set aside); `exports` lets the palette's export write files, for a local
    session only.
    """
    return LiaoningApp(facts, path=path, watch=watch, theme=theme, config=config, exports=exports)
