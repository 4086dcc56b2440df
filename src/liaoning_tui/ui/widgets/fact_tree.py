"""The tree of the fact base: groups of entities and sources, each entity opening onto its links."""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Span, Text, TextType
from textual.binding import Binding, BindingType
from textual.reactive import var
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from liaoning_tui.facts.display import clean
from liaoning_tui.facts.model import EMPTY, Entity, FactBase, Source
from liaoning_tui.facts.vocabulary import GROUPS, KINDS, RELATIONS
from liaoning_tui.rich_text import plain
from liaoning_tui.ui.keys import vim_moves
from liaoning_tui.ui.messages import GoTo
from liaoning_tui.ui.refs import SOURCES_GROUP, Ref, group_of
from liaoning_tui.ui.widgets.tree_nodes import Group, Item, More, NodeData

__all__ = ["PAGE", "FactTree", "Group", "Item", "More", "NodeData"]


PAGE = 500
"""A group opens on this many members, and each More line adds as many again.

Textual's public `TreeNode.add` refreshes the tree once a node; opening a group of 10,000 in one
go took 500 ms that way on these cores, against 150 ms allowed. A page of 500 settles well
inside it, and search or a go-to reaches any member (the pages up to it are added then)."""


class FactTree(Tree[NodeData]):
    """Groups hold entities (and sources); an entity opens onto what it links to and cites.

    Children are added when a node is first expanded, so a group of thousands costs nothing until
    it is opened, and a group opens a page (PAGE members) at a time.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        *vim_moves("cursor_down", "cursor_up", "scroll_home", "scroll_end"),
        Binding("h,left", "collapse_or_parent", "Collapse", show=False),
        Binding("l,right", "expand_node", "Expand", show=False),
        Binding(
            "enter",
            "select_cursor",
            "Open or follow",
            id="tree-enter",
            show=False,
            tooltip="Open or close a group or entity; on a link, go to the linked entity",
        ),
    ]

    facts: var[FactBase] = var(EMPTY, init=False)
    """The fact base shown: bound to the explorer's, never set here."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(Text(), id=id)
        self.show_root = False
        self.guide_depth = 2
        self.auto_expand = False
        self._main_nodes: dict[Ref, TreeNode[NodeData]] = {}

    def watch_facts(self, facts: FactBase) -> None:
        """Show `facts`, keeping which groups were open."""
        opened = {
            node.data.name
            for node in self.root.children
            if isinstance(node.data, Group) and node.is_expanded
        }
        self._main_nodes.clear()
        self.clear()
        kind_group = {kind: spec.group for kind, spec in KINDS.items()}
        members: dict[str, list[str]] = {name: [] for name in GROUPS}
        for entity_id, entity in facts.entities.items():
            members[kind_group[entity.kind]].append(entity_id)
        members[SOURCES_GROUP] = list(facts.sources)
        for name, ids in members.items():
            if ids:
                self._add_group(name, tuple(ids), opened)

    def _add_group(self, name: str, ids: tuple[str, ...], opened: set[str]) -> None:
        label = Text.assemble((name, "bold"), (f" {len(ids)}", "dim"))
        node = self.root.add(label, data=Group(name, ids), allow_expand=True)
        if name in opened or (not opened and name == GROUPS[0]):
            self._fill(node)
            node.expand()

    def _entity_label(self, entity: Entity, via: str = "") -> Text:
        """One Text built whole: a group of thousands makes thousands of these at once."""
        text = f"{via} " if via else ""
        spans = [Span(0, len(text), "dim")] if via else []
        text += clean(entity.name)
        if entity.name_zh:
            text += " "
            start = len(text)
            text += clean(entity.name_zh)
            spans.append(Span(start, len(text), "dim"))
        return Text(text, spans=spans)

    def _source_label(self, source: Source, via: str = "") -> Text:
        label = Text()
        if via:
            label.append(f"{via} ", style="dim")
        label.append_text(plain(source.title))
        return label

    def _label(self, ref: Ref, via: str = "") -> tuple[Text, bool]:
        """The label of `ref`'s node, and whether the node opens."""
        if ref.kind == "source":
            return self._source_label(self.facts.sources[ref.id], via), False
        entity = self.facts.entities[ref.id]
        expandable = bool(entity.links or self.facts.backlinks(entity.id) or entity.cited_sources())
        return self._entity_label(entity, via), expandable

    def _add_item(self, parent: TreeNode[NodeData], ref: Ref, via: str = "") -> None:
        label, expandable = self._label(ref, via)
        parent.add(label, data=Item(ref, via), allow_expand=expandable)

    def _add_page(self, group: TreeNode[NodeData], data: Group, start: int) -> None:
        """Members `start` to `start + PAGE` of the group, then a More line if any are left."""
        make = Ref.source if data.name == SOURCES_GROUP else Ref.entity
        end = min(start + PAGE, len(data.ids))
        for member in data.ids[start:end]:
            ref = make(member)
            label, expandable = self._label(ref)
            self._main_nodes[ref] = group.add(label, data=Item(ref), allow_expand=expandable)
        left = len(data.ids) - end
        if left:
            label = Text(f"… {left:,} more: Enter shows the next {min(left, PAGE):,}", "dim italic")
            group.add(label, data=More(data.name, end), allow_expand=False)

    def _show_more(self, node: TreeNode[NodeData]) -> TreeNode[NodeData] | None:
        """Replace a More line by the next page; the first member added, if any."""
        data, group = node.data, node.parent
        if not isinstance(data, More) or group is None or not isinstance(group.data, Group):
            return None
        node.remove()
        self._add_page(group, group.data, data.shown)
        first = group.data.ids[data.shown]
        make = Ref.source if data.group == SOURCES_GROUP else Ref.entity
        return self._main_nodes.get(make(first))

    def _fill(self, node: TreeNode[NodeData]) -> None:
        """Add a node's children, once."""
        if node.children or node.data is None:
            return
        data = node.data
        if isinstance(data, Group):
            self._add_page(node, data, 0)
            return
        if isinstance(data, More) or data.ref.kind != "entity":
            return
        entity = self.facts.entities[data.ref.id]
        for link in entity.links:
            via = RELATIONS[link.rel].label
            self._add_item(node, Ref.entity(link.target), f"{via} →")
        for backlink in self.facts.backlinks(entity.id):
            via = RELATIONS[backlink.link.rel].inverse
            self._add_item(node, Ref.entity(backlink.origin), f"{via} ←")
        for source_id in entity.cited_sources():
            self._add_item(node, Ref.source(source_id), "source ·")

    def process_label(self, label: TextType) -> Text:
        """Labels made here are one line of Text already: Tree would split and copy each."""
        if isinstance(label, Text) and "\n" not in label.plain:
            return label
        return super().process_label(label)

    def render_label(self, node: TreeNode[NodeData], base_style: Style, style: Style) -> Text:
        """The label, cut with "…" at the tree's edge (whole in the tooltip when highlighted)."""
        label, depth, parent = super().render_label(node, base_style, style), 0, node.parent
        while parent is not None and parent is not self.root:
            depth, parent = depth + 1, parent.parent
        label.truncate(max(1, self.size.width - depth * self.guide_depth), overflow="ellipsis")
        return label

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted[NodeData]) -> None:
        self.tooltip = Text(str(event.node.label))

    def get_label_width(self, node: TreeNode[NodeData]) -> int:
        """None: the tree never scrolls sideways (overflow-x is hidden), so no label is measured.

        Tree measures every line's label after each change to find its widest, which took
        15 ms on opening a group of 10,000.
        """
        return 0

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[NodeData]) -> None:
        self._fill(event.node)

    def main_node(self, ref: Ref) -> TreeNode[NodeData] | None:
        """The node of `ref` in its group, opening the group if it is closed."""
        if ref.kind == "group":
            return self._group_node(ref.id)
        group = self._group_node(group_of(self.facts, ref))
        if group is None:
            return None
        if not group.is_expanded:
            self._fill(group)
            group.expand()
        while ref not in self._main_nodes and group.children:
            if self._show_more(group.children[-1]) is None:
                break
        return self._main_nodes.get(ref)

    def _group_node(self, name: str) -> TreeNode[NodeData] | None:
        for node in self.root.children:
            if isinstance(node.data, Group) and node.data.name == name:
                return node
        return None

    def show(self, ref: Ref) -> bool:
        """Put the cursor on `ref`'s own node; False when the tree has no such node.

        The cursor moves after the next refresh: opening a group renumbers the tree's lines.
        """
        node = self.main_node(ref)
        if node is None:
            return False
        self.call_after_refresh(self._put_cursor, node)
        return True

    def place(self) -> Ref | None:
        """Where the cursor is, as history records it: a link's node is a place in its entity.

        The pane shows a link's target as the cursor crosses it, but the reader is still in the
        entity the link belongs to: a go-to from there comes back there.
        """
        node = self.cursor_node
        while node is not None and isinstance(node.data, Item) and node.data.via:
            node = node.parent
        if node is None or node.data is None:
            return None
        if isinstance(node.data, Group):
            return Ref.group(node.data.name)
        if isinstance(node.data, More):
            return Ref.group(node.data.group)
        return node.data.ref

    def _put_cursor(self, node: TreeNode[NodeData]) -> None:
        self.move_cursor(node)
        self.scroll_to_node(node, animate=False)

    def action_expand_node(self) -> None:
        node = self.cursor_node
        if node is not None and isinstance(node.data, More):
            self._more_at_cursor(node)
        elif node is not None and node.allow_expand and not node.is_expanded:
            self._fill(node)
            node.expand()
        elif node is not None and node.children:
            self.action_cursor_down()

    def action_collapse_or_parent(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.is_expanded:
            node.collapse()
        elif node.parent is not None and node.parent is not self.root:
            self.move_cursor(node.parent)

    def action_select_cursor(self) -> None:
        """Enter opens a closed node, and follows a link node to the entity's own place."""
        node = self.cursor_node
        if node is None:
            return
        if isinstance(node.data, Item) and node.data.via:
            self.post_message(GoTo(node.data.ref))
            return
        if isinstance(node.data, More):
            self._more_at_cursor(node)
            return
        if node.allow_expand:
            self._fill(node)
            node.toggle()

    def _more_at_cursor(self, node: TreeNode[NodeData]) -> None:
        first = self._show_more(node)
        if first is not None:
            self.call_after_refresh(self.move_cursor, first)
