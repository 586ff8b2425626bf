"""Rules of ``/partijen``.

A write runs in two phases inside one transaction: first every check (the body, the polymorphic
``partijIdentificatie``, the relation lists), reported together; then every write. Nothing is
committed unless all of it succeeded.
"""

from __future__ import annotations

import uuid as uuidlib
from dataclasses import dataclass
from typing import Any

from sqlalchemy import RowMapping
from sqlalchemy.ext.asyncio import AsyncSession

from klantinteracties.api.outputs import partijen as outputs_partijen
from klantinteracties.core.adres import Adres
from klantinteracties.core.contactnaam import Contactnaam
from klantinteracties.core.context import Ctx
from klantinteracties.core.errors import InvalidParam, ValidationFailed, invalid
from klantinteracties.core.events import update_actie
from klantinteracties.core.expand import Expansion
from klantinteracties.core.registry import service_for
from klantinteracties.core.service import CrudService

from . import writes
from .filters import PARTIJ_FILTERS
from .repository import identificator_writes, partijen
from .schemas import (
    IDENTIFICATIE,
    ContactpersoonIdentificatie,
    OrganisatieIdentificatie,
    Partij,
    PersoonIdentificatie,
    parse_identificatie,
)

# Looked up by collection, not imported: the relations run both ways (a betrokkene expands to its
# partij), so the services cannot import each other.
_betrokkene_service = service_for("betrokkenen")
_digitaal_adres_service = service_for("digitaleadressen")
_categorie_relatie_service = service_for("categorie-relaties")


# Columns of partijIdentificatie, all reset whenever a new sub-object is stored so that nothing of
# an earlier soort lingers.
EMPTY_IDENTIFICATIE: dict[str, Any] = {
    "identificatie_soort": None,
    **Contactnaam.columns("contactnaam", None),
    "organisatie_naam": "",
    "contactpersoon_uuid": None,
    "werkte_voor_partij_uuid": None,
}


@dataclass
class WritePlan:
    body: Partij
    values: dict[str, Any]
    identificatoren: writes.IdentificatorPlan | None


def identificatie_values(soort: str, sub: Any, current: RowMapping | None) -> dict[str, Any]:
    if sub is None:
        return dict(EMPTY_IDENTIFICATIE)
    out = {**EMPTY_IDENTIFICATIE, "identificatie_soort": soort}
    if isinstance(sub, OrganisatieIdentificatie):
        out["organisatie_naam"] = sub.naam
        return out
    assert isinstance(sub, PersoonIdentificatie | ContactpersoonIdentificatie)
    out.update(Contactnaam.columns("contactnaam", sub.contactnaam))
    if isinstance(sub, ContactpersoonIdentificatie):
        out["werkte_voor_partij_uuid"] = (
            sub.werkte_voor_partij.uuid if sub.werkte_voor_partij else None
        )
        # The contactpersoon keeps its identity when its data is replaced.
        kept = current is not None and current["identificatie_soort"] == "contactpersoon"
        out["contactpersoon_uuid"] = (
            current["contactpersoon_uuid"] if kept and current else None
        ) or uuidlib.uuid4()
    return out


