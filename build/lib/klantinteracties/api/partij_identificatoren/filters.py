from __future__ import annotations

from enum import StrEnum

from klantinteracties.core.filters import Filter, FilterSet, eq
from klantinteracties.db.models import partij_identificator

from .schemas import CodeObjecttypeEnum, CodeRegisterEnum, CodeSoortObjectIdEnum

c = partij_identificator.c


def _values(enum: type[StrEnum]) -> tuple[str, ...]:
    return tuple(sorted(member.value for member in enum))


PARTIJ_IDENTIFICATOR_FILTERS = FilterSet(
    filters=(
        Filter(
            "anderePartijIdentificator",
            "string",
            eq(c.andere_partij_identificator),
            description="Vrije-tekstidentificator (exact).",
            deprecated=True,
        ),
        Filter(
            "partijIdentificatorCodeObjecttype",
            "enum",
            eq(c.code_objecttype),
            enum=_values(CodeObjecttypeEnum),
            description="Type van het object, bijvoorbeeld: 'natuurlijk_persoon'.",
        ),
        Filter(
            "partijIdentificatorCodeSoortObjectId",
            "enum",
            eq(c.code_soort_object_id),
            enum=_values(CodeSoortObjectIdEnum),
            description="Soort identificerende eigenschap, bijvoorbeeld: 'bsn'.",
        ),
        Filter(
            "partijIdentificatorObjectId",
            "string",
            eq(c.object_id),
            description="Waarde van de identificerende eigenschap (exact).",
        ),
        Filter(
            "partijIdentificatorCodeRegister",
            "enum",
            eq(c.code_register),
            enum=_values(CodeRegisterEnum),
            description="Register waarin het object is geregistreerd, bijvoorbeeld: 'brp'.",
        ),
    )
)
