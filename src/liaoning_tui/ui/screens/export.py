"""The palette's export: a small dialog asking for the format and the file, then writing it."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, RadioButton, RadioSet, Static

from liaoning_tui.facts.formats import FORMATS, SUFFIXES
from liaoning_tui.ui.owner import facts_of

LABELS = {
    "json": "JSON (every field; loads back)",
    "csv": "CSV (a row a figure)",
    "markdown": "Markdown report",
}
STEM = "liaoning-facts"


def default_name(format_name: str) -> str:
    return f"{STEM}{SUFFIXES[format_name]}"


class ExportScreen(ModalScreen[None]):
    """Format and file name; Enter in the name writes it whole or not at all, never over a file."""

    DEFAULT_CSS = """
    ExportScreen { align: center middle; }
    #export-box {
        width: 64;
        max-width: 95%;
        height: auto;
        border: round $accent;
        background: $surface;
        padding: 0 1;
    }
    #export-box RadioSet { width: 100%; }
    #export-status { color: $error; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Close", id="close", tooltip="Back without writing"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box") as box:
            box.border_title = "Export the fact base"
            box.border_subtitle = "enter writes · esc to close"
            with RadioSet(id="export-format"):
                for name in FORMATS:
                    yield RadioButton(LABELS[name], value=name == "json", name=name)
            yield Label("File (relative to the folder liaoning-tui started in):")
            yield Input(default_name("json"), id="export-path", select_on_focus=False)
            yield Static("", id="export-status", markup=False)

    @property
    def format_name(self) -> str:
        pressed = self.query_one(RadioSet).pressed_button
        return pressed.name if pressed is not None and pressed.name else "json"

    @on(RadioSet.Changed)
    def _follow_format(self, event: RadioSet.Changed) -> None:
        """A file name still the default follows the format's ending."""
        path = self.query_one(Input)
        if path.value in {default_name(name) for name in FORMATS}:
            path.value = default_name(self.format_name)

    @on(Input.Submitted)
    def _write(self, event: Input.Submitted) -> None:
        from liaoning_tui.atomic import write_atomically

        event.stop()
        status = self.query_one("#export-status", Static)
        if not event.value.strip():
            status.update("Name a file to write.")
            return
        path = Path(event.value.strip()).expanduser().absolute()
        if path.is_dir():
            status.update(f"{path} is a folder; name a file.")
            return
        format_name = self.format_name
        try:
            write_atomically(path, FORMATS[format_name](facts_of(self)))
        except FileExistsError:
            status.update(f"{path} exists; choose another name (nothing is overwritten).")
            return
        except OSError as error:
            status.update(f"Cannot write {path}: {error.strerror or error}")
            return
        self.dismiss()
        self.app.notify(f"Wrote the {format_name} export to {path}", timeout=6, markup=False)
