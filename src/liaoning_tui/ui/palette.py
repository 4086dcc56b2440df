"""The theme's colours as Rich styles, for text rendered outside CSS (tables, tree labels).

Every colour comes from the running theme, so a theme change, 16 colours and NO_COLOR all apply.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import App

from liaoning_tui.facts.display import direction


@dataclass(frozen=True, slots=True)
class Palette:
    """Styles taken from the theme's variables (see ui/themes.py for ours)."""

    rise: str
    fall: str
    doubt: str
    accent: str

    @classmethod
    def of(cls, app: App[object]) -> Palette:
        """The palette of `app`'s current theme."""
        variables = app.theme_variables
        return cls(
            rise=variables.get("rise", ""),
            fall=variables.get("fall", ""),
            doubt=variables.get("doubt", ""),
            accent=variables.get("text-accent", variables.get("accent", "")),
        )

    def direction(self, direction: int) -> str:
        """The style of a rise (1), a fall (-1) or neither (0)."""
        return self.rise if direction > 0 else self.fall if direction < 0 else ""

    def change(self, value: float | None) -> str:
        """The style of a year-on-year change: rise up, fall down."""
        return self.direction(direction(value))
