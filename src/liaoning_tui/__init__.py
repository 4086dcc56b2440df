"""liaoning-tui: a keyboard-driven explorer of a sourced fact base on Liaoning's industry."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    """`__version__`, read from the installed metadata only when asked for: it costs a start-up."""
    if name != "__version__":
        raise AttributeError(name)
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("liaoning-tui")
    except PackageNotFoundError:
        return "0+unknown"
