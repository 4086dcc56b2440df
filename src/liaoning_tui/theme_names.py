"""The names of the explorer's themes, known without importing Textual or the explorer.

The command line checks `--theme` (and a config file its theme) against these; the themes
themselves are in `liaoning_tui.ui.themes`.
"""

DEFAULT = "dark"
NAMES = ("dark", "light", "high-contrast")


def names() -> tuple[str, ...]:
    """The names a user can choose, the default first."""
    return NAMES
