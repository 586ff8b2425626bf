"""Per-request context handed from the HTTP layer to services (no FastAPI types inside)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Ctx:
    """Knows the absolute API base URL, so services can render ``url`` fields."""

    base_url: str  # e.g. "http://host/klantinteracties/api/v1" (no trailing slash)

    def url(self, collection: str, key: uuid.UUID | str) -> str:
        return f"{self.base_url}/{collection}/{key}"

    def ref(self, collection: str, key: uuid.UUID | str | None) -> dict[str, Any] | None:
        """The {uuid, url} object used for every relation; None stays None."""
        if key is None:
            return None
        return {"uuid": str(key), "url": f"{self.base_url}/{collection}/{key}"}

    def refs(self, collection: str, keys: list[Any]) -> list[dict[str, Any]]:
        base = f"{self.base_url}/{collection}/"
        return [{"uuid": str(k), "url": f"{base}{k}"} for k in keys]
