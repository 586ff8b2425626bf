from __future__ import annotations

from pydantic import Field

from klantinteracties.core.schemas import FkRef
from klantinteracties.core.validation import InputModel


class Vertegenwoordiging(InputModel):
    """One partij acting on behalf of another (e.g. a guardian or an authorised agent).

    Both relations are required on POST/PUT; ``null`` is refused by the service, so that PATCH
    can reuse this model with every field optional.
    """

    vertegenwoordigende_partij: FkRef | None = Field(
        default=None, description="De partij die een andere partij vertegenwoordigt."
    )
    vertegenwoordigde_partij: FkRef | None = Field(
        default=None, description="De partij die door een andere partij vertegenwoordigd wordt."
    )
