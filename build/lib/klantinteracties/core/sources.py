"""Where the values of a declared representation come from (see core/shape.py).

A field of a response model names its source in its ``Annotated`` metadata; a field without one
is the column of its own name (``url``: the row's own URL). Each source turns into SQL through
the builder of core/shape.py, which it only knows by the ``Builder`` protocol below.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from sqlalchemy import (
    ColumnElement,
    FromClause,
    String,
    case,
    func,
    literal,
    literal_column,
    null,
    select,
)


class Builder(Protocol):
    """What a source needs of the JSON builder (core/shape.py ``JsonBuilder``)."""

    def alias(self, table: Any) -> FromClause: ...

    def model_of(self, info: FieldInfo) -> type[BaseModel]: ...

    def model_object(self, model: type[BaseModel], at: At) -> ColumnElement[Any]: ...

    def obj(self, pairs: Any) -> ColumnElement[Any]: ...

    def array(
        self,
        element: ColumnElement[Any],
        source: FromClause,
        where: ColumnElement[bool],
        order: ColumnElement[Any],
        limit: int | None = None,
    ) -> ColumnElement[Any]: ...

    def scalar(self, stmt: Any) -> ColumnElement[Any]: ...

    def as_json(self, value: ColumnElement[Any]) -> ColumnElement[Any]: ...

    def url(self, collection: str, key: ColumnElement[Any]) -> ColumnElement[Any]: ...

    def ref(self, collection: str, key: ColumnElement[Any]) -> ColumnElement[Any]: ...

    def value(self, col: ColumnElement[Any]) -> ColumnElement[Any]: ...

    def text(self, key: ColumnElement[Any]) -> ColumnElement[Any]: ...

    def col(self, at: At, name: str) -> ColumnElement[Any]: ...

    def visible(self, t: FromClause, *where: ColumnElement[bool]) -> ColumnElement[bool]: ...

    def points_at_visible(self, at: At, column: str) -> ColumnElement[bool] | None: ...


@dataclass(frozen=True)
class At:
    """The row being represented: a table alias, its collection (for URLs) and, inside a value
    group, the column prefix."""

    table: FromClause
    collection: str
    prefix: str = ""

    def col(self, name: str) -> ColumnElement[Any]:
        return self.table.c[f"{self.prefix}{name}"]

    def outer(self, name: str) -> ColumnElement[Any]:
        """A column of this row as seen from a subquery that correlates to it. Written out as
        text: SQLAlchemy does not correlate a subquery in FROM (which ``array`` needs for its
        order and limit) and would otherwise add this row's table to that subquery's FROM."""
        column = self.table.c[name]
        alias: Any = self.table  # always a named alias (JsonBuilder.alias, fastpath.ROOT)
        return literal_column(f"{alias.name}.{column.name}", type_=column.type)


class Source:
    """Where a field's value comes from. ``At`` is the row (table alias) being represented."""

    def sql(self, b: Builder, at: At, info: FieldInfo) -> ColumnElement[Any]:
        raise NotImplementedError


@dataclass(frozen=True)
class Col(Source):
    """A column of the row (prefixed inside a group)."""

    column: str

    def sql(self, b: Builder, at: At, info: FieldInfo) -> ColumnElement[Any]:
        return b.value(b.col(at, self.column))


@dataclass(frozen=True)
class SelfUrl(Source):
    """The row's own URL: base + collection + uuid."""

    def sql(self, b: Builder, at: At, info: FieldInfo) -> ColumnElement[Any]:
        return b.url(at.collection, at.table.c.uuid)


@dataclass(frozen=True)
class Ref(Source):
    """``{uuid, url}`` of the resource a column points at; null when it points nowhere, or at
    a row the view may not see."""

    collection: str
    column: str

    def sql(self, b: Builder, at: At, info: FieldInfo) -> ColumnElement[Any]:
        key = at.col(self.column)
        seen = b.points_at_visible(at, self.column)  # also false when the key is null
        if seen is not None:
            return case((seen, b.ref(self.collection, key)), else_=null())
        return case((key.is_(None), null()), else_=b.ref(self.collection, key))


@dataclass(frozen=True)
class Refs(Source):
    """``[{uuid, url}]`` of the rows of ``table`` whose ``fk`` is this row's uuid, in insertion
    order (``order``); ``key`` is the column holding the referenced uuid (a link table names
    another resource's uuid there)."""

    collection: str
    table: str
    fk: str
    key: str = "uuid"
    order: str = "id"

    def sql(self, b: Builder, at: At, info: FieldInfo) -> ColumnElement[Any]:
        t = b.alias(self.table)
        return b.array(
            b.ref(self.collection, t.c[self.key]),
            t,
            b.visible(t, t.c[self.fk] == at.outer("uuid")),
            t.c[self.order],
        )


@dataclass(frozen=True)
class FirstRef(Source):
    """The first of ``refs``, or ``empty`` (a JSON object given as SQL-ready pairs) when there
    is none."""

    refs: Refs
    empty: tuple[tuple[str, Any], ...]

    def sql(self, b: Builder, at: At, info: FieldInfo) -> ColumnElement[Any]:
        r = self.refs
        t = b.alias(r.table)
        first = (
            select(b.ref(r.collection, t.c[r.key]))
            .where(b.visible(t, t.c[r.fk] == at.outer("uuid")))
            .order_by(t.c[r.order])
            .limit(1)
        )
        empty = [(k, null() if v is None else literal(v)) for k, v in self.empty]
        return b.as_json(func.coalesce(b.scalar(first), b.obj(empty)))


