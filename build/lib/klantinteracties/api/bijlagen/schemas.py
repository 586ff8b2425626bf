from __future__ import annotations

from pydantic import Field

from klantinteracties.core.identificator import Identificator
from klantinteracties.core.schemas import FkRef
from klantinteracties.core.validation import InputModel


class BijlageIdentificator(Identificator):
    """Identifies the attached object (usually a document) in an external register."""


class Bijlage(InputModel):
    """Something (usually a document) that came with a klantcontact."""

    was_bijlage_van_klantcontact: FkRef | None = Field(
        default=None, description="Het klantcontact waar dit een bijlage van was."
    )
    bijlageidentificator: BijlageIdentificator | None = Field(
        default=None, description="Waar de bijlage geregistreerd is en hoe die heet."
    )
