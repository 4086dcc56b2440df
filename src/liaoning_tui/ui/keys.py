"""The vim movement keys, bound the same way in every list, table, tree and pane."""

from __future__ import annotations

from textual.binding import Binding, BindingType


def vim_moves(
    down: str, up: str, top: str | None = None, bottom: str | None = None
) -> list[BindingType]:
    """`j`/`k` to `down`/`up`, and `g`/`G` (with Home/End) to `top`/`bottom` where given."""
    bindings: list[BindingType] = [
        Binding("j", down, "Down", show=False),
        Binding("k", up, "Up", show=False),
    ]
    if top is not None:
        bindings.append(Binding("g,home", top, "Top", show=False))
    if bottom is not None:
        bindings.append(Binding("G,end", bottom, "Bottom", show=False))
    return bindings


RELOAD_IN_VIEW = Binding(
    "r",
    "app.reload",
    "Reload",
    id="reload",
    show=False,
    tooltip="Read the fact base file again; this view follows it or closes",
)
"""A modal view hides the app's own keys: those that read no text bind `r` through this."""