@dataclass(frozen=True)
class Preferred(Source):
    """``{uuid, url}`` of the row of ``table`` held by this row (``fk``) that is flagged as its
    preference, or null."""

    collection: str
    table: str
    fk: str
    flag: str = "is_voorkeur"

    def sql(self, b: Builder, at: At, info: FieldInfo) -> ColumnElement[Any]:
        t = b.alias(self.table)
        stmt = select(b.ref(self.collection, t.c.uuid)).where(
            b.visible(t, t.c[self.fk] == at.outer("uuid"), t.c[self.flag].is_(True))
        )
        return b.scalar(stmt.order_by(t.c.id).limit(1))


@dataclass(frozen=True)
class Group(Source):
    """A value group stored as columns ``<prefix>_<name>`` (``prefix`` "" for none): the field's
    model is rendered from them."""

    prefix: str

    def sql(self, b: Builder, at: At, info: FieldInfo) -> ColumnElement[Any]:
        model = b.model_of(info)
        inner = At(at.table, at.collection, f"{at.prefix}{self.prefix}_" if self.prefix else "")
        return b.model_object(model, inner)


@dataclass(frozen=True)
class FullName(Source):
    """Voornaam, voorvoegsel and achternaam of a name group joined by single spaces, leaving
    out empty parts (core/contactnaam.py ``volledige_naam``)."""

    prefix: str

    def sql(self, b: Builder, at: At, info: FieldInfo) -> ColumnElement[Any]:
        parts = [
            at.col(f"{self.prefix}_{n}")
            for n in ("voornaam", "voorvoegsel_achternaam", "achternaam")
        ]
        spaced = [case((p == "", literal("")), else_=literal(" ") + p) for p in parts]
        joined = spaced[0] + spaced[1] + spaced[2]
        return func.substr(joined, 2, type_=String)


@dataclass(frozen=True)
class Nested(Source):
    """The full representation (the field's list item model) of rows of ``table`` that belong
    to this row: through ``fk``, or through a link table ``through = (table, fk, key)`` whose
    ``key`` names the row; in insertion order of the rows (or of the links)."""

    collection: str
    table: str
    fk: str = ""
    through: tuple[str, str, str] | None = None

    def sql(self, b: Builder, at: At, info: FieldInfo) -> ColumnElement[Any]:
        model = b.model_of(info)
        t = b.alias(self.table)
        inner = b.model_object(model, At(t, self.collection))
        if self.through is None:
            return b.array(inner, t, b.visible(t, t.c[self.fk] == at.outer("uuid")), t.c.id)
        link_name, link_fk, link_key = self.through
        link = b.alias(link_name)
        source = link.join(t, b.visible(t, t.c.uuid == link.c[link_key]))
        where = b.visible(link, link.c[link_fk] == at.outer("uuid"))
        return b.array(inner, source, where, link.c.id)


@dataclass(frozen=True)
class One(Source):
    """The field's model rendered from the row of ``table`` (resource ``collection``) whose
    uuid is in ``column`` of this row, or null."""

    collection: str
    table: str
    column: str

    def sql(self, b: Builder, at: At, info: FieldInfo) -> ColumnElement[Any]:
        model = b.model_of(info)
        t = b.alias(self.table)
        inner = b.model_object(model, At(t, self.collection))
        return b.scalar(select(inner).where(b.visible(t, t.c.uuid == at.col(self.column))).limit(1))


@dataclass(frozen=True)
class Lookup(Source):
    """A column of the row of ``table`` whose uuid is in ``column`` of this row."""

    table: str
    column: str
    value: str

    def sql(self, b: Builder, at: At, info: FieldInfo) -> ColumnElement[Any]:
        t = b.alias(self.table)
        stmt = select(b.value(b.col(At(t, ""), self.value)))
        stmt = stmt.where(b.visible(t, t.c.uuid == at.col(self.column)))
        return stmt.limit(1).scalar_subquery()


@dataclass(frozen=True)
class Switch(Source):
    """A sub-object whose shape depends on the row's soort (``on``): rendered with the case's
    model when the stored ``stored`` soort equals it, else null (nothing stored for the soort)."""

    on: str
    stored: str
    cases: tuple[tuple[str, type[BaseModel]], ...]

    def sql(self, b: Builder, at: At, info: FieldInfo) -> ColumnElement[Any]:
        soort, stored = at.col(self.on), at.col(self.stored)
        whens = [
            ((soort == value) & (stored == value), b.model_object(model, at))
            for value, model in self.cases
        ]
        return case(*whens, else_=null())


def refs_of(model: type[BaseModel], wire_name: str) -> Refs:
    """The ``Refs`` source of a model's field, by its name on the wire."""
    for name, info in model.model_fields.items():
        if (info.alias or name) == wire_name:
            source = source_of(name, info)
            if isinstance(source, Refs):
                return source
    raise LookupError(f"{model.__name__} has no reference list {wire_name!r}")


DEFAULT_SOURCES: dict[str, Source] = {"url": SelfUrl()}


def source_of(name: str, info: FieldInfo) -> Source:
    for meta in info.metadata:
        if isinstance(meta, Source):
            return meta
    return DEFAULT_SOURCES.get(name) or Col(name)
