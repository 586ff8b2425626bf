"""Generic CRUD flow for one resource. Domain services subclass it and add their rules.

Transactions: the service owns them. Every write method commits before it returns, so the HTTP
layer only sends a response for data that is stored. Any exception leaves the session to be
rolled back when it closes, so a failed write never leaves half a record.
"""

from __future__ import annotations

import uuid as uuidlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, cast

import orjson
from pydantic import BaseModel
from pydantic.alias_generators import to_camel
from sqlalchemy import ColumnElement, RowMapping, select
from sqlalchemy.ext.asyncio import AsyncSession

from .context import Ctx
from .errors import InvalidParam, ProblemError, ValidationFailed, not_found, permission_denied
from .events import changed, update_actie, wants_before
from .expand import ExpandTree, Expansion, expand_scopes, expand_tree, too_many_expanded
from .fastpath import JsonReader, RowChoice, count_expanded
from .filters import FilterSet, ParsedQuery
from .pagination import check_in_range, count_from_page, page_request
from .processing import concerning, record, row_ids, unrecorded
from .repository import TableRepository, execute
from .schemas import FkRef, Gegevensgroep
from .shape import ExpandStep, expanded_rows, nests_many
from .validation import NOT_NULL, InputModel, validate_required
from .view import View, view_of

HIDDEN_RESULT = (
    "Het resultaat van deze wijziging zou voor dit token niet zichtbaar zijn; daarvoor is een "
    "privilege (geheimhouding of vertrouwelijk) nodig."
)


@dataclass(frozen=True)
class FkSpec:
    """A writable relation field: which table it points at and how the target is called."""

    repo: TableRepository
    label: str  # e.g. "Partij", used in "... bestaat niet."

    @property
    def missing_reason(self) -> str:
        return f"{self.label} met deze uuid bestaat niet."


@dataclass(frozen=True)
class Page:
    items: list[dict[str, Any]]
    count: int
    number: int
    size: int