class PartijService(CrudService):
    scope = "partijen"
    collection = "partijen"
    repo = partijen
    representation = outputs_partijen.PartijBasis
    input_model = Partij
    required = ("soort_partij", "indicatie_actief")
    filterset = PARTIJ_FILTERS
    group_fields = {"bezoekadres": Adres, "correspondentieadres": Adres}
    # In field order of the representation, which is the order of the keys in "_expand".
    expansions = (
        Expansion("betrokkenen", True, "uuid", "was_partij_uuid", _betrokkene_service),
        Expansion(
            "categorieRelaties",
            True,
            "uuid",
            "partij_uuid",
            _categorie_relatie_service,
        ),
        Expansion(
            "digitaleAdressen",
            True,
            "uuid",
            "verstrekt_door_partij_uuid",
            _digitaal_adres_service,
        ),
    )

    # ----- writes ---------------------------------------------------------------------------
    async def create(self, session: AsyncSession, ctx: Ctx, obj: Any) -> dict[str, Any]:
        key = uuidlib.uuid4()
        plan = await self.plan(session, obj, key, None)
        await self.repo.insert(session, {**plan.values, "uuid": key})
        await self.write_relations(session, plan, key, creating=True)
        return await self.commit_and_show(session, ctx, key, "create")

    async def update(
        self, session: AsyncSession, ctx: Ctx, key: uuidlib.UUID, obj: Any, partial: bool
    ) -> dict[str, Any]:
        current = await self.get_row(session, key)
        actie = update_actie(partial)
        before = await self.before(session, ctx, key, actie)
        plan = await self.plan(session, obj, key, current)
        await self.repo.update(session, key, plan.values)
        await self.write_relations(session, plan, key, creating=False)
        return await self.commit_and_show(session, ctx, key, actie, before)

    async def plan(
        self, session: AsyncSession, body: Partij, key: uuidlib.UUID, current: RowMapping | None
    ) -> WritePlan:
        """Every check of the write; raises with all problems found, or says what to write."""
        creating = current is None
        errors = writes.identificatoren_shape_errors(body, creating)
        values = self.values(body, current)
        sub_values, sub_errors = await self.identificatie(session, body, key, current)
        values.update(sub_values)
        errors += sub_errors
        errors += await self.check_nummer(session, body, None if creating else key)
        errors += await writes.check_links(session, body, None if creating else key)
        ids_plan: writes.IdentificatorPlan | None = None
        if not errors:
            # Identificator rules look at the database; only worth it for an otherwise valid body.
            ids_plan, id_errors = await writes.plan_identificatoren(session, body, key, creating)
            errors += id_errors
        if errors:
            raise ValidationFailed(errors)
        return WritePlan(body, values, ids_plan)

    async def write_relations(
        self, session: AsyncSession, plan: WritePlan, key: uuidlib.UUID, creating: bool
    ) -> None:
        await writes.apply_links(session, plan.body, key, creating)
        await writes.apply_identificatoren(session, plan.identificatoren)

    async def check_nummer(
        self, session: AsyncSession, body: Partij, key: uuidlib.UUID | None
    ) -> list[InvalidParam]:
        if body.nummer is None or not await self.repo.nummer_taken(session, body.nummer, key):
            return []
        return [InvalidParam("nummer", "unique", "Er bestaat al een partij met dit nummer.")]

    async def identificatie(
        self, session: AsyncSession, body: Partij, key: uuidlib.UUID, current: RowMapping | None
    ) -> tuple[dict[str, Any], list[InvalidParam]]:
        """Column values of ``partijIdentificatie``, when sent.

        It belongs to the soort sent in the same body or, when none is sent, to the stored soort
        (so a PATCH of only the sub-object updates it rather than being ignored).
        """
        if "partij_identificatie" not in body.model_fields_set:
            return {}, []
        sent_soort = "soort_partij" in body.model_fields_set
        soort = body.soort_partij if sent_soort or current is None else current["soort_partij"]
        data = body.partij_identificatie
        try:
            sub = parse_identificatie(soort, data) if data is not None else None
        except ValidationFailed as exc:
            return {}, exc.invalid_params
        if isinstance(sub, OrganisatieIdentificatie) and not sub.model_fields_set:
            sub = None  # nothing of an organisatie sent: no sub-object, as in the reference
        errors: list[InvalidParam] = []
        if isinstance(sub, ContactpersoonIdentificatie) and sub.werkte_voor_partij is not None:
            errors = await self.check_werkgever(session, sub.werkte_voor_partij.uuid, key, soort)
        return identificatie_values(soort, sub, current), errors

    async def check_werkgever(
        self, session: AsyncSession, ref: uuidlib.UUID, key: uuidlib.UUID, soort: str
    ) -> list[InvalidParam]:
        name = f"{IDENTIFICATIE}.werkteVoorPartij.uuid"
        # The partij itself is a contactpersoon after this write, whatever is stored now.
        werkgever_soort = soort if ref == key else await self.repo.soort_of(session, ref)
        if werkgever_soort is None:
            return [InvalidParam(name, "invalid", "Er is geen partij met deze uuid.")]
        if werkgever_soort != "organisatie":
            reason = "Een contactpersoon werkt voor een partij met soortPartij `organisatie`."
            return [InvalidParam(name, "invalid", reason)]
        return []

    # ----- delete ---------------------------------------------------------------------------
    async def before_delete(self, session: AsyncSession, row: RowMapping) -> None:
        """The partij's identificatoren go with it, unless another partij's identificator hangs
        under one of them (a vestiging under a KvK number): then nothing is deleted."""
        keys = await identificator_writes.of_partij(session, row["uuid"])
        if await identificator_writes.with_outside_children(session, keys):
            raise invalid(
                "nonFieldErrors",
                "Deze partij kan niet worden verwijderd: een van haar partij-identificatoren is "
                "de subIdentificatorVan van een partij-identificator die niet bij deze partij "
                "hoort.",
            )
        # Children before parents; the database cascade would not know that order.
        await identificator_writes.delete_all(session, keys)


partij_service = PartijService()
