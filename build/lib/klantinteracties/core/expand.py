"""Expansion of related resources into ``_expand``.

Requested paths (``a``, ``a.b``) become a tree; a nested path implies its parents. The expanded
resources are built into the same JSON statement as the representation (core/shape.py), so a
request is one statement whatever it expands. Reading an expansion needs the read right
on every group along its path (``expand_scopes``; the router checks it before any query).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from .errors import ValidationFailed, invalid

ExpandTree = dict[str, "ExpandTree"]


class ExpansionTarget(Protocol):
    """What expanding needs of a resource: its rights group and its own relations. ``CrudService``
    is one; this module does not import it, because the service uses this one."""

    @property
    def scope(self) -> str: ...

    @property
    def expansions(self) -> Sequence[Expansion]: ...


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

    The related rows are those of the target's table whose ``child_key`` column equals the
    parent row's ``parent_key`` column, in insertion order.
    """

    name: str
    many: bool
    parent_key: str
    child_key: str
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
