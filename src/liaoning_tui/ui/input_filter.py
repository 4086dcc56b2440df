"""What reaches Textual's input parser: valid UTF-8, bounded sequences, keys at a human rate.

Textual's parser gives up on a sequence after 32 characters and re-issues every character as a
key, keeps a bracketed paste whole in memory, and queues every key however fast they come; a
megabyte of input so becomes a million events and minutes of work. This filter sits in front of
it and keeps every case bounded:

- bytes that are not UTF-8 become U+FFFD (Textualize/textual issue 6456: its decoder is strict and
  its input thread dies on the first bad byte);
- a CSI sequence longer than Textual would recognise is dropped whole, as are OSC, DCS, APC, PM
  and SOS strings (Textual reads none of them) and legacy X10 mouse reports (Textual reads only
  SGR ones, and X10 coordinates past 223 are not even UTF-8);
- a bracketed paste keeps its first `PASTE_LIMIT` characters, and ends itself if its end marker
  never comes;
- a long run of text in one read (a paste the terminal did not bracket) becomes one paste;
- keys, sequences and pastes draw on a token bucket (`BURST` at once, `RATE` a second): what comes
  faster than a person types or a mouse moves is dropped, so the queue behind it stays short.

Pure: no Textual, no I/O; the driver feeds it bytes and the time.
"""

from __future__ import annotations

import codecs
import re
from enum import Enum, auto

ESC = "\x1b"
PASTE_START = "\x1b[200~"
PASTE_END = "\x1b[201~"
CSI_LIMIT = 32
"""Textual's own limit (`_MAX_SEQUENCE_SEARCH_THRESHOLD`): longer sequences are never keys."""
PASTE_LIMIT = 4096
"""Characters of one bracketed paste passed on; a search query needs far fewer."""
BURST = 64
RATE = 64.0
"""Keys a second, sustained: above any key repeat; a burst is work the app does in well under a
second even when each key moves the tree and redraws the detail."""
COALESCE = 32
"""Characters without an escape in one read that are a paste, not typing: no one types that many
between two reads, and a paste from a terminal without bracketed paste would otherwise press
every letter as a key (in the tree, `r` reloads and `s` opens a view)."""
SEQUENCE_WAIT = 0.03
"""An escape sequence cut short waits this long for its rest, then goes on as it is."""
STRING_WAIT = 0.3
PASTE_WAIT = 1.0
"""An OSC string or a paste that stops arriving for this long is taken to have ended."""

TEXT = re.compile(r"[^\x1b]+")
STRING_STOP = re.compile(r"[\x07\x18\x1a\x1b]")
C1 = re.compile(r"[\x80-\x9f]")
STRING_INTRODUCERS = frozenset("]P_^X")


class State(Enum):
    GROUND = auto()
    SEQUENCE = auto()
    """An escape sequence being gathered, up to `CSI_LIMIT` characters."""
    DISCARD = auto()
    """A CSI sequence past the limit, dropped up to its final byte."""
    MOUSE = auto()
    """A legacy X10 mouse report: three raw characters after `ESC [ M`, dropped."""
    STRING = auto()
    STRING_ESCAPE = auto()
    PASTE = auto()


