"""The cyclic garbage collector, kept off what is built in bulk and lasts.

Start-up imports Textual, reads the fact base and builds the first screen: tens of thousands of
objects, none of them garbage. Each collection meanwhile walks them all again, and at start-up
that is a sixth of the time to the first frame. The command line holds collection off from its
start (`hold_for_start_up`); the explorer lets it go after its first frame, other commands as
soon as their arguments are read (`start_up_over`). What start-up built is then frozen out of
later passes (gc.freeze), so the collections of a long session skip it too.

Three things are built in bulk and last as long as the fact base shown: its records read from
the parse cache, the search index and the nodes of an opened group. Each is built `lasting`:
garbage first, no collection while building, then frozen. A new fact base `thaw`s it all so
that the old one can be collected; the next `lasting` build collects it and freezes what is
left.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_held = False


def hold_for_start_up() -> None:
    """Hold collection off until `start_up_over`; does nothing when it is already off."""
    global _held
    if gc.isenabled():
        gc.disable()
        _held = True


def start_up_over() -> None:
    """Freeze what start-up built and collect again; does nothing unless start-up held it off."""
    global _held
    if _held:
        _held = False
        gc.freeze()
        gc.enable()


@contextmanager
def lasting() -> Iterator[None]:
    """Build objects that last as long as the fact base, then freeze them out of collections.

    The garbage there is is collected first, since what is frozen is never collected: that pass
    walks only what is not frozen yet, a few milliseconds. It is skipped while start-up holds
    collection off, since start-up freezes its own at the end.
    """
    if gc.isenabled():
        gc.collect()
    with paused():
        yield
        gc.freeze()


def thaw() -> None:
    """Make everything frozen collectable again: the fact base it lasted for is being replaced."""
    gc.unfreeze()


@contextmanager
def paused() -> Iterator[None]:
    """No collection inside: for building many records of which none is garbage."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
