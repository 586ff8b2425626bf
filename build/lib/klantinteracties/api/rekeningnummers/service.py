"""Rekeningnummers. The partij's voorkeursRekeningnummer is a flag on the row (``is_voorkeur``),
never shown here, and cleared whenever the rekeningnummer changes partij."""

from __future__ import annotations

from typing import Any

from sqlalchemy import RowMapping

from klantinteracties.api.outputs import partijen as outputs_partijen
from klantinteracties.core.errors import InvalidParam, ValidationFailed
from klantinteracties.core.repository import TableRepository
from klantinteracties.core.service import CrudService, FkSpec
from klantinteracties.db.models import partij

from .filters import REKENINGNUMMER_FILTERS
from .repository import rekeningnummers
from .schemas import Rekeningnummer, iban_problem

partijen_repo = TableRepository(partij)


def with_iban_shape(data: Any, errors: list[InvalidParam]) -> list[InvalidParam]:
    """A too long IBAN is checked for its shape as well, and both are reported, as the
    reference does (the length check otherwise stops the rest)."""
    iban = data.get("iban") if isinstance(data, dict) else None
    too_long = [i for i, e in enumerate(errors) if e.name == "iban" and e.code == "max_length"]
    if not too_long or not isinstance(iban, str) or iban_problem(iban) is None:
        return errors
    at = too_long[0]
    return [*errors[:at], InvalidParam("iban", "invalid", iban_problem(iban) or ""), *errors[at:]]


class RekeningnummerService(CrudService):
    scope = "partijen"
    collection = "rekeningnummers"
    repo = rekeningnummers
    representation = outputs_partijen.Rekeningnummer
    input_model = Rekeningnummer
    required = ("iban",)
    filterset = REKENINGNUMMER_FILTERS
    fk_fields = {"partij": FkSpec(partijen_repo, "Partij")}

    def parse(self, data: Any, partial: bool) -> Any:
        try:
            return super().parse(data, partial)
        except ValidationFailed as exc:
            raise ValidationFailed(with_iban_shape(data, exc.invalid_params)) from None

    def values(self, obj: Any, current: RowMapping | None) -> dict[str, Any]:
        out = super().values(obj, current)
        if (
            current is not None
            and out.get("partij_uuid", current["partij_uuid"]) != (current["partij_uuid"])
        ):
            out["is_voorkeur"] = False  # the new (or no) partij has not chosen it
        return out


rekeningnummer_service = RekeningnummerService()
