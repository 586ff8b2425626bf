"""Staff accounts and sessions made directly in the test database."""

from __future__ import annotations

from sqlalchemy import delete, select

from klantinteracties.beheer import sessions, staff
from klantinteracties.beheer.passwords import hash_password
from klantinteracties.core.auth import utcnow
from klantinteracties.db.models import staff as staff_table
from klantinteracties.db.models import staff_login_failure, staff_session

PASSWORD = "correct horse battery"


async def clear_staff(database) -> None:
    async with database.session(write=True) as session:
        for table in (staff_session, staff_login_failure, staff_table):
            await session.execute(delete(table))
        await session.commit()


async def make_staff(database, name: str, role: str = staff.BEHEERDER) -> None:
    async with database.session(write=True) as session:
        await staff.create(session, name, role, await hash_password(PASSWORD))


async def open_session(database, name: str) -> str:
    async with database.session(write=True) as session:
        found = await session.scalar(select(staff_table.c.id).where(staff_table.c.name == name))
        return await sessions.open_session(session, found, utcnow())
