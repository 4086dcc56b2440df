"""liaoning-tui: a keyboard-driven explorer of a sourced fact base on Liaoning's industry."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("liaoning-tui")
except PackageNotFoundError:
    __version__ = "0+unknown"
