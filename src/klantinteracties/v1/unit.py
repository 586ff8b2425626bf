"""One transaction over several v2 service calls.

Every v2 write method commits before it returns (core/service.py), which is right for one v2
request. A v1 write is several of them (the partij, its e-mail address, its phone number) plus
the v1 side row, and must be stored whole or not at all. Inside ``one_transaction`` the v2
services run exactly as they do for v2 clients (every rule, notification and processing-log
record), but their commits are held back: the v1 service commits once, at the end. Any
exception leaves everything uncommitted, to be rolled back when the session closes.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy.ext.asyncio import AsyncSession


async def _held_back() -> None:
    return None


@asynccontextmanager
async def one_transaction(session: AsyncSession) -> AsyncIterator[None]:
    real = session.commit
    session.commit = _held_back  # type: ignore[method-assign]
    try:
        yield
    finally:
        del session.commit  # the class's own method again
    await real()
