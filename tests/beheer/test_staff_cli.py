"""``klantinteracties staff ...`` as real processes on the test database."""

from __future__ import annotations

import asyncio
import os
import sys

from sqlalchemy import func, select

from klantinteracties.db.models import staff, staff_session
from tests.beheer.helpers import PASSWORD, clear_staff, open_session


async def staff_cli(database, *args: str, stdin: bytes = b"") -> tuple[int, str, str]:
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "klantinteracties",
        "staff",
        *args,
        env={**os.environ, "DATABASE_URL": database.url},
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await proc.communicate(stdin)
    return proc.returncode or 0, out.decode(), err.decode()


async def create(database, name: str, role: str, *options: str) -> tuple[int, str, str]:
    """``staff create NAME --role ROLE --password-stdin OPTIONS...`` with PASSWORD."""
    args = ("create", name, "--role", role, "--password-stdin", *options)
    return await staff_cli(database, *args, stdin=f"{PASSWORD}\n".encode())


async def _hash_of(database, name: str) -> str:
    async with database.session() as session:
        return await session.scalar(select(staff.c.password_hash).where(staff.c.name == name))


async def test_create_and_list(database):
    await clear_staff(database)
    code, out, _ = await create(database, "anna", "beheerder")
    assert (code, out) == (0, "Created staff account anna (beheerder).\n")
    await create(database, "bob", "raadpleger")
    code, out, _ = await staff_cli(database, "list")
    assert out.splitlines() == ["anna\tbeheerder\tactive\t-", "bob\traadpleger\tactive\t-"]
    stored = await _hash_of(database, "anna")
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


async def test_create_prompts_twice_without_stdin_option(database):
    await clear_staff(database)
    code, out, err = await staff_cli(
        database,
        "create",
        "anna",
        "--role",
        "beheerder",
        stdin=f"{PASSWORD}\n{PASSWORD}x\n{PASSWORD}\n{PASSWORD}\n".encode(),
    )
    # the first pair differs and is asked again; the second pair is taken
    assert code == 0, err
    assert "do not match" in out + err
    assert (await _hash_of(database, "anna")).startswith("$argon2id$")
    assert PASSWORD not in out + err  # hidden input is never echoed


async def test_refusals(database):
    await clear_staff(database)
    pw = f"{PASSWORD}\n".encode()
    code, _, err = await create(database, "anna", "admin")
    assert code == 2 and "Unknown role 'admin'; use beheerder or raadpleger." in err
    code, _, err = await staff_cli(
        database, "create", "anna", "--role", "beheerder", "--password-stdin", stdin=b"short\n"
    )
    assert code == 2 and "at least 12 characters" in err
    await create(database, "anna", "beheerder")
    code, _, err = await create(database, "anna", "raadpleger")
    assert code == 1 and "already exists" in err
    for command in (["disable", "nobody"], ["reset-password", "nobody", "--password-stdin"]):
        code, _, err = await staff_cli(database, *command, stdin=pw)
        assert code == 1 and "No staff account named 'nobody'." in err


async def _sessions(database) -> int:
    async with database.session() as session:
        return await session.scalar(select(func.count()).select_from(staff_session))


async def test_disable_and_reset_password_end_sessions(database):
    await clear_staff(database)
    await create(database, "anna", "beheerder")
    before = await _hash_of(database, "anna")
    await open_session(database, "anna")
    code, out, _ = await staff_cli(
        database, "reset-password", "anna", "--password-stdin", stdin=b"another long secret\n"
    )
    assert code == 0 and "sessions have ended" in out
    assert await _hash_of(database, "anna") != before and await _sessions(database) == 0
    await open_session(database, "anna")
    code, out, _ = await staff_cli(database, "disable", "anna")
    assert code == 0 and await _sessions(database) == 0
    code, out, _ = await staff_cli(database, "list")
    assert out == "anna\tbeheerder\tdisabled\t-\n"
