"""The floor to compare with: a bare Textual app with a Tree and a Static, nothing else.

Its tree has the explorer's group names and a few leaves in each, the Overview group open, and
moving the cursor rewrites the Static: with a page of plain text about the node (the default, the
same job as the explorer's detail pane, without its tables, colours and widgets), or with
`--detail line`, with the node's name only. It reads no file and imports nothing of liaoning-tui.
"""

from __future__ import annotations

import sys
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Static, Tree

GROUPS = {
    "Overview": 3,
    "Sectors": 14,
    "Parks & zones": 3,
    "Companies": 5,
    "Ports & airports": 7,
    "Cities": 8,
    "People": 2,
    "Organizations": 6,
    "Events": 4,
    "Sources": 60,
}
PAGE = (
    "This line of the tree stands for one thing of a fact base: its name, kind and summary, "
    "a few of its figures with their periods and sources, and its links to other things. "
) * 4
"""About as much text as the explorer's detail pane shows for an entity."""


class Baseline(App[None]):
    CSS = """
    Tree { width: 34%; border: round $panel-lighten-2; }
    Static { width: 1fr; border: round $panel-lighten-2; padding: 0 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("q", "quit", "Quit")]

    def __init__(self, page: bool = True) -> None:
        super().__init__()
        self.page = page

    def compose(self) -> ComposeResult:
        tree: Tree[str] = Tree("Baseline")
        tree.show_root = False
        for group, count in GROUPS.items():
            node = tree.root.add(group, expand=group == "Overview")
            for index in range(count):
                node.add_leaf(f"{group} item {index + 1}", data=f"{group} item {index + 1}")
        with Horizontal():
            yield tree
            yield Static("", id="detail")

    def on_mount(self) -> None:
        self.query_one(Tree).focus()

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted[str]) -> None:
        name = event.node.data or str(event.node.label)
        self.query_one(Static).update(f"{name}\n\n{PAGE}" if self.page else name)


if __name__ == "__main__":
    Baseline(page="--detail=line" not in sys.argv[1:]).run()
