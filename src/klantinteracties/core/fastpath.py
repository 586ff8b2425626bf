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
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

import orjson
from pydantic import BaseModel
from sqlalchemy import (
    ColumnElement,
    Select,
    Table,
    Text,
    and_,
    bindparam,
    cast,
    literal_column,
    select,
    true,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.util import ClauseAdapter

from .processing import execute_driver_logged, execute_logged, reading, row_ids
from .shape import BASE_MARKER, At, ExpandStep, JsonBuilder
from .view import View, view_of

ExpandTree = dict[str, "ExpandTree"]
ROOT = "r0"
_MAX_BASES = 64  # distinct base URLs (hosts) kept compiled per statement
KEY = "ki_key"  # the parameter of a keyed read's statement, compiled once for every uuid
KeyIds = Callable[[View, Any], Select[Any]]
T = TypeVar("T")


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
    # A list page: its filter clauses (whose values are the compiled statement's arguments)
    # and its size and offset; None for reads that are not one page of a list.
    filters: Sequence[ColumnElement[bool]] | None = None
    page: tuple[int, int] = (0, 0)


def bounded(cache: dict[Any, T], key: Any, make: Callable[[], T]) -> T:
    """``cache[key]``, made when missing. The caches that hold a base URL (a forged Host makes
    a new one) are emptied when they reach their bound rather than grow with every host."""
    if key in cache:
        return cache[key]
    if len(cache) >= _MAX_BASES * 8:
        cache.clear()
    made = cache[key] = make()
    return made


@dataclass(frozen=True)
class Prepared:
    """A statement compiled once to the driver's SQL text, run with positional arguments: per
    request, neither SQLAlchemy's statement building nor its cache key (a walk of the whole
    JSON expression) nor its compiler is involved. ``slots`` says for each position which
    request value goes there (a name), or the constant the statement itself bound, and the
    type's conversion for the driver."""

    sql: str
    slots: tuple[tuple[str | None, Any, Callable[[Any], Any] | None], ...]

    def args(self, values: dict[str, Any]) -> tuple[Any, ...]:
        out = []
        for name, constant, convert in self.slots:
            if name is None:
                out.append(constant)
            else:
                value = values[name]
                out.append(convert(value) if convert is not None and value is not None else value)
        return tuple(out)


def prepare(
    stmt: Any, dialect: Dialect, names: set[str], by_key: dict[str, str] | None = None
) -> Prepared | None:
    """``stmt`` compiled for ``dialect``; the parameters in ``names`` are given per request,
    and so are those whose ``BindParameter.key`` is in ``by_key`` (under the name it maps to:
    a filter's values, which SQLAlchemy names anew in every statement); every other one keeps
    its value. None for a statement whose text depends on its values (an expanding ``IN``),
    which must go through SQLAlchemy each time."""
    compiled = stmt.compile(dialect=dialect)
    if compiled.positiontup is None or "POSTCOMPILE" in compiled.string:
        return None
    converters = compiled._bind_processors
    slots: list[tuple[str | None, Any, Callable[[Any], Any] | None]] = []
    given_keys = by_key or {}
    for name in compiled.positiontup:
        convert = converters.get(name)
        given = given_keys.get(compiled.binds[name].key)
        if name in names or given is not None:
            slots.append((given or name, None, convert))
        else:
            value = compiled.binds[name].effective_value
            slots.append((None, convert(value) if convert and value is not None else value, None))
    if not set(given_keys.values()) <= {slot for slot, _, _ in slots}:
        # A value was copied under another name on its way into the statement: it would be
        # kept as a constant, so this statement is never reused.
        return None
    return Prepared(compiled.string, tuple(slots))


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
    _keyed: dict[tuple[Any, ...], tuple[Any, Any]] = field(default_factory=dict)
    _prepared: dict[tuple[Any, ...], Prepared | None] = field(default_factory=dict)

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

        def make() -> Any:
            fragment = self.fragment(dialect, tree, expand_key, limit, view)
            sql = fragment.replace(quote(BASE_MARKER), quote(url_text(base)))
            return literal_column(sql).label("j")

        return bounded(self._by_base, key, make)

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
        view = view_of(session)
        plain = self.statement(conn.dialect, base, rows, view)
        stmt: Any = plain
        params: dict[str, Any] = {}
        if rows.ids is not None:
            stmt, params = await reading(session, self.table, rows.ids, plain)
        logs = stmt is not plain
        prepared, values = self._page_template(conn.dialect, base, rows, view, stmt, params, logs)
        return await _run(session, prepared, stmt, logs, params, values)

    def _page_template(
        self,
        dialect: Dialect,
        base: str,
        rows: RowChoice,
        view: View,
        stmt: Any,
        params: dict[str, Any],
        logs: bool,
    ) -> tuple[Prepared | None, dict[str, Any]]:
        """A list page's statement compiled once per shape: the resource, expand tree, view,
        base URL, page size and offset, and the filters' structure (SQLAlchemy's cache key of
        the filter clauses alone, a few nodes, where the key of the whole statement walks the
        JSON expression too). The filters' values, in that key's order, are the arguments."""
        if rows.filters is None:
            return None, {}
        filters = and_(true(), *rows.filters)._generate_cache_key()
        if filters is None:  # pragma: no cover - every filter clause of ours is cacheable
            return None, {}
        values = {f"#{n}": b.effective_value for n, b in enumerate(filters.bindparams)}
        shape = (
            dialect.name,
            tree_key(rows.tree),
            rows.expand_key,
            rows.limit,
            view.key,
            base,
            rows.page,
            filters.key,
            logs,
            tuple(params),
        )
        by_key = {b.key: name for name, b in zip(values, filters.bindparams, strict=True)}
        made = bounded(self._prepared, shape, lambda: prepare(stmt, dialect, set(params), by_key))
        return made, values

    async def read_key(
        self, session: AsyncSession, base: str, rows: RowChoice, key: Any, key_ids: KeyIds
    ) -> list[dict[str, Any]]:
        """``read`` of the row with uuid ``key``, by a statement compiled once per resource,
        expand tree, view and base URL, with the log's statement riding along when there is
        one (``rows.where`` and ``rows.ids`` are not used: the key is a parameter here;
        ``key_ids`` gives the statement of the id of a key's row that the view sees)."""
        conn = await session.connection()
        dialect, view = conn.dialect, view_of(session)
        shape = (dialect.name, tree_key(rows.tree), rows.expand_key, rows.limit, view.key, base)
        plain, ids = self._keyed_statements(dialect, base, rows, view, shape, key_ids)
        bound = {KEY: key}
        stmt, params = await reading(session, self.table, ids, plain, bound)
        logs = stmt is not plain
        prepared_key = (*shape, logs, tuple(params))
        prepared = bounded(
            self._prepared, prepared_key, lambda: prepare(stmt, dialect, {KEY, *params})
        )
        return await _run(session, prepared, stmt, logs, {**params, **bound})

    def _keyed_statements(
        self,
        dialect: Dialect,
        base: str,
        rows: RowChoice,
        view: View,
        shape: tuple[Any, ...],
        key_ids: KeyIds,
    ) -> tuple[Any, Any]:
        """The keyed read's statement and its ``row_ids`` CTE, with the key as a parameter."""

        def make() -> tuple[Any, Any]:
            key = bindparam(KEY, type_=self.table.c.uuid.type)
            choice = replace(rows, where=lambda root: [root.c.uuid == key])
            plain = self.statement(dialect, base, choice, view)
            return plain, row_ids(key_ids(view, key))

        return bounded(self._keyed, shape, make)


async def _run(
    session: AsyncSession,
    prepared: Prepared | None,
    stmt: Any,
    logs: bool,
    params: dict[str, Any],
    given: dict[str, Any] | None = None,
) -> list[dict[str, Any]]:
    """The representations ``stmt`` reads, with ``params``: through its compiled form when
    there is one (which takes ``given`` too: the values the statement itself binds, by their
    slot names), else through SQLAlchemy."""
    if prepared is None:
        texts = (await execute_logged(session, stmt, logs, params)).scalars().all()
    else:
        args = prepared.args({**params, **(given or {})})
        texts = (await execute_driver_logged(session, prepared.sql, args, logs)).scalars().all()
    return [orjson.loads(t) for t in texts]


def count_expanded(items: Sequence[dict[str, Any]]) -> int:
    """How many expanded resources the items carry, at every level."""
    total = 0
    for item in items:
        for value in (item.get("_expand") or {}).values():
            children = value if isinstance(value, list) else [value] if value else []
            total += len(children) + count_expanded(children)
    return total
