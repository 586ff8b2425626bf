"""Rules of ``/klanten`` (Klanten API 1.0.0) over the v2 partijen.

A klant is a partij with the same uuid. Reads take the partij's v2 representation (with its
digitale adressen) and the side row, and merge them (mapping.py). Writes go through the v2
partij and digitaal-adres services, inside one transaction (v1/unit.py), then store the side
row; kla-001 (bronorganisatie + klantnummer unique, a klantnummer generated when none is sent)
is checked here. kla-002 (a ``subject`` URL must resolve) needs calls to other registers and is
not applied (docs/v1.md).
"""

from __future__ import annotations

import uuid as uuidlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import RowMapping
from sqlalchemy.ext.asyncio import AsyncSession

from klantinteracties.api.digitaleadressen.service import digitaal_adres_service
from klantinteracties.api.partijen.repository import partijen
from klantinteracties.api.partijen.service import partij_service
from klantinteracties.core.errors import InvalidParam, ValidationFailed, invalid
from klantinteracties.core.events import changed
from klantinteracties.core.filters import ParsedQuery
from klantinteracties.core.service import Page
from klantinteracties.core.validation import validate_required

from .. import unit
from ..context import V1Ctx
from . import errors, mapping, repository
from .schemas import IDENTIFICATIE, Klant, KlantAdres, parse_identificatie

COLLECTION = "klanten"
EXPAND = ("digitaleAdressen",)
REQUIRED = ("bronorganisatie",)
KLA_001 = "De velden bronorganisatie, klantnummer moeten een unieke set zijn."
MAX_KLANTNUMMER = 99_999_999  # klantnummer has 8 characters
ALL_FIELDS = frozenset(f.alias or n for n, f in Klant.model_fields.items())


@dataclass(frozen=True)
class Body:
    """A v1 body that passed the checks needing no database."""

    klant: Klant
    sent: frozenset[str]  # wire names
    raw_identificatie: Any


def parse(data: Any, partial: bool) -> Body:
    """The body checks that need no database (a non-object is refused by the validation)."""
    obj = validate_required(Klant, data, () if partial else REQUIRED)
    sent = frozenset(Klant.model_fields[n].alias or n for n in obj.model_fields_set)
    return Body(obj, sent, data.get(IDENTIFICATIE))


def canonical(body: Body, current: dict[str, Any] | None, partial: bool) -> dict[str, Any]:
    """The whole v1 klant after the write: the body over the current klant (PATCH), or over
    the defaults (create, PUT; a PUT without klantnummer keeps it)."""
    sent = body.klant.model_dump(by_alias=True)
    if current is None or not partial:
        base = Klant().model_dump(by_alias=True)
        if current is not None:
            base["klantnummer"] = current["klantnummer"]
    else:
        base = dict(current)
    klant = {**base, **{k: v for k, v in sent.items() if k in body.sent}}
    if klant["adres"] is None:
        klant["adres"] = KlantAdres().model_dump(by_alias=True)
    subject_type = klant["subjectType"]
    if IDENTIFICATIE in body.sent or "subjectType" in body.sent or current is None:
        raw = body.raw_identificatie if IDENTIFICATIE in body.sent else klant[IDENTIFICATIE]
        if "subjectType" in body.sent and IDENTIFICATIE not in body.sent:
            raw = None  # another type: its identification is not the old one's
        klant[IDENTIFICATIE] = parse_identificatie(subject_type, raw)
    return klant


