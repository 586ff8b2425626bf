from __future__ import annotations

import uuid as uuidlib
from enum import StrEnum
from typing import Any

from pydantic import Field, field_validator

from klantinteracties.core.schemas import FkRef
from klantinteracties.core.validation import InputModel, reject_null


class CodeObjecttypeEnum(StrEnum):
    natuurlijk_persoon = "natuurlijk_persoon"
    niet_natuurlijk_persoon = "niet_natuurlijk_persoon"
    vestiging = "vestiging"


class CodeSoortObjectIdEnum(StrEnum):
    bsn = "bsn"
    vestigingsnummer = "vestigingsnummer"
    kvk_nummer = "kvk_nummer"
    rsin = "rsin"


class CodeRegisterEnum(StrEnum):
    brp = "brp"
    hr = "hr"


class PartijIdentificatorGroep(InputModel):
    """Identifies a partij in a base registry. All four values are required when sent."""

    code_objecttype: CodeObjecttypeEnum = Field(
        description="Type van het object, bijvoorbeeld: 'natuurlijk_persoon'."
    )
    code_soort_object_id: CodeSoortObjectIdEnum = Field(
        description="Naam van de eigenschap die het object identificeert, bijvoorbeeld: 'bsn'."
    )
    object_id: str = Field(
        max_length=200,
        description="Waarde van de eigenschap die het object identificeert, bijvoorbeeld: "
        "'123456782'.",
    )
    code_register: CodeRegisterEnum = Field(
        description="Register waarin het object is geregistreerd, bijvoorbeeld: 'brp'."
    )

    @field_validator("code_objecttype", "code_soort_object_id", "code_register", mode="before")
    @classmethod
    def _not_null(cls, value: Any) -> Any:
        # Without this a null would be reported as an invalid choice instead of as "null".
        return reject_null(value)


class PartijIdentificator(InputModel):
    """How a partij is known in a registry (BSN, KvK number, RSIN, vestigingsnummer)."""

    uuid: uuidlib.UUID | None = Field(
        default=None,
        description="Unieke (technische) identificatiecode van de partij-identificator. "
        "Alleen betekenisvol binnen `Partij.partijIdentificatoren`; elders genegeerd.",
    )
    identificeerde_partij: FkRef | None = Field(
        default=None, description="De partij die met deze identificator wordt aangeduid."
    )
    andere_partij_identificator: str = Field(
        default="",
        max_length=200,
        # Documented as deprecated; pydantic's own flag would warn on every attribute read.
        json_schema_extra={"deprecated": True},
        description="Vrije tekst voor een niet voorgedefinieerd soort identificator.",
    )
    partij_identificator: PartijIdentificatorGroep | None = Field(
        default=None,
        description="De gegevens die de partij in een register uniek aanduiden (verplicht).",
    )
    sub_identificator_van: FkRef | None = Field(
        default=None,
        description="De identificator waaronder deze uniek is, bijvoorbeeld het KvK-nummer "
        "van een vestigingsnummer.",
    )

    @field_validator("partij_identificator", mode="before")
    @classmethod
    def _empty_group_is_absent(cls, value: Any) -> Any:
        # An empty object is reported as a missing group, null (as in the reference) as null.
        return None if value == {} else reject_null(value)