class InputFilter:
    """Bytes from a terminal in, text safe for Textual's parser out."""

    def __init__(self, now: float = 0.0) -> None:
        self._decode = codecs.getincrementaldecoder("utf-8")(errors="replace").decode
        self.state = State.GROUND
        self.pending = ""
        self._left = 0
        self._paste_kept = 0
        self._paste_passed = False
        self._tokens = float(BURST)
        self._last_fill = now
        self._last_input = now
        self.dropped = 0
        """Keys and sequences dropped so far, for tests and curious readers."""

    def wait(self) -> float | None:
        """How long the driver may wait for input before `idle` has something to do."""
        if self.state is State.SEQUENCE:
            return SEQUENCE_WAIT
        if self.state in {State.STRING, State.STRING_ESCAPE, State.DISCARD, State.MOUSE}:
            return STRING_WAIT
        if self.state is State.PASTE:
            return PASTE_WAIT
        return None

    def feed(self, data: bytes, now: float) -> str:
        self._last_input = now
        self._refill(now)
        return self._scan(C1.sub("", self._decode(data)))

    def idle(self, now: float) -> str:
        """Nothing came for a while: finish whatever was cut short."""
        self._refill(now)
        quiet = now - self._last_input
        wait = self.wait()
        if wait is None or quiet < wait:
            return ""
        if self.state is State.SEQUENCE:
            sequence, self.pending, self.state = self.pending, "", State.GROUND
            return sequence if self._take() else ""
        if self.state is State.PASTE:
            self.state, self.pending = State.GROUND, ""
            return PASTE_END if self._paste_passed else ""
        self.state = State.GROUND
        return ""

    def _refill(self, now: float) -> None:
        self._tokens = min(float(BURST), self._tokens + (now - self._last_fill) * RATE)
        self._last_fill = now

    def _take(self, count: int = 1) -> bool:
        if self._tokens >= count:
            self._tokens -= count
            return True
        self.dropped += count
        return False

    def _scan(self, text: str) -> str:
        out: list[str] = []
        if self.state is State.PASTE and self.pending:
            text, self.pending = self.pending + text, ""
        at = 0
        while at < len(text):
            at = self._step(text, at, out)
        return "".join(out)

    def _step(self, text: str, at: int, out: list[str]) -> int:
        """Consume some of `text` from `at`; the index to go on from."""
        state = self.state
        if state is State.GROUND:
            run = TEXT.match(text, at)
            if run is None:
                self.state, self.pending = State.SEQUENCE, ESC
                return at + 1
            typed = run.group()
            if len(typed) >= COALESCE:
                if self._take():
                    out.append(PASTE_START + typed[:PASTE_LIMIT] + PASTE_END)
                return run.end()
            kept = min(len(typed), int(self._tokens))
            self._tokens -= kept
            self.dropped += len(typed) - kept
            out.append(typed[:kept])
            return run.end()
        if state is State.PASTE:
            return self._paste(text, at, out)
        if state in {State.STRING, State.STRING_ESCAPE}:
            return self._string(text, at)
        if state is State.MOUSE:
            taken = min(self._left, len(text) - at)
            self._left -= taken
            if not self._left:
                self.state = State.GROUND
            return at + taken
        character = text[at]
        if state is State.DISCARD:
            if "\x40" <= character <= "\x7e":
                self.state = State.GROUND
            return at + 1
        return self._sequence(character, at, out)

    def _sequence(self, character: str, at: int, out: list[str]) -> int:
        pending = self.pending
        if character == ESC:
            self._emit(pending, out)
            self.state, self.pending = State.SEQUENCE, ESC
            return at + 1
        if pending == ESC:
            if character in STRING_INTRODUCERS:
                self.state, self.pending = State.STRING, ""
            elif character in "[O":
                self.pending += character
            else:
                self._emit(pending + character, out)
            return at + 1
        if pending.startswith(ESC + "O"):
            self._emit(pending + character, out)
            return at + 1
        if not " " <= character <= "\x7e":
            self._emit(pending, out)
            return at
        pending += character
        if "\x40" <= character <= "\x7e":
            if pending == ESC + "[M":
                self.state, self.pending, self._left = State.MOUSE, "", 3
            elif pending == PASTE_START:
                self.state, self.pending, self._paste_kept = State.PASTE, "", 0
                self._paste_passed = self._take()
                if self._paste_passed:
                    out.append(PASTE_START)
            else:
                self._emit(pending, out)
            return at + 1
        if len(pending) > CSI_LIMIT:
            self.state, self.pending = State.DISCARD, ""
            self.dropped += 1
        else:
            self.pending = pending
        return at + 1

    def _emit(self, sequence: str, out: list[str]) -> None:
        self.state, self.pending = State.GROUND, ""
        if sequence and self._take():
            out.append(sequence)

    def _string(self, text: str, at: int) -> int:
        if self.state is State.STRING_ESCAPE:
            self.state = State.GROUND
            return at + 1 if text[at] == "\\" else at
        stop = STRING_STOP.search(text, at)
        if stop is None:
            return len(text)
        self.state = State.STRING_ESCAPE if stop.group() == ESC else State.GROUND
        return stop.end()

    def _paste(self, text: str, at: int, out: list[str]) -> int:
        """Pass on the paste up to `PASTE_LIMIT` characters, then its end marker."""
        end = text.find(PASTE_END, at)
        stop = len(text) if end < 0 else end
        if end < 0:
            stop -= partial_marker(text[max(at, stop - len(PASTE_END)) :])
        if self._paste_passed:
            kept = text[at : min(stop, at + PASTE_LIMIT - self._paste_kept)]
            self._paste_kept += len(kept)
            out.append(kept)
        if end < 0:
            self.pending = text[stop:]
            return len(text)
        if self._paste_passed:
            out.append(PASTE_END)
        self.state = State.GROUND
        return end + len(PASTE_END)


def partial_marker(tail: str) -> int:
    """How many characters at the end of `tail` may be the start of a paste's end marker."""
    for size in range(min(len(tail), len(PASTE_END) - 1), 0, -1):
        if PASTE_END.startswith(tail[-size:]):
            return size
    return 0
