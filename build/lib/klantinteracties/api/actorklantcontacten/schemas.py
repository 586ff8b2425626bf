from __future__ import annotations

from pydantic import Field

from klantinteracties.core.schemas import FkRef
from klantinteracties.core.validation import InputModel


class ActorKlantcontact(InputModel):
    """Records that an actor took part in a klantcontact.

    Both relations are required on POST/PUT; ``null`` is refused by the service, so that PATCH
    can reuse this model with every field optional.
    """

    actor: FkRef | None = Field(default=None, description="De actor die betrokken was.")
    klantcontact: FkRef | None = Field(
        default=None, description="Het klantcontact waarbij de actor betrokken was."
    )
