"""How far delivery is behind: the summary ``notifications list`` prints.

Kept apart from the commands on purpose: the operations issue will expose the same numbers on
the health and metrics endpoints (a growing ``oldest_pending_seconds`` means no worker runs or
the Notificaties API is down; ``failed`` messages wait for ``notifications retry``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncEngine

from . import queue


@dataclass(frozen=True)
class Backlog:
    pending: int
    failed: int
    oldest_pending_seconds: float | None  # None: nothing pending

    def summary(self) -> str:
        age = (
            "none"
            if self.oldest_pending_seconds is None
            else f"{self.oldest_pending_seconds:.0f} s old"
        )
        return f"pending {self.pending}, failed {self.failed}, oldest pending {age}"


async def backlog(engine: AsyncEngine, now: dt.datetime | None = None) -> Backlog:
    pending, failed, oldest = await queue.counts(engine)
    now = now or dt.datetime.now(dt.UTC)
    age = None if oldest is None else max(0.0, (now - oldest).total_seconds())
    return Backlog(pending, failed, age)
