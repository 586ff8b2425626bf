from __future__ import annotations

import uuid as uuidlib
from typing import Any

from sqlalchemy import RowMapping
from sqlalchemy.ext.asyncio import AsyncSession

from klantinteracties.api.outputs import partijen as outputs_partijen
from klantinteracties.core.errors import ValidationFailed, invalid
from klantinteracties.core.service import CrudService

from .filters import PARTIJ_IDENTIFICATOR_FILTERS
from .repository import partij_identificatoren
from .rules import GROUP_FIELDS, check_identificator
from .schemas import PartijIdentificator

COLLECTION = "partij-identificatoren"


def identificator_values(obj: PartijIdentificator) -> dict[str, Any]:
    """Column values for the fields that were sent. ``uuid`` is never written: it is the key."""
    sent = obj.model_fields_set
    out: dict[str, Any] = {}
    for name in ("identificeerde_partij", "sub_identificator_van"):
        if name in sent:
            ref = getattr(obj, name)
            out[f"{name}_uuid"] = ref.uuid if ref is not None else None
    if "andere_partij_identificator" in sent:
        out["andere_partij_identificator"] = obj.andere_partij_identificator
    if obj.partij_identificator is not None:
        for name in GROUP_FIELDS:
            out[name] = str(getattr(obj.partij_identificator, name))
    return out


def owner_of(obj: PartijIdentificator, current: RowMapping | None) -> uuidlib.UUID | None:
    """The partij the identificator belongs to after this write."""
    if "identificeerde_partij" in obj.model_fields_set:
        return obj.identificeerde_partij.uuid if obj.identificeerde_partij else None
    return current["identificeerde_partij_uuid"] if current is not None else None


class PartijIdentificatorService(CrudService):
    scope = "partijen"
    collection = COLLECTION
    repo = partij_identificatoren
    representation = outputs_partijen.PartijIdentificator
    input_model = PartijIdentificator
    # Required on POST and PUT; the rules refuse a null group on PATCH as well.
    required = ("partij_identificator",)
    filterset = PARTIJ_IDENTIFICATOR_FILTERS

    async def validate(self, session: AsyncSession, obj: Any, current: RowMapping | None) -> None:
        # parse() already demanded the group where the method requires it, hence partial=True.
        errors = await check_identificator(
            session, obj, current=current, partij_uuid=owner_of(obj, current), partial=True
        )
        if errors:
            raise ValidationFailed(errors)

    def values(self, obj: Any, current: RowMapping | None) -> dict[str, Any]:
        return identificator_values(obj)

    async def before_delete(self, session: AsyncSession, row: RowMapping) -> None:
        # The database refuses too (ON DELETE RESTRICT); this gives the reason first.
        if await partij_identificatoren.has_children(session, row["uuid"]):
            raise invalid(
                "nonFieldErrors",
                "Deze partij-identificator kan niet worden verwijderd, want andere "
                "partij-identificatoren hebben hem als subIdentificatorVan.",
            )


partij_identificator_service = PartijIdentificatorService()
