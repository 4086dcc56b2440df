"""The explorer's themes: Textual themes that also set our own colour variables.

Our variables, used by app.tcss and by `palette.Palette` for text drawn outside CSS:

- `rise`, `fall`: a change up or down (▲ ▼);
- `doubt`: the ⚠ of a figure whose published value is in doubt;
- `pane-border`, `pane-focus`: a pane's border, and the border of the pane holding the focus.

Each colour is chosen so that 16-colour terminals still tell them apart: Rich maps a colour to
the nearest of the 16 ANSI ones, and rise and fall must not land on the same one, nor a table's
header or cursor on grey. Their names are in `liaoning_tui.theme_names`, which the command line
reads without importing Textual.
"""

from __future__ import annotations

from textual.theme import Theme

from liaoning_tui.theme_names import DEFAULT, NAMES, names

__all__ = ["DARK_VARIABLES", "DEFAULT", "NAMES", "names", "themes"]

DARK_VARIABLES = {
    "rise": "#5FC47F",
    "fall": "#E0637F",
    "doubt": "#FFC473",
    "pane-border": "#45505A",
    "pane-focus": "#FEA62B",
    "block-cursor-blurred-background": "#14307A",
}
"""Also the fallback for a theme of Textual's own, which knows none of our variables."""


def themes() -> list[Theme]:
    """Our themes, to register with the app, in the order of `names()`."""
    return [
        Theme(
            name="dark",
            primary="#0178D4",
            secondary="#004578",
            accent="#FFA62B",
            warning="#FFA62B",
            error="#BA3C5B",
            success="#4EBF71",
            foreground="#E0E0E0",
            # Textual's #242F38 panel is grey in 16 colours: table headers became grey blocks.
            panel="#202A32",
            variables=DARK_VARIABLES,
        ),
        Theme(
            name="light",
            primary="#1F3F99",
            secondary="#0178D4",
            accent="#9A5B00",
            warning="#9A5B00",
            error="#B3261E",
            success="#00701A",
            foreground="#1F1F1F",
            background="#F2F2F2",
            surface="#FAFAFA",
            panel="#E3E7EC",
            dark=False,
            variables={
                "rise": "#00701A",
                "fall": "#B3261E",
                "doubt": "#8A5A00",
                "pane-border": "#9AA3AD",
                "pane-focus": "#0058A8",
                "block-cursor-blurred-background": "#B3D1F5",
                "block-cursor-blurred-foreground": "#1F1F1F",
            },
        ),
        Theme(
            name="high-contrast",
            primary="#00AFFF",
            secondary="#FFFF00",
            accent="#FFFF00",
            warning="#FFFF00",
            error="#FF5555",
            success="#00FF00",
            foreground="#FFFFFF",
            background="#000000",
            surface="#000000",
            panel="#000000",
            text_alpha=1.0,
            variables={
                "rise": "#00FF00",
                "fall": "#FF5555",
                "doubt": "#FFFF00",
                "pane-border": "#FFFFFF",
                "pane-focus": "#FFFF00",
                "text-muted": "#FFFFFF",
                "block-cursor-background": "#FFFF00",
                "block-cursor-foreground": "#000000",
                "block-cursor-blurred-background": "#0000AA",
                "block-cursor-blurred-foreground": "#FFFFFF",
                "footer-key-foreground": "#FFFF00",
                "footer-description-foreground": "#FFFFFF",
            },
        ),
    ]
