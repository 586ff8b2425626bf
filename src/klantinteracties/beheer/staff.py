"""Staff accounts: the SQL behind ``klantinteracties staff ...`` and the login."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from klantinteracties.core.auth import utcnow
from klantinteracties.db.models import staff, staff_session

BEHEERDER = "beheerder"  # reads and writes
RAADPLEGER = "raadpleger"  # reads only
ROLES = (BEHEERDER, RAADPLEGER)


async def create(
    session: AsyncSession,
    name: str,
    role: str,
    password_hash: str,
    totp_secret: str | None = None,
) -> None:
    """A new account; IntegrityError when the name is taken."""
    now = utcnow()
    await session.execute(
        insert(staff).values(
            name=name,
            role=role,
            password_hash=password_hash,
            totp_secret=totp_secret,
            created_at=now,
            updated_at=now,
        )
    )
    await session.commit()


async def list_all(session: AsyncSession) -> list[dict[str, Any]]:
    stmt = select(
        staff.c.name,
        staff.c.role,
        staff.c.disabled_at,
        staff.c.totp_secret.is_not(None).label("totp"),
    )
    return [dict(r) for r in (await session.execute(stmt.order_by(staff.c.name))).mappings()]


async def by_name(session: AsyncSession, name: str) -> dict[str, Any] | None:
    row = (await session.execute(select(staff).where(staff.c.name == name))).mappings().first()
    return dict(row) if row is not None else None


async def _change(session: AsyncSession, name: str, **values: Any) -> bool:
    """Changes an account and ends its sessions (a disabled account or a reset password must
    not leave a session open somewhere); False when there is no such account."""
    found = await session.scalar(select(staff.c.id).where(staff.c.name == name))
    if found is None:
        return False
    await session.execute(update(staff).where(staff.c.id == found).values(**values))
    await session.execute(delete(staff_session).where(staff_session.c.staff_id == found))
    await session.commit()
    return True


async def disable(session: AsyncSession, name: str) -> bool:
    now = utcnow()
    return await _change(session, name, disabled_at=now, updated_at=now)


async def set_password(session: AsyncSession, name: str, password_hash: str) -> bool:
    return await _change(session, name, password_hash=password_hash, updated_at=utcnow())


async def set_totp(session: AsyncSession, name: str, secret: str) -> bool:
    """A new second factor (replacing any earlier one); ends the account's sessions."""
    return await _change(
        session, name, totp_secret=secret, totp_last_step=None, updated_at=utcnow()
    )


async def use_step(session: AsyncSession, staff_id: int, step: int) -> None:
    """Marks a TOTP step as used, so that its code cannot log in a second time."""
    await session.execute(update(staff).where(staff.c.id == staff_id).values(totp_last_step=step))
