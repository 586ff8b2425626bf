"""Staff sessions and the lockout after failed logins, both in the database: server processes
are stateless and scale out on PostgreSQL, so a session must be found by whichever process the
next request reaches.

The cookie holds a random id (256 bits); the table holds only its SHA-256, so a copy of the
database opens no session. A session ends when it has been idle too long, when it is older than
the absolute limit, at logout, and when its account is disabled or gets a new password.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from klantinteracties.db.models import staff, staff_login_failure, staff_session

# Writing last_seen_at on every page view would make every read a write; a minute of slack in
# the idle limit is the price of not doing so.
_TOUCH_AFTER = dt.timedelta(minutes=1)


@dataclass(frozen=True)
class Policy:
    idle: dt.timedelta
    absolute: dt.timedelta
    attempts: int  # failed passwords in a row that lock a name
    lockout: dt.timedelta


@dataclass(frozen=True)
class StaffSession:
    staff_id: int
    name: str
    role: str
    csrf_token: str


def _digest(cookie: str) -> str:
    return hashlib.sha256(cookie.encode()).hexdigest()


async def open_session(session: AsyncSession, staff_id: int, now: dt.datetime) -> str:
    """A new session; returns the cookie value."""
    cookie = secrets.token_urlsafe(32)
    await session.execute(
        insert(staff_session).values(
            id_hash=_digest(cookie),
            staff_id=staff_id,
            csrf_token=secrets.token_urlsafe(32),
            created_at=now,
            last_seen_at=now,
        )
    )
    await session.commit()
    return cookie


def _alive(row: Any, policy: Policy, now: dt.datetime) -> bool:
    return (
        row["disabled_at"] is None
        and now - row["last_seen_at"] < policy.idle
        and now - row["created_at"] < policy.absolute
    )


async def find(
    session: AsyncSession, cookie: str, policy: Policy, now: dt.datetime
) -> StaffSession | None:
    """The live session of a cookie, or None (an expired one is deleted)."""
    digest = _digest(cookie)
    stmt = (
        select(staff_session, staff.c.name, staff.c.role, staff.c.disabled_at)
        .join(staff, staff.c.id == staff_session.c.staff_id)
        .where(staff_session.c.id_hash == digest)
    )
    row = (await session.execute(stmt)).mappings().first()
    if row is None:
        return None
    if not _alive(row, policy, now):
        await session.execute(delete(staff_session).where(staff_session.c.id_hash == digest))
        await session.commit()
        return None
    if now - row["last_seen_at"] >= _TOUCH_AFTER:
        await session.execute(
            update(staff_session).where(staff_session.c.id_hash == digest).values(last_seen_at=now)
        )
        await session.commit()
    return StaffSession(row["staff_id"], row["name"], row["role"], row["csrf_token"])


async def close(session: AsyncSession, cookie: str) -> None:
    await session.execute(delete(staff_session).where(staff_session.c.id_hash == _digest(cookie)))
    await session.commit()


# ---- lockout ----
async def locked(session: AsyncSession, name: str, now: dt.datetime) -> bool:
    until = await session.scalar(
        select(staff_login_failure.c.locked_until).where(staff_login_failure.c.name == name)
    )
    return until is not None and until > now


async def failed(session: AsyncSession, name: str, policy: Policy, now: dt.datetime) -> None:
    """Counts a failed password for ``name`` (existing or not); the ``policy.attempts``-th in a
    row locks it for ``policy.lockout``. A lock that has run out starts a fresh count."""
    table = staff_login_failure
    row = (await session.execute(select(table).where(table.c.name == name))).mappings().first()
    fresh = row is None or (row["locked_until"] is not None and row["locked_until"] <= now)
    failures = 1 if fresh or row is None else row["failures"] + 1
    values = {
        "failures": failures,
        "last_failure_at": now,
        "locked_until": now + policy.lockout if failures >= policy.attempts else None,
    }
    if row is None:
        try:
            await session.execute(insert(table).values(name=name, **values))
        except IntegrityError:  # a concurrent first failure of the same name: count on it
            await session.rollback()
            await failed(session, name, policy, now)
            return
    else:
        await session.execute(update(table).where(table.c.name == name).values(**values))
    await session.commit()


async def succeeded(session: AsyncSession, name: str) -> None:
    await session.execute(delete(staff_login_failure).where(staff_login_failure.c.name == name))
    await session.commit()
