"""Password login with lockout. A name without an (enabled) account takes the same path as a
real name with a wrong password: the same hashing work, the same failure count and lock, the
same answer; so the login page tells nobody which names exist."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy.ext.asyncio import AsyncSession

from . import sessions, staff
from .passwords import verify_password
from .sessions import Policy


class Refused(enum.Enum):
    WRONG = "wrong"
    LOCKED = "locked"


async def log_in(
    session: AsyncSession, name: str, password: str, policy: Policy, now: dt.datetime
) -> str | Refused:
    """The new session's cookie value, or why not."""
    name = name.strip()[:100]
    if await sessions.locked(session, name, now):
        await verify_password(None, password)  # the same work as any other attempt
        return Refused.LOCKED
    account = await staff.by_name(session, name) if name else None
    usable = account if account is not None and account["disabled_at"] is None else None
    if not await verify_password(usable["password_hash"] if usable else None, password):
        await sessions.failed(session, name, policy, now)
        return Refused.LOCKED if await sessions.locked(session, name, now) else Refused.WRONG
    assert usable is not None
    await sessions.succeeded(session, name)
    return await sessions.open_session(session, usable["id"], now)
