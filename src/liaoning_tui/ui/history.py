"""Back and forward through every "go to", like a browser's."""

from __future__ import annotations

from dataclasses import dataclass, field

from liaoning_tui.ui.refs import Ref


@dataclass
class History:
    """Visited places; `index` is the one shown."""

    entries: list[Ref] = field(default_factory=list)
    index: int = -1

    def visit(self, shown: Ref | None, target: Ref) -> None:
        """Go from `shown` (what is on screen now) to `target`; forward history is dropped."""
        if shown is not None:
            self._settle(shown)
        del self.entries[self.index + 1 :]
        if not self.entries or self.entries[-1] != target:
            self.entries.append(target)
        self.index = len(self.entries) - 1

    def back(self, shown: Ref | None) -> Ref | None:
        """The place before this one, or None at the start."""
        if shown is not None:
            self._settle(shown)
        if self.index <= 0:
            return None
        self.index -= 1
        return self.entries[self.index]

    def forward(self, shown: Ref | None) -> Ref | None:
        """The place after this one, or None at the end."""
        if shown is not None:
            self._settle(shown)
        if self.index >= len(self.entries) - 1:
            return None
        self.index += 1
        return self.entries[self.index]

    def _settle(self, shown: Ref) -> None:
        """Moving the tree cursor changes what is shown without a visit: remember it here."""
        if self.index < 0:
            self.entries.append(shown)
            self.index = 0
        else:
            self.entries[self.index] = shown