class KlantService:
    # ----- reads ----------------------------------------------------------------------------
    async def retrieve(
        self, session: AsyncSession, ctx: V1Ctx, key: uuidlib.UUID
    ) -> dict[str, Any]:
        partij = await partij_service.retrieve(session, ctx.v2, key, EXPAND)
        return self.klant_of(ctx, partij, await repository.get(session, key))

    def klant_of(
        self, ctx: V1Ctx, partij: dict[str, Any], side: RowMapping | None
    ) -> dict[str, Any]:
        if side is None:
            klant = mapping.derive(partij, ctx.bronorganisatie, None)
        else:
            now = mapping.derive(partij, side["bronorganisatie"], side["klantnummer"])
            klant = mapping.merge(now, side["derived"], side["written"])
        return mapping.representation(ctx.url(COLLECTION, partij["uuid"]), klant)

    async def list_page(self, session: AsyncSession, ctx: V1Ctx, query: ParsedQuery) -> Page:
        query.expand = EXPAND
        page = await partij_service.list_page(session, ctx.v2, query)
        sides = await repository.get_many(session, [uuidlib.UUID(p["uuid"]) for p in page.items])
        items = [self.klant_of(ctx, p, sides.get(uuidlib.UUID(p["uuid"]))) for p in page.items]
        return Page(items, page.count, page.number, page.size)

    # ----- writes ---------------------------------------------------------------------------
    async def create(self, session: AsyncSession, ctx: V1Ctx, body: Body) -> dict[str, Any]:
        klant = canonical(body, None, partial=False)
        await self.check_klantnummer(session, klant, None)
        async with unit.one_transaction(session):
            partij = await self.write_partij(session, ctx, None, klant, body.sent)
            key = uuidlib.UUID(partij["uuid"])
            await self.write_digitaal(session, ctx, key, partij, klant, body.sent, creating=True)
            item = await self.store(session, ctx, key, klant)
            await changed(session, COLLECTION, "create", item)
        return item

    async def update(
        self, session: AsyncSession, ctx: V1Ctx, key: uuidlib.UUID, body: Body, partial: bool
    ) -> dict[str, Any]:
        current = await self.retrieve(session, ctx, key)
        klant = canonical(body, _without_url(current), partial)
        sent = body.sent if partial else ALL_FIELDS
        await self.check_klantnummer(session, klant, key)
        async with unit.one_transaction(session):
            partij = await partij_service.retrieve(session, ctx.v2, key, EXPAND)
            partij = await self.write_partij(session, ctx, partij, klant, sent)
            await self.write_digitaal(session, ctx, key, partij, klant, sent, creating=False)
            item = await self.store(session, ctx, key, klant)
            await changed(
                session, COLLECTION, "partial_update" if partial else "update", item, current
            )
        return item

    async def destroy(self, session: AsyncSession, ctx: V1Ctx, key: uuidlib.UUID) -> None:
        before = await self.retrieve(session, ctx, key)
        async with unit.one_transaction(session):
            await repository.remove(session, key)
            await partij_service.destroy(session, ctx.v2, key)  # its digitale adressen go too
            await changed(session, COLLECTION, "destroy", before)

    # ----- steps ----------------------------------------------------------------------------
    async def check_klantnummer(
        self, session: AsyncSession, klant: dict[str, Any], key: uuidlib.UUID | None
    ) -> None:
        """kla-001: the pair is unique; without a klantnummer the next free one is chosen."""
        bron = klant["bronorganisatie"]
        if not klant["klantnummer"]:
            highest = await repository.highest_klantnummer(session, bron)
            following = int(highest) + 1 if highest else 1
            if following > MAX_KLANTNUMMER:
                raise invalid("klantnummer", "Er is geen vrij klantnummer meer.")
            klant["klantnummer"] = str(following)
            return
        if await repository.klantnummer_taken(session, bron, klant["klantnummer"], key):
            raise ValidationFailed([InvalidParam("nonFieldErrors", "unique", KLA_001)])

    async def write_partij(
        self,
        session: AsyncSession,
        ctx: V1Ctx,
        current: dict[str, Any] | None,
        klant: dict[str, Any],
        sent: frozenset[str],
    ) -> dict[str, Any]:
        parts = mapping.touched(sent, creating=current is None)
        data = mapping.partij_body(klant, parts, current)
        key = uuidlib.UUID(current["uuid"]) if current else None
        if current is None or "klantnummer" in sent:
            nummer = await self.free_nummer(session, klant, key, current)
            if nummer is not None:
                data["nummer"] = nummer
        subject_type = klant["subjectType"]
        try:
            obj = partij_service.parse(data, partial=current is not None)
            if key is None:
                return await partij_service.create(session, ctx.v2, obj)
            if not data:
                return current  # type: ignore[return-value]  # nothing of the partij changes
            await partij_service.update(session, ctx.v2, key, obj, partial=True)
        except ValidationFailed as exc:
            raise errors.from_partij(exc, subject_type) from None
        return await partij_service.retrieve(session, ctx.v2, key, EXPAND)

    async def free_nummer(
        self,
        session: AsyncSession,
        klant: dict[str, Any],
        key: uuidlib.UUID | None,
        current: dict[str, Any] | None,
    ) -> str | None:
        """The klantnummer as the partij's nummer, where v2 can hold it and it is free."""
        nummer = mapping.v2_nummer(klant["klantnummer"])
        if nummer is None or nummer == (current or {}).get("nummer"):
            return None
        return None if await partijen.nummer_taken(session, nummer, key) else nummer

    async def write_digitaal(
        self,
        session: AsyncSession,
        ctx: V1Ctx,
        key: uuidlib.UUID,
        partij: dict[str, Any],
        klant: dict[str, Any],
        sent: frozenset[str],
        creating: bool,
    ) -> None:
        """emailadres and telefoonnummer are the partij's first digitaal adres of that soort:
        created, changed or deleted along."""
        for field, soort in mapping.DIGITAAL:
            if not creating and field not in sent:
                continue
            value = klant[field]
            existing = None if creating else mapping.digitaal_of(partij, soort)
            try:
                await self.write_one(session, ctx, key, soort, value, existing)
            except ValidationFailed as exc:
                raise errors.from_digitaal_adres(exc, field) from None

    async def write_one(
        self,
        session: AsyncSession,
        ctx: V1Ctx,
        key: uuidlib.UUID,
        soort: str,
        value: str,
        existing: Mapping[str, Any] | None,
    ) -> None:
        svc = digitaal_adres_service
        if existing is not None and existing["adres"] == value:
            return
        if existing is not None and not value:
            await svc.destroy(session, ctx.v2, uuidlib.UUID(existing["uuid"]))
        elif existing is not None:
            obj = svc.parse({"adres": value}, partial=True)
            await svc.update(session, ctx.v2, uuidlib.UUID(existing["uuid"]), obj, partial=True)
        elif value:
            data = {
                "verstrektDoorPartij": {"uuid": str(key)},
                "soortDigitaalAdres": soort,
                "adres": value,
                "omschrijving": "",
            }
            await svc.create(session, ctx.v2, svc.parse(data, partial=False))

    async def store(
        self, session: AsyncSession, ctx: V1Ctx, key: uuidlib.UUID, klant: dict[str, Any]
    ) -> dict[str, Any]:
        """The side row: the klant as written, and what the v2 data gives right now."""
        partij = await partij_service.retrieve(session, ctx.v2, key, EXPAND)
        bron, nummer = klant["bronorganisatie"], klant["klantnummer"]
        derived = mapping.derive(partij, bron, nummer)
        await repository.save(session, key, bron, nummer, klant, derived)
        return mapping.representation(ctx.url(COLLECTION, key), klant)


def _without_url(item: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in item.items() if k != "url"}


klant_service = KlantService()
