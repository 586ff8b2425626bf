"""Reading representations as JSON built by the database, one statement per request.

The JSON expression of a resource (core/shape.py) depends only on the resource, the expand tree,
whether list items carry ``_expand``, the expand budget and the dialect; it is compiled to SQL
text once for each, with a placeholder for the base URL, which differs per host. A request then
only adds which rows: one uuid, or the page of a filtered, ordered list (an ``id IN (...)``
subquery with the list's own ``ORDER BY ... LIMIT ... OFFSET``, so that only the rows of the page
are turned into JSON). The database's JSON text is parsed by orjson into the same dictionaries
the HTTP layer has always serialised, so responses stay byte for byte what they were.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import orjson
from pydantic import BaseModel
from sqlalchemy import ColumnElement, Select, Table, Text, cast, literal_column, select
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.util import ClauseAdapter

from .processing import execute_logged, reading
from .shape import BASE_MARKER, At, ExpandStep, JsonBuilder
from .view import View, view_of

ExpandTree = dict[str, "ExpandTree"]
ROOT = "r0"
_MAX_BASES = 64  # distinct base URLs (hosts) kept compiled per statement


def tree_key(tree: ExpandTree) -> tuple[Any, ...]:
    return tuple((name, tree_key(sub)) for name, sub in sorted(tree.items()))


def url_text(base: str) -> str:
    """The base URL (from the request's Host) with every character a URL may not hold
    percent-encoded: a quote or backslash in a forged Host can then never end the SQL literal,
    whatever the database's string settings. A real host name is left as it is."""
    return urllib.parse.quote(base, safe=":/?#[]@!$&()*+,;=%-._~")


def quote(value: str) -> str:
    """A SQL string literal (standard quoting: both PostgreSQL and SQLite read backslashes as
    themselves)."""
    return "'" + value.replace("'", "''") + "'"


@dataclass(frozen=True)
class RowChoice:
    """Which rows a read represents, and how: ``where(root)`` picks them, ``order_by`` orders
    them, ``tree`` is what they expand, ``expand_key`` gives list items an ``_expand`` even
    when empty, and ``limit`` caps every to-many expansion."""

    where: Callable[[Any], Sequence[ColumnElement[bool]]]
    order_by: Sequence[Any]
    tree: ExpandTree
    expand_key: bool
    limit: int
    ids: Any = None  # the same rows as the CTE ``row_ids`` (core/processing.py), for the log


@dataclass
class JsonReader:
    """The compiled JSON statements of one resource."""

    model: type[BaseModel]
    table: Table
    collection: str
    steps: Callable[[], Sequence[ExpandStep]]
    _fragments: dict[tuple[Any, ...], str] = field(default_factory=dict)
    _by_base: dict[tuple[Any, ...], Any] = field(default_factory=dict)
    _order: dict[int, list[Any]] = field(default_factory=dict)
    _root_rules: dict[tuple[str, ...], list[Any]] = field(default_factory=dict)

    @property
    def root(self) -> Any:
        """The alias every statement of this resource reads its rows as. Made once: an alias of
        a wide table costs more to build (a proxy per column) than the rest of a request."""
        root = self.__dict__.get("_root")
        if root is None:
            root = self.__dict__["_root"] = self.table.alias(ROOT)
        return root

    def fragment(
        self, dialect: Dialect, tree: ExpandTree, expand_key: bool, limit: int, view: View
    ) -> str:
        key = (dialect.name, tree_key(tree), expand_key, limit, view.key)
        sql = self._fragments.get(key)
        if sql is None:
            sql = self._fragments[key] = self._compile(dialect, tree, expand_key, limit, view)
        return sql

    def _compile(
        self, dialect: Dialect, tree: ExpandTree, expand_key: bool, limit: int, view: View
    ) -> str:
        tables = dict(self.table.metadata.tables)
        builder = JsonBuilder(tables, dialect.name == "sqlite", limit, view)
        root = self.root
        expr = builder.resource(
            self.model, At(root, self.collection), self.steps(), tree, expand_key
        )
        if dialect.name != "sqlite":
            # As text: the driver would otherwise decode the JSON itself, more slowly.
            expr = cast(expr, Text)
        stmt = select(expr.label("j")).select_from(root)
        sql = str(stmt.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))
        head, sep, _ = sql.rpartition(" AS j \nFROM ")
        if not sep or not head.startswith("SELECT "):
            raise RuntimeError(f"unexpected compiled form of {self.collection}")
        return head[len("SELECT ") :]

    def column(self, dialect: Dialect, base: str, rows: RowChoice, view: View) -> Any:
        tree, expand_key, limit = rows.tree, rows.expand_key, rows.limit
        key = (dialect.name, tree_key(tree), expand_key, limit, view.key, base)
        col = self._by_base.get(key)
        if col is None:
            if len(self._by_base) >= _MAX_BASES * 8:
                self._by_base.clear()
            fragment = self.fragment(dialect, tree, expand_key, limit, view)
            sql = fragment.replace(quote(BASE_MARKER), quote(url_text(base)))
            col = self._by_base[key] = literal_column(sql).label("j")
        return col

    def statement(self, dialect: Dialect, base: str, rows: RowChoice, view: View) -> Select[Any]:
        """The statement that reads the representations of the rows of the root alias that
        ``rows.where(root)`` selects and the view sees, in ``rows.order_by`` (given on the
        table)."""
        root = self.root
        col = self.column(dialect, base, rows, view)
        stmt = select(col).select_from(root).where(*rows.where(root), *self._seen(view))
        if rows.order_by:
            stmt = stmt.order_by(*self._adapted(rows.order_by))
        return stmt

    def _seen(self, view: View) -> list[Any]:
        """The view's rules for the root alias, made once per view."""
        seen = self._root_rules.get(view.key)
        if seen is None:
            seen = self._root_rules[view.key] = view.visible(self.root)
        return seen

    def _adapted(self, order_by: Sequence[Any]) -> list[Any]:
        """``order_by`` (on the table) applied to the root alias, adapted once."""
        adapted = self._order.get(id(order_by))
        if adapted is None:
            adapter = ClauseAdapter(self.root)
            adapted = self._order[id(order_by)] = [adapter.traverse(o) for o in order_by]
        return adapted

    async def read(self, session: AsyncSession, base: str, rows: RowChoice) -> list[dict[str, Any]]:
        # On the connection, not the session: a Core statement needs none of the ORM's work.
        conn = await session.connection()
        plain = self.statement(conn.dialect, base, rows, view_of(session))
        stmt: Any = plain
        params: dict[str, Any] = {}
        if rows.ids is not None:
            stmt, params = await reading(session, self.table, rows.ids, plain)
        texts = (await execute_logged(session, stmt, stmt is not plain, params)).scalars().all()
        return [orjson.loads(t) for t in texts]


def count_expanded(items: Sequence[dict[str, Any]]) -> int:
    """How many expanded resources the items carry, at every level."""
    total = 0
    for item in items:
        for value in (item.get("_expand") or {}).values():
            children = value if isinstance(value, list) else [value] if value else []
            total += len(children) + count_expanded(children)
    return total
