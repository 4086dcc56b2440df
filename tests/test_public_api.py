"""Nothing under src/ touches an underscore attribute of Textual or Rich: upgrades cannot break it.

Two ways to touch one: reading or writing `thing._name` on an object of theirs, and a subclass of
theirs defining a `_name` that their class already has, which silently replaces their private
state or method.
"""

from __future__ import annotations

import ast
import contextlib
import importlib
import inspect
import textwrap
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
import rich
import textual

SRC = Path(__file__).resolve().parents[1] / "src"
THEIRS = ("textual", "rich")


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _modules(root: Path) -> Iterator[tuple[Path, ast.Module]]:
    for path in sorted(root.rglob("*.py")):
        yield path, ast.parse(path.read_text(encoding="utf-8"))


def _stored_on_self(tree: ast.AST) -> set[str]:
    return {
        node.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.ctx, ast.Store)
        and isinstance(node.value, ast.Name)
        and node.value.id == "self"
    }


@cache
def private_names_of_theirs() -> frozenset[str]:
    """Every underscore attribute or method name that Textual or Rich defines anywhere."""
    found: set[str] = set()
    for package in (textual, rich):
        for _, module in _modules(Path(str(package.__file__)).parent):
            found |= _stored_on_self(module)
            found |= {
                node.name
                for node in ast.walk(module)
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            }
    return frozenset(name for name in found if _private(name))


def test_src_reaches_into_no_object_for_a_private_name_of_theirs() -> None:
    """`x._name` for any `x` but `self`, `cls` and `os` (whose `os._exit` is how a forked child
    ends), where Textual or Rich has a `_name`."""
    found = [
        f"{path.relative_to(SRC)}:{node.lineno}: {node.attr}"
        for path, module in _modules(SRC)
        for node in ast.walk(module)
        if isinstance(node, ast.Attribute)
        and _private(node.attr)
        and not (isinstance(node.value, ast.Name) and node.value.id in {"self", "cls", "os"})
        and node.attr in private_names_of_theirs()
    ]
    assert found == []


def _our_classes() -> Iterator[type]:
    for path in sorted((SRC / "liaoning_tui").rglob("*.py")):
        if path.name == "__main__.py":
            continue
        name = ".".join(path.relative_to(SRC).with_suffix("").parts)
        module = importlib.import_module(name.removesuffix(".__init__"))
        for value in vars(module).values():
            if inspect.isclass(value) and value.__module__ == module.__name__:
                yield value


def _their_private_names(cls: type) -> set[str]:
    names: set[str] = set()
    for base in cls.__mro__:
        if base.__module__.split(".")[0] in THEIRS:
            names |= {name for name in vars(base) if _private(name)}
            with contextlib.suppress(OSError, TypeError):
                names |= _stored_on_self(ast.parse(textwrap.dedent(inspect.getsource(base))))
    return names


def _defined_in(cls: type) -> set[str]:
    """Methods, class attributes and `self` attributes that `cls`'s own source defines or uses."""
    body = ast.parse(textwrap.dedent(inspect.getsource(cls))).body[0]
    assert isinstance(body, ast.ClassDef)
    names = {
        node.attr
        for node in ast.walk(body)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "self"
    }
    for item in body.body:
        if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
            names.add(item.name)
        elif isinstance(item, ast.Assign):
            names |= {target.id for target in item.targets if isinstance(target, ast.Name)}
        elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
            names.add(item.target.id)
    return names


def test_no_subclass_redefines_a_private_name_of_its_textual_or_rich_base() -> None:
    clashes: list[str] = []
    for cls in _our_classes():
        theirs = _their_private_names(cls)
        if not theirs:
            continue
        ours = {name for name in _defined_in(cls) if _private(name)}
        clashes += [f"{cls.__module__}.{cls.__qualname__}.{name}" for name in ours & theirs]
    assert clashes == []


@pytest.mark.parametrize(
    ("owner", "name"),
    [("Tree", "_add_node"), ("Tree", "_invalidate"), ("TreeNode", "_allow_expand")],
)
def test_the_check_knows_the_tree_internals_once_used_here(owner: str, name: str) -> None:
    from textual.widgets import Tree
    from textual.widgets.tree import TreeNode

    assert name in private_names_of_theirs()
    assert name in _their_private_names({"Tree": Tree, "TreeNode": TreeNode}[owner])
