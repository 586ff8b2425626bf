"""Per-request context handed from the HTTP layer to services (no FastAPI types inside)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

DEFAULT_MAX_EXPANDED_ROWS = 10000


@dataclass
class ExpandBudget:
    """How many related rows one response may still expand (KLANTINTERACTIES_MAX_EXPANDED_ROWS):
    a list page with expand multiplies its size by every relation's fan-out."""

    max_rows: int = DEFAULT_MAX_EXPANDED_ROWS
    used: int = 0

    @property
    def remaining(self) -> int:
        return max(self.max_rows - self.used, 0)


@dataclass(frozen=True)
class Ctx:
    """Knows the absolute API base URL, so services can render ``url`` fields, and what is left
    of the response's expand budget."""

    base_url: str  # e.g. "http://host/klantinteracties/api/v1" (no trailing slash)
    expand_budget: ExpandBudget = field(default_factory=ExpandBudget)
    count_estimate_from: int = 0  # see Settings.count_estimate_from; 0: exact counts

    def url(self, collection: str, key: uuid.UUID | str) -> str:
        return f"{self.base_url}/{collection}/{key}"
