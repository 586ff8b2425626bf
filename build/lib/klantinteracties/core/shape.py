"""One declaration per resource, and the SQL that builds its JSON in the database.

A resource's response model (a pydantic model in ``api/outputs``) is its declaration: it names
every field in wire order, with its type and description (which the served OpenAPI document
shows), and says where each value comes from. A field without a source is the column of the same
name (``uuid``: the key; ``url``: the resource's own URL). Other sources are given as ``Annotated``
metadata (core/sources.py), e.g. ``Annotated[Verwijzing | None, Ref("partijen", "x_uuid")]``.

``JsonBuilder`` turns a declaration (and the ``expand`` tree of a request) into one SQL
expression that yields the finished JSON object of a row: relations, nested groups and expanded
resources are correlated subqueries, so a page of any size with any expand paths is one
statement. The expression is compiled once per resource, expand tree and dialect
(``core/fastpath.py``). Values are formatted exactly as the Python representation did (``orjson``
with ``OPT_UTC_Z``): timestamps ``YYYY-MM-DDTHH:MM:SS[.ffffff]Z``, uuids in lowercase with dashes.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from sqlalchemy import (
    JSON,
    Boolean,
    ColumnElement,
    FromClause,
    String,
    Table,
    Uuid,
    and_,
    case,
    cast,
    func,
    literal,
    null,
    select,
)
from sqlalchemy.dialects.postgresql import aggregate_order_by

from .sources import At, source_of
from .types import UTCDateTime
from .view import View, table_of

# The base URL is not known when a statement is compiled; the compiled text carries this literal,
# which core/fastpath.py replaces with the quoted base URL of the request.
BASE_MARKER = "@@base@@"


@dataclass(frozen=True)
class ExpandStep:
    """One relation to expand, as the SQL needs it (see core/expand.py ``Expansion``)."""

    name: str
    many: bool
    parent_key: str
    child_key: str
    model: type[BaseModel]
    table: Table
    collection: str
    expansions: Callable[[], Sequence[ExpandStep]]


def expanded_rows(
    view: View, table: Table, ids: Any, steps: Sequence[ExpandStep], tree: dict[str, Any]
) -> Any:
    """A statement counting the rows the expansions of ``tree`` add to the rows of ``table``
    whose ids ``ids`` selects, over every path and level (a related row shared by two parents
    counts once; rows hidden from the view do not count), so that a response over the expand
    budget is refused before it is built."""
    terms: list[Any] = []

    def walk(parent: Table, parent_ids: Any, steps: Sequence[ExpandStep], tree: dict[str, Any]):
        for step in steps:
            if step.name not in tree:
                continue
            keys = select(parent.c[step.parent_key]).where(parent.c.id.in_(parent_ids))
            child = step.table
            child_ids = select(child.c.id).where(
                child.c[step.child_key].in_(keys.correlate(None)), *view.visible(child)
            )
            child_ids = child_ids.correlate(None)
            terms.append(select(func.count()).select_from(child_ids.subquery()).scalar_subquery())
            walk(child, child_ids, step.expansions(), tree[step.name])

    walk(table, ids, steps, tree)
    return select(sum(terms[1:], terms[0]) if terms else literal(0))


def nests_many(steps: Sequence[ExpandStep], tree: dict[str, Any], under_many: bool = False) -> bool:
    """Whether ``tree`` expands a to-many relation below another one (or below a list)."""
    for step in steps:
        if step.name in tree:
            if step.many and under_many:
                return True
            if nests_many(step.expansions(), tree[step.name], under_many or step.many):
                return True
    return False


@dataclass
class JsonBuilder:
    """Builds the JSON expression of a declaration for one dialect and view (core/view.py:
    the rows of every relation and expansion are those the view sees, masked columns read as
    it sees them). ``limit`` caps every to-many expansion (the response's expand budget plus
    one, so an over-budget response is detected without loading it whole)."""

    tables: dict[str, Table]
    sqlite: bool
    limit: int
    view: View
    _names: itertools.count[int] = field(default_factory=itertools.count)

    # ----- structure ------------------------------------------------------------------------
    def alias(self, table: str | Table) -> FromClause:
        t = self.tables[table] if isinstance(table, str) else table
        return t.alias(f"j{next(self._names)}")

    @staticmethod
    def model_of(info: FieldInfo) -> type[BaseModel]:
        """The model a field renders: its annotation, inside ``list[...]`` or ``X | None``. A
        union of shapes per soort (a RootModel) names the model that declares them all in
        ``SHAPE``."""
        ann = info.annotation
        for _ in range(3):
            if isinstance(ann, type) and issubclass(ann, BaseModel):
                return getattr(ann, "SHAPE", ann)
            args = [a for a in getattr(ann, "__args__", ()) if a is not type(None)]
            ann = args[0] if args else None
        raise TypeError(f"no model in {info.annotation!r}")

    def model_object(self, model: type[BaseModel], at: At) -> ColumnElement[Any]:
        pairs = []
        for name, info in model.model_fields.items():
            key = info.alias or name
            pairs.append((key, source_of(name, info).sql(self, at, info)))
        return self.obj(pairs)

    def resource(
        self,
        model: type[BaseModel],
        at: At,
        steps: Sequence[ExpandStep],
        tree: dict[str, Any],
        expand_key: bool,
    ) -> ColumnElement[Any]:
        """The representation of the row ``at`` with ``_expand`` for ``tree``; ``expand_key``
        adds an empty ``_expand`` when nothing is expanded (list items of expandable
        resources)."""
        pairs = [
            (info.alias or name, source_of(name, info).sql(self, at, info))
            for name, info in model.model_fields.items()
        ]
        if tree or expand_key:
            expanded = [
                (step.name, self._expansion(step, at, tree[step.name]))
                for step in steps
                if step.name in tree
            ]
            pairs.append(("_expand", self.obj(expanded)))
        return self.obj(pairs)

    def _expansion(self, step: ExpandStep, at: At, subtree: dict[str, Any]) -> ColumnElement[Any]:
        t = self.alias(step.table)
        child = self.resource(
            step.model, At(t, step.collection), step.expansions(), subtree, expand_key=False
        )
        match = self.visible(t, t.c[step.child_key] == at.outer(step.parent_key))
        if step.many:
            return self.array(child, t, match, t.c.id, limit=self.limit)
        return self.scalar(select(child).where(match).limit(1))

    # ----- the view -------------------------------------------------------------------------
    def col(self, at: At, name: str) -> ColumnElement[Any]:
        return self.view.column(at.table, f"{at.prefix}{name}")

    def visible(self, t: FromClause, *where: ColumnElement[bool]) -> ColumnElement[bool]:
        return and_(*where, *self.view.visible(t))

    def points_at_visible(self, at: At, column: str) -> ColumnElement[bool] | None:
        """Whether the row that ``column`` of this row points at is one the view sees; None
        when the view hides nothing of the target table."""
        table = table_of(at.table)
        if table is None:
            return None
        (fk,) = table.c[column].foreign_keys
        target = fk.column.table
        if not self.view.hides(target) or self.view.guarded(table, column):
            return None
        t = self.alias(target)
        return select(t.c.id).where(self.visible(t, t.c.uuid == at.col(column))).exists()

    # ----- JSON primitives ------------------------------------------------------------------
    def obj(self, pairs: Sequence[tuple[str, Any]]) -> ColumnElement[Any]:
        args: list[Any] = []
        for key, value in pairs:
            args += [literal(key), value]
        if self.sqlite:
            return func.json_object(*args, type_=JSON)
        return func.json_build_object(*args, type_=JSON)

    def array(
        self,
        element: ColumnElement[Any],
        source: FromClause,
        where: ColumnElement[bool],
        order: ColumnElement[Any],
        limit: int | None = None,
    ) -> ColumnElement[Any]:
        """The JSON array of ``element`` over the rows of ``source`` matching ``where``, in
        ``order``; ``[]`` when there are none."""
        inner = select(element.label("j"), order.label("o")).select_from(source).where(where)
        inner = inner.order_by(order)
        if limit is not None:
            inner = inner.limit(limit)
        rows = inner.subquery()
        if self.sqlite:
            # A FROM subquery loses the JSON subtype of its column; json() restores it. The
            # rows come out of the ordered subquery in its order.
            agg = func.json_group_array(func.json(rows.c.j))
            return self.scalar(select(func.coalesce(agg, literal("[]"))))
        ordered = func.json_agg(aggregate_order_by(rows.c.j, rows.c.o))
        return select(func.coalesce(ordered, literal("[]").cast(JSON))).scalar_subquery()

    def scalar(self, stmt: Any) -> ColumnElement[Any]:
        """A subquery yielding one JSON value (or null)."""
        return self.as_json(stmt.scalar_subquery())

    def as_json(self, value: ColumnElement[Any]) -> ColumnElement[Any]:
        # SQLite marks JSON text with a subtype that a subquery's sorter and coalesce() do not
        # keep; without it json_object() would embed the JSON as a string. json() marks it again.
        return func.json(value) if self.sqlite else value

    def text(self, key: ColumnElement[Any]) -> ColumnElement[Any]:
        """A uuid column as the text the API shows (lowercase, with dashes)."""
        if not self.sqlite:
            return cast(key, String)
        # SQLite keeps a uuid as its 32 lowercase hex digits.
        parts = [_substr(key, 1, 8), _substr(key, 9, 4), _substr(key, 13, 4), _substr(key, 17, 4)]
        return parts[0] + "-" + parts[1] + "-" + parts[2] + "-" + parts[3] + "-" + _substr(key, 21)

    def url(self, collection: str, key: ColumnElement[Any]) -> ColumnElement[Any]:
        return literal(BASE_MARKER) + literal(f"/{collection}/") + self.text(key)

    def ref(self, collection: str, key: ColumnElement[Any]) -> ColumnElement[Any]:
        return self.obj([("uuid", self.text(key)), ("url", self.url(collection, key))])

    def value(self, col: ColumnElement[Any]) -> ColumnElement[Any]:
        """A column as its JSON value, formatted as the API shows it."""
        kind = col.type
        if isinstance(kind, Uuid):
            return case((col.is_(None), null()), else_=self.text(col))
        if isinstance(kind, UTCDateTime):
            return self._timestamp(col)
        if isinstance(kind, Boolean) and self.sqlite:
            true, false = func.json("true"), func.json("false")
            return case((col.is_(None), null()), (col == 1, true), else_=false)
        if isinstance(kind, JSON) and self.sqlite:
            return func.json(col)
        return col

    def _timestamp(self, col: ColumnElement[Any]) -> ColumnElement[Any]:
        if self.sqlite:
            # Stored as "YYYY-MM-DD HH:MM:SS.ffffff" in UTC.
            micro = _substr(col, 21, 6)
            frac = case((micro.in_(["", "000000"]), literal("")), else_=literal(".") + micro)
            whole = _substr(col, 1, 10) + "T" + _substr(col, 12, 8) + frac + "Z"
        else:
            utc = func.timezone("UTC", col)
            micro = func.to_char(utc, "US", type_=String)
            frac = case((micro == "000000", literal("")), else_=literal(".") + micro)
            whole = func.to_char(utc, 'YYYY-MM-DD"T"HH24:MI:SS', type_=String) + frac + "Z"
        return case((col.is_(None), null()), else_=whole)


def _substr(value: Any, start: int, length: int | None = None) -> ColumnElement[str]:
    args = (value, start) if length is None else (value, start, length)
    return func.substr(*args, type_=String)
