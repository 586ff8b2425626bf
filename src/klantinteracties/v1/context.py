"""What a v1 service gets from the HTTP layer (no FastAPI types inside)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from klantinteracties.core.context import Ctx


@dataclass(frozen=True)
class V1Ctx:
    """The v1 API's base URL (the ``url`` of its resources), the v2 one (the v2 services' own
    representations and notifications), and the bronorganisatie shown for data that no v1
    client wrote."""

    v1: Ctx
    v2: Ctx
    bronorganisatie: str = ""

    def url(self, collection: str, key: Any) -> str:
        return self.v1.url(collection, key)
