"""Expansion of related resources into ``_expand``, batched per relation.

Requested paths (``a``, ``a.b``) become a tree. Each level is loaded with one query for all parent
rows at once, so the number of SQL statements depends on the number of expand paths, never on
the number of rows. A nested path implies its parents. Reading an expansion needs the read right
on every group along its path (``expand_scopes``; the router checks it before any query).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import RowMapping
from sqlalchemy.ext.asyncio import AsyncSession

from .context import Ctx
from .errors import ValidationFailed, invalid
from .repository import rows_by_limit

ExpandTree = dict[str, "ExpandTree"]
Loader = Callable[[AsyncSession, list[Any]], Awaitable[Sequence[RowMapping]]]


class ExpansionTarget(Protocol):
    """What expanding needs of a resource: its rights group, its own relations and its rendering.
    ``CrudService`` is one; this module does not import it, because the service uses this one."""

    @property
    def scope(self) -> str: ...

    @property
    def expansions(self) -> Sequence[Expansion]: ...

    async def render(
        self,
        session: AsyncSession,
        ctx: Ctx,
        rows: Sequence[RowMapping],
        tree: ExpandTree,
        expand_key: bool = False,
    ) -> list[dict[str, Any]]: ...


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
    target: Callable[[], ExpansionTarget]


def expand_scopes(service: ExpansionTarget, paths: Sequence[str]) -> set[str]:
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


def too_many_expanded(max_rows: int) -> ValidationFailed:
    reason = (
        f"Meer dan {max_rows} gerelateerde resources in één antwoord; "
        "vraag minder tegelijk op met een kleinere pageSize of minder expand-paden."
    )
    return invalid("expand", reason, "too_many_expanded")


async def load_within_budget(
    session: AsyncSession, ctx: Ctx, exp: Expansion, keys: list[Any]
) -> Sequence[RowMapping]:
    """The loader's rows, at most one more than the budget allows (so an over-large expansion
    is never loaded whole), or a 400 when the response would exceed it."""
    budget = ctx.expand_budget
    token = rows_by_limit.set(budget.remaining + 1)
    try:
        children = await exp.load(session, keys)
    finally:
        rows_by_limit.reset(token)
    budget.used += len(children)
    if budget.used > budget.max_rows:
        raise too_many_expanded(budget.max_rows)
    return children


async def apply_expansions(
    session: AsyncSession,
    ctx: Ctx,
    service: ExpansionTarget,
    rows: Sequence[RowMapping],
    items: list[dict[str, Any]],
    tree: ExpandTree,
) -> None:
    """Fill ``item["_expand"]`` for every requested relation (empty ones as [] / null)."""
    for exp in service.expansions:
        if exp.name not in tree:
            continue
        keys = list({row[exp.parent_key] for row in rows if row[exp.parent_key] is not None})
        children = await load_within_budget(session, ctx, exp, keys) if keys else []
        rendered = await exp.target().render(session, ctx, children, tree[exp.name])
        by_key: dict[Any, list[dict[str, Any]]] = {}
        for child, out in zip(children, rendered, strict=True):
            by_key.setdefault(child[exp.child_key], []).append(out)
        for row, item in zip(rows, items, strict=True):
            found = by_key.get(row[exp.parent_key], [])
            item["_expand"][exp.name] = found if exp.many else (found[0] if found else None)
