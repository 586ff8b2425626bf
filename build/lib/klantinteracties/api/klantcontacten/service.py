"""Rules of ``/klantcontacten``.

A klantcontact owns its betrokkenen, onderwerpobjecten (both links), bijlagen, interne taken and
actor links: deleting it deletes them, through the foreign keys' ON DELETE CASCADE.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from sqlalchemy import RowMapping
from sqlalchemy.ext.asyncio import AsyncSession

from klantinteracties.access.visibility import VERTROUWELIJK
from klantinteracties.api.outputs import klantcontacten as outputs_klantcontacten
from klantinteracties.core.errors import InvalidParam, ValidationFailed, permission_denied
from klantinteracties.core.expand import Expansion
from klantinteracties.core.registry import service_for
from klantinteracties.core.service import CrudService
from klantinteracties.core.sources import refs_of
from klantinteracties.core.view import view_of

from .filters import KLANTCONTACT_FILTERS
from .repository import klantcontacten
from .schemas import NO_FURTHER_ACTION, Klantcontact, check_metadata

COLLECTION = "klantcontacten"
UNIQUE_REASONS = {
    "nummer": "Er is al een klantcontact met dit nummer.",
    "referentienummer": "Er is al een klantcontact met dit referentienummer.",
}
NO_FURTHER_ACTION_REASON = (
    "Een gelukt contact vraagt geen verdere actie: indicatieContactGelukt en "
    "verdereActieOndernomen kunnen niet allebei true zijn."
)


CONFIDENTIAL_WRITE = (
    "Dit klantcontact is vertrouwelijk; alleen een applicatie met het privilege vertrouwelijk "
    "mag het wijzigen."
)

# Expansion targets are looked up by collection, not imported: the relations run both ways (a
# betrokkene expands to its klantcontact), so the services cannot import each other.
_onderwerpobjecten = service_for("onderwerpobjecten")
_bijlagen = service_for("bijlagen")
_betrokkenen = service_for("betrokkenen")
_internetaken = service_for("internetaken")


def _expansion(name: str, target: Callable[[], CrudService]) -> Expansion:
    """A to-many relation: the rows the representation lists under ``name``, through the
    foreign key its declaration names."""
    column = refs_of(outputs_klantcontacten.Klantcontact, name).fk
    return Expansion(name, True, "uuid", column, target)


class KlantcontactService(CrudService):
    scope = "klantcontacten"
    collection = COLLECTION
    repo = klantcontacten
    representation = outputs_klantcontacten.Klantcontact
    input_model = Klantcontact
    required = ("kanaal", "onderwerp", "taal", "vertrouwelijk")
    filterset = KLANTCONTACT_FILTERS
    # In field order of the representation, which is the order of the keys in "_expand".
    expansions = (
        _expansion("gingOverOnderwerpobjecten", _onderwerpobjecten),
        _expansion("omvatteBijlagen", _bijlagen),
        _expansion("hadBetrokkenen", _betrokkenen),
        _expansion("leiddeTotInterneTaken", _internetaken),
    )

    # ----- writes ---------------------------------------------------------------------------
    def parse(self, data: Any, partial: bool) -> Klantcontact:
        """Field errors and metadata errors are reported together."""
        errors: list[InvalidParam] = []
        obj: Klantcontact | None = None
        try:
            obj = super().parse(data, partial)
        except ValidationFailed as exc:
            errors = list(exc.invalid_params)
        raw = data.get("metadata") if isinstance(data, dict) else None
        clean, metadata_errors = check_metadata(raw) if isinstance(raw, dict) else ({}, [])
        errors += metadata_errors
        if errors or obj is None:
            raise ValidationFailed(errors)
        if "metadata" in obj.model_fields_set:
            obj.metadata = clean
        if not partial and "verdere_actie_ondernomen" not in obj.model_fields_set:
            # The field has a default, which a create or a full update (PUT) applies when it is
            # left out, unlike other optional fields that PUT leaves as they are.
            obj.verdere_actie_ondernomen = False
        return obj

    async def validate(self, session: AsyncSession, obj: Any, current: RowMapping | None) -> None:
        # Its content is masked for an application without the privilege: changing what it
        # cannot see (or lifting the flag to see it) is refused (docs/privacy.md).
        confidential = current is not None and current["vertrouwelijk"]
        if confidential and not view_of(session).has(VERTROUWELIJK):
            raise permission_denied(CONFIDENTIAL_WRITE)
        errors: list[InvalidParam] = []
        exclude = current["uuid"] if current is not None else None
        for field, reason in UNIQUE_REASONS.items():
            value = getattr(obj, field)
            if field not in obj.model_fields_set or value is None:
                continue
            if await self.repo.taken(session, field, value, exclude):
                errors.append(InvalidParam(field, "unique", reason))
        if self._gelukt(obj, current) and self._verdere_actie(obj, current):
            errors.append(
                InvalidParam("nonFieldErrors", NO_FURTHER_ACTION, NO_FURTHER_ACTION_REASON)
            )
        if errors:
            raise ValidationFailed(errors)

    @staticmethod
    def _gelukt(obj: Klantcontact, current: RowMapping | None) -> bool:
        if "indicatie_contact_gelukt" in obj.model_fields_set or current is None:
            return obj.indicatie_contact_gelukt is True
        return current["indicatie_contact_gelukt"] is True

    @staticmethod
    def _verdere_actie(obj: Klantcontact, current: RowMapping | None) -> bool:
        if "verdere_actie_ondernomen" in obj.model_fields_set or current is None:
            return obj.verdere_actie_ondernomen is True
        return current["verdere_actie_ondernomen"] is True

    def values(self, obj: Any, current: RowMapping | None) -> dict[str, Any]:
        out = super().values(obj, current)
        if "metadata" in obj.model_fields_set:
            out["metadata_json"] = obj.metadata
        if current is None:
            out.setdefault("metadata_json", {})
            if out.get("plaatsgevonden_op") is None:
                out["plaatsgevonden_op"] = dt.datetime.now(dt.UTC)  # "it happened just now"
        return out


klantcontact_service = KlantcontactService()
