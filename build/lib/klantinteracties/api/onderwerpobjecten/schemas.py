from __future__ import annotations

from pydantic import Field

from klantinteracties.core.identificator import Identificator
from klantinteracties.core.schemas import FkRef
from klantinteracties.core.validation import InputModel


class Onderwerpobjectidentificator(Identificator):
    """Identifies the object (e.g. a zaak) in an external register."""


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
