"""Reads run without a transaction of their own (no BEGIN/ROLLBACK round trips); writes run in
one transaction each. Checked on the driver's own connection, on both databases."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

from klantinteracties.core.db import Database


async def _in_transaction(database: Database, write: bool) -> bool:
    async with database.session(write=write) as session:
        await session.execute(text("SELECT 1"))
        raw = await (await session.connection()).get_raw_connection()
        driver: Any = raw.driver_connection
        # asyncpg: is_in_transaction(); aiosqlite: in_transaction (sqlite3's flag)
        return bool(
            driver.is_in_transaction() if hasattr(driver, "is_in_transaction")
            else driver.in_transaction
        )


async def test_reads_open_no_transaction_writes_do(database):
    for _ in range(2):  # and a pooled connection keeps it that way after a write used it
        assert await _in_transaction(database, write=False) is False
        assert await _in_transaction(database, write=True) is True


async def test_a_read_request_sends_only_its_own_statements(client, count_statements, database):
    await client.post("/categorieen", json={"naam": "x"})
    with count_statements() as c:
        r = await client.get("/categorieen")
    assert r.status_code == 200
    # the page (the token is cached), a SELECT after the CTE of its row choice (core/processing.py,
    # row_ids); no BEGIN, COMMIT, ROLLBACK or isolation-level statements
    assert [s.split()[0].upper() for s in c.statements] == ["WITH"]
    assert "row_ids AS" in c.statements[0] and "INSERT" not in c.statements[0].upper()
