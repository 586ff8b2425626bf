"""What one request may see, as SQL: the door between the resources and the access rules.

A ``View`` is the set of privileges of the request's application. The rules themselves are
registered by ``klantinteracties.access.visibility`` (this module knows no table by name):

- a **rule** hides rows of a table from a view without its privilege: ``visible(t)`` is the
  condition on a row (of any alias ``t`` of the table) for it to be shown;
- a **mask** keeps rows but replaces the values of some columns with ``value`` where ``when(t)``.

Every statement that reads rows applies them in one of three ways, so that no path forgets:
the repository adds ``visible`` of its own table to every statement (lists, counts, details,
existence checks of relations), ``restrict`` rewrites a filter's clause so that every other
table it reads is read through its visible rows and every masked column as its masked value,
and the JSON builder (core/shape.py) does both for every relation it renders or expands.

The view travels with the request's database session (``session.info``): the router puts it
there when it has authenticated the request, and a session without one sees as a view without
any privilege (closed by default).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from sqlalchemy import Column, ColumnElement, Table, case, literal, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql import visitors

SESSION_KEY = "klantinteracties.view"


@dataclass(frozen=True)
class Rule:
    privilege: str
    visible: Callable[[Any], ColumnElement[bool]]
    # The relation column whose target the rule requires to be visible, if that is what it
    # checks: a reference through it needs no check of its own (JsonBuilder.points_at_visible).
    guards: str | None = None


@dataclass(frozen=True)
class Mask:
    privilege: str
    when: Callable[[Any], ColumnElement[bool]]
    columns: frozenset[str]
    value: str = ""


@dataclass
class Rules:
    hidden: dict[str, list[Rule]] = field(default_factory=dict)
    masks: dict[str, list[Mask]] = field(default_factory=dict)

    def hide(
        self,
        table: str,
        privilege: str,
        visible: Callable[[Any], Any],
        guards: str | None = None,
    ) -> None:
        self.hidden.setdefault(table, []).append(Rule(privilege, visible, guards))

    def mask(
        self, table: str, privilege: str, when: Callable[[Any], Any], columns: Sequence[str]
    ) -> None:
        self.masks.setdefault(table, []).append(Mask(privilege, when, frozenset(columns)))

    @property
    def privileges(self) -> frozenset[str]:
        every = [r.privilege for rules in self.hidden.values() for r in rules]
        every += [m.privilege for masks in self.masks.values() for m in masks]
        return frozenset(every)


RULES = Rules()


def table_of(selectable: Any) -> Table | None:
    """The table behind a table or an alias of one."""
    if isinstance(selectable, Table):
        return selectable
    element = getattr(selectable, "element", None)
    return element if isinstance(element, Table) else None


@dataclass(frozen=True)
class View:
    privileges: frozenset[str] = frozenset()
    everything: bool = False  # internal work (importers, tools): no rule applies

    @cached_property
    def key(self) -> tuple[str, ...]:
        """What decides the SQL: the privileges this view lacks (for compiled caches). The
        rules are registered at import, before any request makes a view."""
        if self.everything:
            return ()
        return tuple(sorted(RULES.privileges - self.privileges))

    def has(self, privilege: str) -> bool:
        return self.everything or privilege in self.privileges

    def _rules(self, table: Table | None) -> list[Rule]:
        if table is None or self.everything:
            return []
        return [r for r in RULES.hidden.get(table.name, ()) if r.privilege not in self.privileges]

    def _masks(self, table: Table | None) -> list[Mask]:
        if table is None or self.everything:
            return []
        return [m for m in RULES.masks.get(table.name, ()) if m.privilege not in self.privileges]

    def hides(self, selectable: Any) -> bool:
        return bool(self._rules(table_of(selectable)))

    def guarded(self, selectable: Any, column: str) -> bool:
        """Whether a row of ``selectable`` this view sees always points through ``column`` at
        a row it sees too."""
        return any(r.guards == column for r in self._rules(table_of(selectable)))

    def visible(self, selectable: Any) -> list[ColumnElement[bool]]:
        """The conditions for a row of ``selectable`` (a table or an alias) to be shown."""
        if not isinstance(selectable, Table):
            return [r.visible(selectable) for r in self._rules(table_of(selectable))]
        cache_key = (selectable.name, self.key)  # a table's own are made once
        found = _VISIBLE.get(cache_key)
        if found is None:
            found = _VISIBLE[cache_key] = [r.visible(selectable) for r in self._rules(selectable)]
        return found

    def column(self, selectable: Any, name: str) -> ColumnElement[Any]:
        """A column of ``selectable`` as this view sees it (masked where a mask applies)."""
        col: ColumnElement[Any] = selectable.c[name]
        for m in self._masks(table_of(selectable)):
            if name in m.columns:
                col = case((m.when(selectable), literal(m.value)), else_=col)
        return col

    def restrict(
        self, clauses: Sequence[ColumnElement[bool]], root: Table
    ) -> list[ColumnElement[bool]]:
        """``clauses`` (filters of a list of ``root``) with every other table they read
        replaced by its visible rows, and every masked column by what this view sees."""
        if not self.key:
            return list(clauses)
        return [visitors.replacement_traverse(c, {}, self._replacer(root)) for c in clauses]

    def _replacer(self, root: Table) -> Callable[..., Any]:
        def replace(element: Any, **_kw: Any) -> Any:
            if isinstance(element, Table) and element is not root and self._rules(element):
                return self._visible_rows(element)
            if isinstance(element, Column) and isinstance(element.table, Table):
                table = element.table
                if table is not root and self._rules(table):
                    return self._visible_rows(table).c[element.name]
                if self._masks(table):
                    return self.column(table, element.name)
            return None

        return replace

    def _visible_rows(self, table: Table) -> Any:
        cache_key = (table.name, self.key)
        rows = _VISIBLE_ROWS.get(cache_key)
        if rows is None:
            stmt = select(table).where(*self.visible(table))
            rows = _VISIBLE_ROWS[cache_key] = stmt.subquery(f"vis_{table.name}")
        return rows


_VISIBLE_ROWS: dict[tuple[str, tuple[str, ...]], Any] = {}
_VISIBLE: dict[tuple[str, tuple[str, ...]], list[ColumnElement[bool]]] = {}
EVERYTHING = View(everything=True)
NOTHING_PRIVILEGED = View()


def set_view(session: AsyncSession, view: View) -> None:
    session.info[SESSION_KEY] = view


def view_of(session: AsyncSession) -> View:
    return session.info.get(SESSION_KEY, NOTHING_PRIVILEGED)
