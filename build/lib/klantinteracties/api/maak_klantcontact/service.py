"""``POST /maak-klantcontact``: a klantcontact, a betrokkene and an onderwerpobject in one go.

Each part is checked by its own resource's service, with the error names prefixed by the part
(``klantcontact.taal``, ``betrokkene.rol``). All three are written in one transaction that is
committed once at the end: when any part fails, nothing is stored. The representations are read
before that commit, because the notification made of them is part of the transaction.
"""

from __future__ import annotations

import uuid as uuidlib
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from klantinteracties.api.betrokkenen.service import betrokkene_service
from klantinteracties.api.klantcontacten.service import klantcontact_service
from klantinteracties.api.onderwerpobjecten.service import onderwerpobject_service
from klantinteracties.core.context import Ctx
from klantinteracties.core.errors import InvalidParam, ValidationFailed, invalid
from klantinteracties.core.events import Change, announce
from klantinteracties.core.processing import record
from klantinteracties.core.service import CrudService, retrieve_together
from klantinteracties.core.validation import NOT_NULL, REQUIRED
from klantinteracties.core.view import view_of

KLANTCONTACT = "klantcontact"
WAS_KLANTCONTACT = "onderwerpobject.wasKlantcontact.uuid"
# Optional parts, in write order, with the keys (camelCase and snake_case) of their link to the
# new klantcontact: whatever a client sends there is replaced.
LINKED_PARTS: dict[str, tuple[str, ...]] = {
    "betrokkene": ("hadKlantcontact", "had_klantcontact"),
    "onderwerpobject": ("klantcontact",),
}


def part_services() -> dict[str, CrudService]:
    return {
        KLANTCONTACT: klantcontact_service,
        "betrokkene": betrokkene_service,
        "onderwerpobject": onderwerpobject_service,
    }


def created(found: dict[str, dict[str, Any] | None]) -> list[Change]:
    """What this write announces: the klantcontact, and its onderwerpobject (which the
    reference leaves out: docs/compatibility.md). The betrokkene notifies nothing."""
    changes = []
    for name in (KLANTCONTACT, "onderwerpobject"):
        item = found.get(name)
        if item is not None:
            changes.append(Change(part_services()[name].collection, "create", item))
    return changes


def prefixed(part: str, exc: ValidationFailed) -> list[InvalidParam]:
    return [InvalidParam(f"{part}.{p.name}", p.code, p.reason) for p in exc.invalid_params]


@dataclass(frozen=True)
class Part:
    name: str
    service: CrudService
    obj: Any


@dataclass(frozen=True)
class Prepared:
    """A body that passed every check that needs no database."""

    key: uuidlib.UUID
    klantcontact: Part
    linked: list[Part]


class MaakKlantcontactService:
    def prepare(self, data: Any) -> Prepared:
        """The body checks; done before any session is opened."""
        if not isinstance(data, dict):
            kind = type(data).__name__
            raise invalid(
                "nonFieldErrors", f"Ongeldige gegevens. Verwacht een object, ontvangen: {kind}."
            )
        key = uuidlib.uuid4()
        klantcontact, linked = self.parse(data, key)
        return Prepared(key, klantcontact, linked)

    async def create(self, session: AsyncSession, ctx: Ctx, body: Prepared) -> dict[str, Any]:
        key, klantcontact, linked = body.key, body.klantcontact, body.linked
        await self.check(session, [klantcontact])
        # The other parts refer to the klantcontact, so it has to be there before they are checked.
        await self.insert(session, klantcontact, key)
        await self.check(session, linked)
        keys = {KLANTCONTACT: key}
        for part in linked:
            keys[part.name] = await self.insert(session, part, uuidlib.uuid4())
        # One action: its data subjects are those of the klantcontact (its new betrokkene's).
        kc = klantcontact_service.repo
        await record(session, kc.table, kc.key_ids(view_of(session), key))
        services = part_services()
        found = await retrieve_together(
            session, ctx, {name: (services[name], key) for name, key in keys.items()}
        )
        await announce(session, created(found))
        await session.commit()
        return {name: found.get(name) for name in services}

    def parse(self, data: dict[str, Any], key: uuidlib.UUID) -> tuple[Part, list[Part]]:
        """Every part's body checks, all reported together."""
        services = part_services()
        errors: list[InvalidParam] = []
        parsed: dict[str, Any] = {}
        if data.get(KLANTCONTACT) is None:
            missing = KLANTCONTACT not in data
            code, reason = ("required", REQUIRED) if missing else ("null", NOT_NULL)
            errors.append(InvalidParam(KLANTCONTACT, code, reason))
        parts = {KLANTCONTACT: data.get(KLANTCONTACT)} if not errors else {}
        for name, link_keys in LINKED_PARTS.items():
            body = data.get(name)
            if body is None:
                continue  # optional; null counts as not given
            if isinstance(body, dict):
                body = {k: v for k, v in body.items() if k not in link_keys}
                body[link_keys[0]] = {"uuid": str(key)}
            parts[name] = body
        for name, body in parts.items():
            try:
                parsed[name] = services[name].parse(body, partial=False)
            except ValidationFailed as exc:
                errors += prefixed(name, exc)
        if errors:
            raise ValidationFailed(errors)
        linked = [Part(n, services[n], parsed[n]) for n in LINKED_PARTS if n in parsed]
        return Part(KLANTCONTACT, services[KLANTCONTACT], parsed[KLANTCONTACT]), linked

    async def check(self, session: AsyncSession, parts: list[Part]) -> None:
        """The database checks of the parts, all reported together."""
        errors: list[InvalidParam] = []
        for part in parts:
            try:
                await part.service.validate(session, part.obj, None)
            except ValidationFailed as exc:
                errors += prefixed(part.name, exc)
        others = [e for e in errors if e.name != WAS_KLANTCONTACT]
        if others:
            # The reference reports an unknown wasKlantcontact only when nothing else fails.
            raise ValidationFailed(others)
        if errors:
            raise ValidationFailed(errors)

    async def insert(self, session: AsyncSession, part: Part, key: uuidlib.UUID) -> uuidlib.UUID:
        """The write steps of ``CrudService.create``, without its commit."""
        values = {**part.service.values(part.obj, None), "uuid": key}
        await part.service.repo.insert(session, values)
        await part.service.after_write(session, key, part.obj, None)
        return key


maak_klantcontact_service = MaakKlantcontactService()
