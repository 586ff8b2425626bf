"""Request body of ``POST /maak-klantcontact``, for the OpenAPI document.

The service validates each part with the model of its own resource (so the rules are the same as
on ``/klantcontacten``, ``/betrokkenen`` and ``/onderwerpobjecten``); this model only describes the
shape of the whole.
"""

from __future__ import annotations

from pydantic import Field

from klantinteracties.api.betrokkenen.schemas import Betrokkene
from klantinteracties.api.klantcontacten.schemas import Klantcontact
from klantinteracties.api.onderwerpobjecten.schemas import Onderwerpobject
from klantinteracties.core.validation import InputModel


class MaakKlantcontact(InputModel):
    """A klantcontact with at most one betrokkene and one onderwerpobject, stored together."""

    klantcontact: Klantcontact = Field(description="Het klantcontact (verplicht).")
    betrokkene: Betrokkene | None = Field(
        default=None,
        description="Eén betrokkene bij het nieuwe klantcontact; `hadKlantcontact` wordt "
        "genegeerd en op het nieuwe klantcontact gezet.",
    )
    onderwerpobject: Onderwerpobject | None = Field(
        default=None,
        description="Eén onderwerpobject van het nieuwe klantcontact; `klantcontact` wordt "
        "genegeerd en op het nieuwe klantcontact gezet (`wasKlantcontact` telt wel).",
    )
