"""Password (and TOTP) login with lockout. A name without an (enabled) account takes the same
path as a real name with a wrong password: the same hashing work, the same failure count and
lock, the same answer; so the login page tells nobody which names exist. A wrong code counts as
a failure too, so codes cannot be guessed faster than passwords."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from . import sessions, staff, totp
from .passwords import verify_password
from .sessions import Policy


class Refused(enum.Enum):
    WRONG = "wrong"
    LOCKED = "locked"
    NO_FACTOR = "no_factor"  # the right password, but a second factor is required and unset


def _second_factor(account: dict[str, Any], code: str, now: dt.datetime) -> int | bool | None:
    """True when none is set up; else the accepted TOTP step, or None."""
    if account["totp_secret"] is None:
        return True
    return totp.accepted_step(
        account["totp_secret"], code, now.timestamp(), account["totp_last_step"]
    )


async def log_in(
    session: AsyncSession,
    name: str,
    password: str,
    code: str,
    policy: Policy,
    now: dt.datetime,
    require_totp: bool = False,
) -> str | Refused:
    """The new session's cookie value, or why not."""
    name = name.strip()[:100]
    if await sessions.locked(session, name, now):
        await verify_password(None, password)  # the same work as any other attempt
        return Refused.LOCKED
    account = await staff.by_name(session, name) if name else None
    usable = account if account is not None and account["disabled_at"] is None else None
    good = await verify_password(usable["password_hash"] if usable else None, password)
    factor = _second_factor(usable, code, now) if good and usable else None
    if factor is None:
        await sessions.failed(session, name, policy, now)
        return Refused.LOCKED if await sessions.locked(session, name, now) else Refused.WRONG
    assert usable is not None
    if factor is True and require_totp:
        return Refused.NO_FACTOR
    if not isinstance(factor, bool):
        await staff.use_step(session, usable["id"], factor)
    await sessions.succeeded(session, name)
    return await sessions.open_session(session, usable["id"], now)
