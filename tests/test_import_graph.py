"""The modules of ``klantinteracties`` import each other without a circle.

The graph is read from the source, not from a running interpreter: every ``import`` and
``from ... import`` in every module counts, including those inside functions and under
``if TYPE_CHECKING:``. A function-local import that dodges a circle at run time is still the
circle, and so is a type-only one: both mean the two modules cannot be understood (or moved)
one without the other. An import by name at run time (``importlib.import_module``) would hide an
edge from this reading, so the package has none.

An edge points at the module named. ``from package import name`` points at ``package.name``
when that is a module, else at ``package``. The one thing not counted: that importing
``a.b.c`` first runs the ``__init__`` of ``a`` and ``a.b``. Python initialises a parent package
before any of its modules, and a package whose ``__init__`` gathers its own modules (as
``db.models`` does) would otherwise be in a circle with each of them by construction.
"""

from __future__ import annotations

import ast
from pathlib import Path

import klantinteracties

ROOT = Path(klantinteracties.__file__).parent
PACKAGE = "klantinteracties"


def module_names() -> dict[str, Path]:
    """Every module of the package by its dotted name (a package by its own name)."""
    out: dict[str, Path] = {}
    for path in sorted(ROOT.rglob("*.py")):
        parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def imported(module: str, is_package: bool, tree: ast.AST, known: set[str]) -> set[str]:
    """The modules of the package that ``module`` names in any import statement."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")
                if not is_package:
                    base.pop()
                base = base[: len(base) - (node.level - 1)]
                source = ".".join([*base, *([node.module] if node.module else [])])
            else:
                source = node.module or ""
            for alias in node.names:
                sub = f"{source}.{alias.name}"
                found.add(sub if sub in known else source)
    return {name for name in found if name in known and name != module}


def import_graph() -> dict[str, set[str]]:
    modules = module_names()
    known = set(modules)
    return {
        name: imported(name, path.name == "__init__.py", ast.parse(path.read_text()), known)
        for name, path in modules.items()
    }


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One circle through each strongly connected group of modules (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group: set[str] = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(group)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return [circle_in(graph, group) for group in groups]


def circle_in(graph: dict[str, set[str]], group: set[str]) -> list[str]:
    """A shortest path from the group's first module back to itself, within the group."""
    start = min(group)
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for nxt in sorted(graph[node] & group):
            if nxt == start:
                return [*paths[node], start]
            if nxt not in paths:
                paths[nxt] = [*paths[node], nxt]
                queue.append(nxt)
    raise AssertionError(f"no circle in {group}")


def test_graph_sees_the_whole_package() -> None:
    """A sanity check on the reader itself, so that an empty graph cannot pass."""
    graph = import_graph()
    assert "klantinteracties.core.service" in graph["klantinteracties.core.routing"]
    assert "klantinteracties.api.partijen.writes" in graph["klantinteracties.api.partijen.service"]
    # Function-local imports count.
    assert "klantinteracties.api.partijen.router" in graph["klantinteracties.api"]


def test_cycles_are_found() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c", "a"]]


def test_no_import_by_name() -> None:
    dynamic = [
        f"{name}:{node.lineno}"
        for name, path in module_names().items()
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Call)
        and (getattr(node.func, "id", None) or getattr(node.func, "attr", None))
        in ("import_module", "__import__")
    ]
    assert not dynamic, f"imports by name, which the import graph cannot see: {dynamic}"


def test_no_import_cycles() -> None:
    found = cycles(import_graph())
    report = "\n".join(" -> ".join(circle) for circle in found)
    assert not found, f"import circles:\n{report}"
