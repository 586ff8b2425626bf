"""Digitale adressen: the rules that tie an address to its partij.

Per partij and soort there is at most one standaard address, a non-empty referentie is unique and
the same adres is stored only once. The partij's voorkeursDigitaalAdres is a flag on the address
(``is_voorkeur``) that this endpoint never shows but clears whenever the address changes partij.
"""

from __future__ import annotations

import uuid as uuidlib
from dataclasses import dataclass
from typing import Any

from sqlalchemy import RowMapping
from sqlalchemy.ext.asyncio import AsyncSession

from klantinteracties.api.outputs import partijen as outputs_partijen
from klantinteracties.core.errors import InvalidParam, ValidationFailed
from klantinteracties.core.expand import Expansion
from klantinteracties.core.registry import service_for
from klantinteracties.core.repository import TableRepository
from klantinteracties.core.schemas import FkRef
from klantinteracties.core.service import CrudService, FkSpec
from klantinteracties.db.models import betrokkene, partij

from .filters import DIGITAAL_ADRES_FILTERS
from .repository import digitale_adressen
from .schemas import DigitaalAdres, adres_error

partijen_repo = TableRepository(partij)
betrokkenen_repo = TableRepository(betrokkene)

STANDAARD_NEEDS_PARTIJ = "Een standaardadres kan alleen worden gezet bij een adres met een partij."
ADRES_TAKEN = "Deze partij heeft dit adres al als digitaal adres van deze soort."
UNIQUE_KEYS = {"verstrekt_door_partij", "soort_digitaal_adres", "adres", "referentie"}
STANDAARD_KEYS = {"is_standaard_adres", "verstrekt_door_partij", "soort_digitaal_adres"}
REFERENTIE_TAKEN = "Deze partij heeft al een digitaal adres van deze soort met deze referentie."


# Looked up by collection, not imported: betrokkenen expand to their digitale adressen.
_betrokkene_service = service_for("betrokkenen")


@dataclass(frozen=True)
class Effective:
    """The address as it will be stored: sent values over stored ones."""

    partij: uuidlib.UUID | None
    soort: str
    adres: str
    referentie: str
    standaard: bool


def effective(obj: DigitaalAdres, current: RowMapping | None) -> Effective:
    sent = obj.model_fields_set

    def pick(field: str, column: str, default: Any) -> Any:
        if field in sent:
            return getattr(obj, field)
        return current[column] if current is not None else default

    ref = pick("verstrekt_door_partij", "verstrekt_door_partij_uuid", None)
    return Effective(
        partij=ref.uuid if isinstance(ref, FkRef) else ref,
        soort=pick("soort_digitaal_adres", "soort_digitaal_adres", ""),
        adres=pick("adres", "adres", ""),
        referentie=pick("referentie", "referentie", ""),
        standaard=pick("is_standaard_adres", "is_standaard_adres", False),
    )


class DigitaalAdresService(CrudService):
    scope = "partijen"
    collection = "digitaleadressen"
    repo = digitale_adressen
    representation = outputs_partijen.DigitaalAdres
    input_model = DigitaalAdres
    required = ("adres", "soort_digitaal_adres")
    filterset = DIGITAAL_ADRES_FILTERS
    fk_fields = {
        "verstrekt_door_betrokkene": FkSpec(betrokkenen_repo, "Betrokkene"),
        "verstrekt_door_partij": FkSpec(partijen_repo, "Partij"),
    }
    # The nested paths (.hadKlantcontact, .hadKlantcontact.leiddeTotInterneTaken) are declared by
    # the betrokkene and klantcontact services.
    expansions = (
        Expansion(
            "verstrektDoorBetrokkene",
            False,
            "verstrekt_door_betrokkene_uuid",
            "uuid",
            _betrokkene_service,
        ),
    )

    async def validate(
        self, session: AsyncSession, obj: DigitaalAdres, current: RowMapping | None
    ) -> None:
        eff = effective(obj, current)
        errors = await self.check_fks(session, obj)
        errors += self._rule_errors(obj, eff)
        if errors:
            raise ValidationFailed(errors)
        if current is None or obj.model_fields_set & UNIQUE_KEYS:
            await self._check_unique(session, eff, current)
        await self._make_room_for_standaard(session, obj, eff, current)

    def _rule_errors(self, obj: DigitaalAdres, eff: Effective) -> list[InvalidParam]:
        errors: list[InvalidParam] = []
        sent = obj.model_fields_set
        # Checked whenever adres or soort changes, so a PATCH of only the soort cannot leave a
        # stored adres that does not fit it.
        if sent & {"adres", "soort_digitaal_adres"}:
            reason = adres_error(eff.soort, eff.adres)
            if reason:
                errors.append(InvalidParam("adres", "invalid", reason))
        if "is_standaard_adres" in sent and obj.is_standaard_adres and eff.partij is None:
            errors.append(InvalidParam("isStandaardAdres", "invalid", STANDAARD_NEEDS_PARTIJ))
        return errors

    async def _check_unique(
        self, session: AsyncSession, eff: Effective, current: RowMapping | None
    ) -> None:
        if eff.partij is None:
            return
        own = current["uuid"] if current is not None else None
        rows = await digitale_adressen.conflicts(
            session, eff.partij, eff.soort, eff.adres, eff.referentie, own
        )
        errors: list[InvalidParam] = []
        if any(r["adres"] == eff.adres for r in rows):
            errors.append(InvalidParam("adres", "unique", ADRES_TAKEN))
        if eff.referentie and any(r["referentie"] == eff.referentie for r in rows):
            errors.append(InvalidParam("nonFieldErrors", "unique", REFERENTIE_TAKEN))
        if errors:
            raise ValidationFailed(errors)

    async def _make_room_for_standaard(
        self, session: AsyncSession, obj: DigitaalAdres, eff: Effective, current: RowMapping | None
    ) -> None:
        """Validation is the last step before the write, and the write must not trip the unique
        index "one standaard address per partij and soort": so the old standaard address loses
        its flag here, in the same transaction (a later failure rolls this back too)."""
        if not eff.standaard or eff.partij is None:
            return
        if current is not None and not obj.model_fields_set & STANDAARD_KEYS:
            return  # nothing that decides which address is standaard changes
        own = current["uuid"] if current is not None else None
        await digitale_adressen.clear_standaard(session, eff.partij, eff.soort, own)

    def values(self, obj: Any, current: RowMapping | None) -> dict[str, Any]:
        out = super().values(obj, current)
        if current is None:
            return out
        new_partij = out.get("verstrekt_door_partij_uuid", current["verstrekt_door_partij_uuid"])
        if new_partij != current["verstrekt_door_partij_uuid"]:
            # The address no longer belongs to the partij that preferred it.
            out["is_voorkeur"] = False
            if new_partij is None and "is_standaard_adres" not in out:
                out["is_standaard_adres"] = False  # a standaard address needs a partij
        return out


digitaal_adres_service = DigitaalAdresService()
