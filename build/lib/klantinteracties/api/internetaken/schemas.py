"""Request body of ``/internetaken``."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, field_validator
from pydantic_core import PydanticCustomError

from klantinteracties.core.schemas import FkRef
from klantinteracties.core.validation import (
    DIGITS_PATTERN,
    InputModel,
    NonBlank,
    UtcDateTime,
    reject_null,
)

STATUSSEN = ("te_verwerken", "verwerkt")
Status = Literal["te_verwerken", "verwerkt"]

_DIGITS = re.compile(r"[0-9]+")


class InterneTaak(InputModel):
    """A follow-up task that a klantcontact led to, assigned to one or more actoren."""

    nummer: str | None = Field(
        default=None,
        max_length=10,
        json_schema_extra={"deprecated": True, "pattern": DIGITS_PATTERN},
        description="Uniek nummer (alleen cijfers) om de taak tussen mensen aan te duiden.",
    )
    referentienummer: str | None = Field(
        default=None,
        max_length=10,
        json_schema_extra={"pattern": DIGITS_PATTERN},
        description="Uniek referentienummer (alleen cijfers) om de taak tussen mensen aan te "
        "duiden.",
    )
    gevraagde_handeling: NonBlank = Field(
        default="", max_length=200, description="Wat er moet gebeuren om de taak af te ronden."
    )
    aanleidinggevend_klantcontact: FkRef | None = Field(
        default=None, description="Het klantcontact dat tot deze taak leidde."
    )
    toegewezen_aan_actor: FkRef | None = Field(
        default=None,
        json_schema_extra={"deprecated": True},
        description="Verouderd: wijs de taak toe aan precies deze actor (vervangt de hele "
        "toewijzing). Gebruik `toegewezenAanActoren`; stuur er precies een van beide mee bij "
        "POST en PUT.",
    )
    toegewezen_aan_actoren: list[FkRef] | None = Field(
        default=None,
        description="De actoren aan wie de taak is toegewezen, in volgorde; meesturen vervangt "
        "de hele toewijzing (null is een lege lijst).",
    )
    toelichting: str = Field(
        default="", max_length=1000, description="Extra uitleg die helpt de taak af te handelen."
    )
    status: Annotated[Status, BeforeValidator(reject_null)] = Field(
        default=None,  # type: ignore[arg-type]  # required-ness is checked by the service
        description="Hoe ver de afhandeling is.",
    )
    afgehandeld_op: UtcDateTime | None = Field(
        default=None,
        description="Wanneer de taak is afgehandeld; alleen bij status `verwerkt`. Zonder "
        "waarde wordt het moment waarop de status `verwerkt` wordt ingevuld; terug naar "
        "`te_verwerken` wist het.",
    )

    @field_validator("nummer", "referentienummer")
    @classmethod
    def _digits(cls, value: str | None) -> str | None:
        if value == "":
            return None  # an empty nummer means "no nummer", like null
        if value is not None and not _DIGITS.fullmatch(value):
            raise PydanticCustomError("invalid", "Een nummer bestaat alleen uit cijfers.")
        return value
