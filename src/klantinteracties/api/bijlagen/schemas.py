from __future__ import annotations

from pydantic import Field

from klantinteracties.core.schemas import FkRef, Gegevensgroep
from klantinteracties.core.validation import InputModel


class BijlageIdentificator(Gegevensgroep):
    """Identifies the attached object in an external register; free text, not checked."""

    object_id: str = Field(
        default="",
        max_length=200,
        description="Waarde die het object identificeert, bv. de uuid van een document.",
    )
    code_objecttype: str = Field(
        default="", max_length=200, description="Soort object, bv. `DOCUMENT`."
    )
    code_register: str = Field(
        default="",
        max_length=200,
        description="Het register waarin het object staat, bv. `open-zaak`.",
    )
    code_soort_object_id: str = Field(
        default="",
        max_length=200,
        description="Welke eigenschap het object identificeert, bv. `uuid`.",
    )


class Bijlage(InputModel):
    """Something (usually a document) that came with a klantcontact."""

    was_bijlage_van_klantcontact: FkRef | None = Field(
        default=None, description="Het klantcontact waar dit een bijlage van was."
    )
    bijlageidentificator: BijlageIdentificator | None = Field(
        default=None, description="Waar de bijlage geregistreerd is en hoe die heet."
    )
