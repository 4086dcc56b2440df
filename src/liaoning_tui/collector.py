"""The cyclic garbage collector, held off while start-up builds what lives until exit.

Start-up imports Textual, reads the fact base and builds the first screen: tens of thousands of
objects, none of them garbage. Each collection meanwhile walks them all again, and at start-up
that is a sixth of the time to the first frame. The command line holds collection off from its
start (`hold_for_start_up`); the explorer lets it go after its first frame, other commands as
soon as their arguments are read (`start_up_over`). What start-up built is then frozen out of
later passes (gc.freeze), so the collections of a long session skip it too.
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
def paused() -> Iterator[None]:
    """No collection inside: for building many records of which none is garbage."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