class CrudService:
    collection: str
    scope: str  # the rights group of the resource, e.g. "partijen" (see core/auth.py)
    repo: TableRepository
    # The declaration of the response: a model of api/outputs (see core/shape.py).
    representation: type[BaseModel]
    input_model: type[InputModel]
    required: tuple[str, ...] = ()
    filterset: FilterSet = FilterSet()
    expansions: tuple[Expansion, ...] = ()
    fk_fields: dict[str, FkSpec] = {}
    # Relations that are required and may not be cleared; null is refused by ``validate`` rather
    # than by the model, so that PATCH can share the model.
    not_null: tuple[str, ...] = ()
    group_fields: dict[str, type[Gegevensgroep]] = {}

    # ----- representation -------------------------------------------------------------------
    @property
    def reader(self) -> JsonReader:
        """The compiled JSON statements of this resource's declaration (``representation``)."""
        reader = self.__dict__.get("_reader")
        if reader is None:
            reader = JsonReader(
                self.representation, self.repo.table, self.collection, self.expand_steps
            )
            self.__dict__["_reader"] = reader
        return reader

    def expand_steps(self) -> list[ExpandStep]:
        """The expansions as the SQL needs them; made once (their targets are looked up in the
        registry, which every group has filled before a request is served)."""
        steps = self.__dict__.get("_steps")
        if steps is None:
            steps = self.__dict__["_steps"] = self._make_steps()
        return steps

    def _make_steps(self) -> list[ExpandStep]:
        steps = []
        for exp in self.expansions:
            target = cast(CrudService, exp.target())
            steps.append(
                ExpandStep(
                    exp.name,
                    exp.many,
                    exp.parent_key,
                    exp.child_key,
                    target.representation,
                    target.repo.table,
                    target.collection,
                    target.expand_steps,
                )
            )
        return steps

    def choose(
        self,
        ctx: Ctx,
        where: Callable[[Any], Sequence[ColumnElement[bool]]],
        order: bool,
        tree: ExpandTree,
        expand_key: bool = False,
        ids: Any = None,
    ) -> RowChoice:
        order_by = self.repo.order_by if order else ()
        limit = ctx.expand_budget.max_rows + 1
        return RowChoice(where, order_by, tree, expand_key, limit, ids)

    def page_choice(
        self, ctx: Ctx, view: View, query: ParsedQuery, size: int, offset: int
    ) -> RowChoice:
        """One page of the list: its filters and order pick the page's ids, and only those
        rows are turned into JSON."""
        where = self.repo.visible(view, query.clauses)
        ids = row_ids(self.repo.page_ids_statement(where, size, offset))
        chosen = select(ids.c.id)
        tree = expand_tree(query.expand)
        # Expandable resources carry "_expand" on every list item, as existing clients expect.
        choice = self.choose(
            ctx, lambda root: [root.c.id.in_(chosen)], True, tree, bool(self.expansions), ids
        )
        # The clauses as they go into the statement: their values are its arguments.
        return replace(choice, filters=where, page=(size, offset))

    async def read(self, session: AsyncSession, ctx: Ctx, rows: RowChoice) -> list[dict[str, Any]]:
        """Representations of the chosen rows, built by the database; a 400 when their
        expansions exceed the response's budget."""
        items = await self.reader.read(session, ctx.base_url, rows)
        return self.within_budget(ctx, rows, items)

    def within_budget(
        self, ctx: Ctx, rows: RowChoice, items: list[dict[str, Any]]
    ) -> list[dict[str, Any]]:
        budget = ctx.expand_budget
        if rows.tree:
            budget.used += count_expanded(items)
            if budget.used > budget.max_rows:
                raise too_many_expanded(budget.max_rows)
        return items

    # ----- reads ----------------------------------------------------------------------------
    def scopes_read(self, expand: Sequence[str], filter_reads: Iterable[str] = ()) -> set[str]:
        """Every rights group a read with these expand paths and filters shows or searches."""
        return {self.scope, *filter_reads, *expand_scopes(self, expand)}

    async def page_items(
        self, session: AsyncSession, ctx: Ctx, query: ParsedQuery, size: int, offset: int
    ) -> list[dict[str, Any]]:
        choice = self.page_choice(ctx, view_of(session), query, size, offset)
        # Every parent on the page is another set of relations: count them first.
        if nests_many(self.expand_steps(), choice.tree, under_many=True):
            await self.check_budget(session, ctx, select(choice.ids.c.id), choice.tree)
        return await self.read(session, ctx, choice)

    async def check_budget(
        self, session: AsyncSession, ctx: Ctx, ids: Any, tree: ExpandTree
    ) -> None:
        """Counts what the expansions of these rows would add, and refuses a response over the
        budget before the database builds it (the statement itself only caps each relation)."""
        stmt = expanded_rows(view_of(session), self.repo.table, ids, self.expand_steps(), tree)
        budget = ctx.expand_budget
        if int((await execute(session, stmt)).scalar_one()) > budget.max_rows - budget.used:
            raise too_many_expanded(budget.max_rows)

    async def list_page(self, session: AsyncSession, ctx: Ctx, query: ParsedQuery) -> Page:
        req = page_request(query.page, query.page_size)
        items: list[dict[str, Any]] | None = None
        count: int | None = None
        if req.number is not None:
            # Rows first: most searches (a BSN, a partij's history) fit on one page, whose rows
            # then give the count, and the count statement is not needed.
            offset = (req.number - 1) * req.size
            items = await self.page_items(session, ctx, query, req.size, offset)
            count = count_from_page(req, len(items))
            if count is None:
                count = await self.repo.count(session, query.clauses, ctx.count_estimate_from)
                # An estimate may lag behind the table; it never hides rows that are here.
                count = max(count, offset + len(items))
        if count is None:  # "last": which rows depends on the count
            count = await self.repo.count(session, query.clauses, ctx.count_estimate_from)
        number = check_in_range(req, count)
        if items is None:
            offset = (number - 1) * req.size
            items = await self.page_items(session, ctx, query, req.size, offset)
        return Page(items, count, number, req.size)

    async def retrieve(
        self, session: AsyncSession, ctx: Ctx, key: uuidlib.UUID, expand: Sequence[str] = ()
    ) -> dict[str, Any]:
        tree = expand_tree(expand)
        if nests_many(self.expand_steps(), tree):  # a product of relations: count first
            ids = self.repo.key_ids(view_of(session), key)
            rows = self.choose(ctx, by_key(key), False, tree, ids=row_ids(ids))
            await self.check_budget(session, ctx, ids, rows.tree)
            items = await self.read(session, ctx, rows)
        else:  # the common case: one statement, compiled once for every key
            rows = self.choose(ctx, by_key(key), False, tree)
            read = await self.reader.read_key(session, ctx.base_url, rows, key, self.repo.key_ids)
            items = self.within_budget(ctx, rows, read)
        if not items:
            raise not_found()
        return items[0]

    async def get_row(self, session: AsyncSession, key: uuidlib.UUID) -> RowMapping:
        row = await self.repo.get(session, key)
        if row is None:
            raise not_found()
        return row

    # ----- writes ---------------------------------------------------------------------------
    async def create(self, session: AsyncSession, ctx: Ctx, obj: Any) -> dict[str, Any]:
        """``obj`` is the body as ``parse`` returned it (parsed before the session opened)."""
        await self.validate(session, obj, None)
        key = await self.repo.insert(session, self.values(obj, None))
        await self.after_write(session, key, obj, None)
        return await self.commit_and_show(session, ctx, key, "create")

    async def update(
        self, session: AsyncSession, ctx: Ctx, key: uuidlib.UUID, obj: Any, partial: bool
    ) -> dict[str, Any]:
        current = await self.get_row(session, key)
        actie = update_actie(partial)
        before = await self.before(session, ctx, key, actie)
        await self.validate(session, obj, current)
        await self.repo.update(session, key, self.values(obj, current))
        await self.after_write(session, key, obj, current)
        return await self.commit_and_show(session, ctx, key, actie, before)

    async def before(
        self, session: AsyncSession, ctx: Ctx, key: uuidlib.UUID, actie: str
    ) -> dict[str, Any] | None:
        """The representation before the write, read only when the session's emitter asks
        for it (core/events.py). A destroy's read logs the rows it deletes (``destroy``); an
        update's is not logged, as the update logs the rows when it reads its result."""
        if not wants_before(session, self.collection, actie):
            return None
        if actie == "destroy":
            return await self.retrieve(session, ctx, key)
        with unrecorded(session):
            return await self.retrieve(session, ctx, key)

    async def commit_and_show(
        self,
        session: AsyncSession,
        ctx: Ctx,
        key: uuidlib.UUID,
        actie: str,
        before: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """The written row's representation, its announcement (``actie``), then the commit. A
        write whose result the client could not see (a partij made secret, a bijlage of a
        confidential klantcontact, by an application without the privilege) is refused and
        rolled back: it would otherwise be a write into the dark, and its 201 or 200 would show
        what it may not see."""
        if actie == "create":  # logged as the new resource, not as its collection
            concerning(session, ctx.url(self.collection, key))
        try:
            item = await self.retrieve(session, ctx, key)
        except ProblemError as exc:
            if exc.status != 404:
                raise
            raise permission_denied(HIDDEN_RESULT) from None
        await changed(session, self.collection, actie, item, before)
        await session.commit()
        return item

    async def destroy(
        self,
        session: AsyncSession,
        ctx: Ctx,
        key: uuidlib.UUID,
        options: Mapping[str, str] | None = None,
    ) -> Any:
        """Delete; ``options`` are the request's query parameters (e.g. ``cascade``).
        Returning something other than None makes the response a 200 with that body."""
        row = await self.get_row(session, key)
        # Logged while the row and what belongs to it (its identificatoren) are still there:
        # by the read of the representation to announce, else on its own.
        before = await self.before(session, ctx, key, "destroy")
        if before is None:
            await record(session, self.repo.table, self.repo.key_ids(view_of(session), key))
        await self.before_delete(session, row)
        await self.repo.delete(session, key)
        if before is not None:
            await changed(session, self.collection, "destroy", before)
        await session.commit()
        return None

    # ----- hooks ----------------------------------------------------------------------------
    def parse(self, data: Any, partial: bool) -> Any:
        """The body's shape checks, which need no database: the input model, or a 400."""
        return validate_required(self.input_model, data, () if partial else self.required)

    async def validate(self, session: AsyncSession, obj: Any, current: RowMapping | None) -> None:
        """Checks that need the database. The default checks every relation exists and that
        the relations in ``not_null`` are not cleared."""
        errors = [
            InvalidParam(to_camel(name), "null", NOT_NULL)
            for name in self.not_null
            if name in obj.model_fields_set and getattr(obj, name) is None
        ]
        errors += await self.check_fks(session, obj)
        if errors:
            raise ValidationFailed(errors)

    @staticmethod
    def ref_after_write(obj: Any, current: RowMapping | None, name: str) -> uuidlib.UUID | None:
        """The uuid a relation will have after this write: sent, else stored."""
        if name in obj.model_fields_set:
            ref = getattr(obj, name)
            return ref.uuid if ref is not None else None
        return current[f"{name}_uuid"] if current is not None else None

    async def check_fks(
        self, session: AsyncSession, obj: Any, prefix: str = ""
    ) -> list[InvalidParam]:
        errors: list[InvalidParam] = []
        for name, spec in self.fk_fields.items():
            ref = getattr(obj, name, None)
            if not isinstance(ref, FkRef) or await spec.repo.exists(session, ref.uuid):
                continue
            field = f"{prefix}{to_camel(name)}.uuid"
            errors.append(InvalidParam(field, "invalid", spec.missing_reason))
        return errors

    def values(self, obj: Any, current: RowMapping | None) -> dict[str, Any]:
        """Column values for the fields that were sent (PUT leaves unsent optional fields as is)."""
        out: dict[str, Any] = {}
        for name in obj.model_fields_set:
            value = getattr(obj, name)
            if name in self.fk_fields:
                out[f"{name}_uuid"] = value.uuid if value is not None else None
            elif name in self.group_fields:
                out.update(self.group_fields[name].columns(name, value))
            elif name in self.repo.table.c:
                out[name] = value
        return out

    async def after_write(
        self, session: AsyncSession, key: uuidlib.UUID, obj: Any, current: RowMapping | None
    ) -> None:
        """Writes to other tables that belong to this one (nested lists, reverse relations)."""

    async def before_delete(self, session: AsyncSession, row: RowMapping) -> None:
        """Checks or clean-up before a row is deleted."""


def by_key(key: uuidlib.UUID) -> Callable[[Any], list[ColumnElement[bool]]]:
    """The row choice of one resource by its uuid."""
    return lambda root: [root.c.uuid == key]


async def retrieve_together(
    session: AsyncSession, ctx: Ctx, wanted: Mapping[str, tuple[CrudService, uuidlib.UUID]]
) -> dict[str, dict[str, Any] | None]:
    """The representations of rows of several resources, read in one statement (each one's
    own statement as a subquery); None for a row that is not there."""
    conn = await session.connection()
    columns = []
    for name, (service, key) in wanted.items():
        choice = service.choose(ctx, by_key(key), False, {})
        stmt = service.reader.statement(conn.dialect, ctx.base_url, choice, view_of(session))
        columns.append(stmt.scalar_subquery().label(name))
    row = (await conn.execute(select(*columns))).one()
    return {name: orjson.loads(text) if text else None for name, text in row._mapping.items()}
