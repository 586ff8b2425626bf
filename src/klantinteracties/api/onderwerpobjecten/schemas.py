from __future__ import annotations

from pydantic import Field

from klantinteracties.core.schemas import FkRef, Gegevensgroep
from klantinteracties.core.validation import InputModel


class Onderwerpobjectidentificator(Gegevensgroep):
    """Identifies the object in an external register; free text, not checked."""

    object_id: str = Field(
        default="",
        max_length=200,
        description="Waarde die het object identificeert, bv. de uuid van een zaak.",
    )
    code_objecttype: str = Field(
        default="", max_length=200, description="Soort object, bv. `zaak`."
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


class Onderwerpobject(InputModel):
    """What a klantcontact was about: an object elsewhere, or another klantcontact."""

    klantcontact: FkRef | None = Field(
        default=None, description="Het klantcontact dat over dit onderwerpobject ging."
    )
    was_klantcontact: FkRef | None = Field(
        default=None,
        description="Het klantcontact dat zelf het onderwerp is (een contact over een contact).",
    )
    onderwerpobjectidentificator: Onderwerpobjectidentificator | None = Field(
        default=None, description="Waar het onderwerpobject geregistreerd is en hoe het heet."
    )
