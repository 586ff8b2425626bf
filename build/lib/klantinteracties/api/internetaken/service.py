"""Rules of ``/internetaken``: the actor assignment and the afgehandeldOp life cycle.

The assignment is an ordered list of actoren (``internetaak_actor.volgorde``). The deprecated
``toegewezenAanActor`` shows and sets the first one; sending it replaces the whole assignment with
just that actor, exactly like sending a one-item ``toegewezenAanActoren``.
"""

from __future__ import annotations

import datetime as dt
import uuid as uuidlib
from typing import Any

from sqlalchemy import RowMapping
from sqlalchemy.ext.asyncio import AsyncSession

from klantinteracties.api.outputs import actoren as outputs_actoren
from klantinteracties.core.errors import InvalidParam, ValidationFailed
from klantinteracties.core.repository import TableRepository
from klantinteracties.core.service import CrudService, FkSpec
from klantinteracties.core.validation import NOT_NULL, missing_required, validate
from klantinteracties.db.models import klantcontact

from .filters import INTERNETAAK_FILTERS
from .repository import internetaken
from .schemas import InterneTaak

SINGLE, MANY = "toegewezen_aan_actor", "toegewezen_aan_actoren"
WIRE = {SINGLE: "toegewezenAanActor", MANY: "toegewezenAanActoren"}

NEITHER = "Geef toegewezenAanActoren (of het verouderde toegewezenAanActor) mee."
BOTH = "Geef toegewezenAanActoren of toegewezenAanActor mee, niet allebei."
REPEATED = "Een actor kan maar één keer in de toewijzing voorkomen."
NO_ACTOR = "Er is geen actor met uuid {}."
NOT_DONE = "Een afgehandeld-op-moment kan alleen worden gezet als de status `verwerkt` is."
NUMMER_TAKEN = "Er bestaat al een interne taak met dit {}."


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def assigned(obj: InterneTaak) -> tuple[str, list[uuidlib.UUID]] | None:
    """(wire name, actor uuids) of the assignment sent, or None when neither key was sent."""
    sent = obj.model_fields_set
    if MANY in sent:
        return WIRE[MANY], [ref.uuid for ref in obj.toegewezen_aan_actoren or []]
    if SINGLE in sent:
        ref = obj.toegewezen_aan_actor
        return WIRE[SINGLE], [ref.uuid] if ref is not None else []
    return None


class InterneTaakService(CrudService):
    scope = "internetaken"
    collection = "internetaken"
    repo = internetaken
    representation = outputs_actoren.InterneTaak
    input_model = InterneTaak
    required = ("gevraagde_handeling", "aanleidinggevend_klantcontact", "status")
    filterset = INTERNETAAK_FILTERS
    fk_fields = {
        "aanleidinggevend_klantcontact": FkSpec(TableRepository(klantcontact), "Klantcontact")
    }

    # ----- checks ---------------------------------------------------------------------------
    def parse(self, data: Any, partial: bool) -> InterneTaak:
        obj = validate(self.input_model, data)
        sent = obj.model_fields_set & {SINGLE, MANY}
        if partial:
            if len(sent) == 2:  # PATCH may leave both out, but not send both
                raise ValidationFailed([InvalidParam("nonFieldErrors", "invalid", BOTH)])
            return obj
        errors = missing_required(obj, self.required)
        if not sent:
            errors.append(InvalidParam("nonFieldErrors", "invalid", NEITHER))
        elif len(sent) == 2:
            errors.append(InvalidParam("nonFieldErrors", "invalid", BOTH))
        if errors:
            raise ValidationFailed(errors)
        return obj

    async def validate(
        self, session: AsyncSession, obj: InterneTaak, current: RowMapping | None
    ) -> None:
        errors: list[InvalidParam] = []
        sent = obj.model_fields_set
        if "aanleidinggevend_klantcontact" in sent and obj.aanleidinggevend_klantcontact is None:
            errors.append(InvalidParam("aanleidinggevendKlantcontact", "null", NOT_NULL))
        errors += await self.check_fks(session, obj)
        errors += await self._check_actoren(session, obj)
        if obj.afgehandeld_op is not None and self._status(obj, current) != "verwerkt":
            errors.append(InvalidParam("afgehandeldOp", "invalid", NOT_DONE))
        errors += await self._check_numbers(session, obj, current)
        if errors:
            raise ValidationFailed(errors)

    async def _check_actoren(self, session: AsyncSession, obj: InterneTaak) -> list[InvalidParam]:
        sent = assigned(obj)
        if sent is None:
            return []
        wire, keys = sent
        if len(set(keys)) != len(keys):
            return [InvalidParam(wire, "unique", REPEATED)]
        found = await internetaken.existing_actors(session, keys)
        # Items of the list are named by their index; the single actor has none.
        return [
            InvalidParam(
                f"{wire}.{i}.uuid" if wire == WIRE[MANY] else f"{wire}.uuid",
                "invalid",
                NO_ACTOR.format(k),
            )
            for i, k in enumerate(keys)
            if k not in found
        ]

    async def _check_numbers(
        self, session: AsyncSession, obj: InterneTaak, current: RowMapping | None
    ) -> list[InvalidParam]:
        sent = obj.model_fields_set
        nummer = obj.nummer if "nummer" in sent else None
        referentie = obj.referentienummer if "referentienummer" in sent else None
        own = current["uuid"] if current is not None else None
        rows = await internetaken.numbers_taken(session, nummer, referentie, own)
        errors = []
        if nummer is not None and any(r["nummer"] == nummer for r in rows):
            errors.append(InvalidParam("nummer", "unique", NUMMER_TAKEN.format("nummer")))
        if referentie is not None and any(r["referentienummer"] == referentie for r in rows):
            reason = NUMMER_TAKEN.format("referentienummer")
            errors.append(InvalidParam("referentienummer", "unique", reason))
        return errors

    @staticmethod
    def _status(obj: InterneTaak, current: RowMapping | None) -> str | None:
        if "status" in obj.model_fields_set or current is None:
            return obj.status
        return str(current["status"])

    # ----- writes ---------------------------------------------------------------------------
    def values(self, obj: Any, current: RowMapping | None) -> dict[str, Any]:
        out = super().values(obj, current)
        if current is None:
            out["toegewezen_op"] = _now()
        status = self._status(obj, current)
        if status == "te_verwerken":
            out["afgehandeld_op"] = None
        elif "afgehandeld_op" in out:
            out["afgehandeld_op"] = out["afgehandeld_op"] or _now()
        elif current is None or current["afgehandeld_op"] is None:
            out["afgehandeld_op"] = _now()  # done, and nobody said when: now
        return out

    async def after_write(
        self, session: AsyncSession, key: uuidlib.UUID, obj: Any, current: RowMapping | None
    ) -> None:
        sent = assigned(obj)
        if sent is not None:
            await internetaken.replace_assignment(session, key, sent[1])


internetaak_service = InterneTaakService()
