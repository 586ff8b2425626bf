"""Expansion of related resources into ``_expand``, batched per relation.

Requested paths (``a``, ``a.b``) become a tree. Each level is loaded with one query for all parent
rows at once, so the number of SQL statements depends on the number of expand paths, never on
the number of rows. A nested path implies its parents. Reading an expansion needs the read right
on every group along its path (``expand_scopes``; the router checks it before any query).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import RowMapping
from sqlalchemy.ext.asyncio import AsyncSession

from .context import Ctx

if TYPE_CHECKING:
    from .service import CrudService

ExpandTree = dict[str, "ExpandTree"]
Loader = Callable[[AsyncSession, list[Any]], Awaitable[Sequence[RowMapping]]]


def expand_tree(paths: Sequence[str]) -> ExpandTree:
    tree: ExpandTree = {}
    for path in paths:
        node = tree
        for part in path.split("."):
            node = node.setdefault(part, {})
    return tree


@dataclass(frozen=True)
class Expansion:
    """One expandable relation of a resource.

    ``parent_key`` is the column of the parent row that identifies the related rows;
    ``load(session, keys)`` returns the related rows, each carrying the key in ``child_key``.
    """

    name: str
    many: bool
    parent_key: str
    child_key: str
    load: Loader
    target: Callable[[], CrudService]


def expand_scopes(service: CrudService, paths: Sequence[str]) -> set[str]:
    """The rights groups the expansion of ``paths`` shows: each relation along a path renders
    its target resource in full, so the token needs read on the target's group. Derived from the
    target services, so there is nothing to declare (or forget) per path."""
    scopes: set[str] = set()
    for path in paths:
        current = service
        for name in path.split("."):
            current = {e.name: e for e in current.expansions}[name].target()
            scopes.add(current.scope)
    return scopes


async def apply_expansions(
    session: AsyncSession,
    ctx: Ctx,
    service: CrudService,
    rows: Sequence[RowMapping],
    items: list[dict[str, Any]],
    tree: ExpandTree,
) -> None:
    """Fill ``item["_expand"]`` for every requested relation (empty ones as [] / null)."""
    for exp in service.expansions:
        if exp.name not in tree:
            continue
        keys = list({row[exp.parent_key] for row in rows if row[exp.parent_key] is not None})
        children = await exp.load(session, keys) if keys else []
        rendered = await exp.target().render(session, ctx, children, tree[exp.name])
        by_key: dict[Any, list[dict[str, Any]]] = {}
        for child, out in zip(children, rendered, strict=True):
            by_key.setdefault(child[exp.child_key], []).append(out)
        for row, item in zip(rows, items, strict=True):
            found = by_key.get(row[exp.parent_key], [])
            item["_expand"][exp.name] = found if exp.many else (found[0] if found else None)
