"""``db backup`` and ``db restore`` on both databases, through the real CLI and a real server:
back up, wipe, restore, and the API shows the same resources as before."""

from __future__ import annotations

import asyncio
import os
import stat
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from klantinteracties.core.db import Database
from tests.api.klantcontacten_helpers import KC, make_partij, post, ref
from tests.conftest import POSTGRES_URL, _create_pg_database, _drop_pg_database
from tests.helpers import API_PATH, server_process

LISTS = ("/categorieen", "/partijen", "/partij-identificatoren", "/klantcontacten", "/betrokkenen")
BSN = {
    "codeObjecttype": "natuurlijk_persoon",
    "codeSoortObjectId": "bsn",
    "codeRegister": "brp",
}


@pytest.fixture
async def fresh(database: Database, tmp_path: Path) -> AsyncIterator[str]:
    """A database of its own (of the backend under test), so that wiping it harms no one."""
    if database.sqlite:
        yield f"sqlite+aiosqlite:///{tmp_path / 'data' / 'ki.db'}"
        return
    url = await _create_pg_database()
    try:
        yield url
    finally:
        await _drop_pg_database(url)


async def cli(url: str, *args: str, **env: str) -> tuple[int, str, str]:
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "klantinteracties",
        *args,
        env={**os.environ, "DATABASE_URL": url, **env},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await proc.communicate()
    return proc.returncode or 0, out.decode(), err.decode()


def _remove_sqlite_files(path: Path) -> None:
    for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        name.unlink(missing_ok=True)


async def wipe(url: str) -> None:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        _remove_sqlite_files(Path(str(parsed.database)))
        return
    await _drop_pg_database(url)
    admin = create_async_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    async with admin.connect() as conn:
        await conn.execute(text(f'CREATE DATABASE "{parsed.database}"'))
    await admin.dispose()


async def snapshot(url: str, key: str) -> dict[str, Any]:
    async with (
        server_process(url) as (origin, _),
        httpx.AsyncClient(
            base_url=origin + API_PATH, headers={"Authorization": f"Token {key}"}
        ) as http,
    ):
        out = {}
        for path in LISTS:
            r = await http.get(path, params={"pageSize": 100})
            assert r.status_code == 200, r.text
            # Each server gets a port of its own, and links carry it.
            out[path] = orjson.loads(r.text.replace(origin, "http://server"))
        return out


async def fill(url: str, key: str, naam: str, bsn: str) -> None:
    async with (
        server_process(url) as (origin, _),
        httpx.AsyncClient(
            base_url=origin + API_PATH, headers={"Authorization": f"Token {key}"}
        ) as http,
    ):
        await post(http, "/categorieen", {"naam": naam})
        partij = await make_partij(http, {**BSN, "objectId": bsn})
        kc = await post(http, "/klantcontacten", KC)
        body = {"hadKlantcontact": ref(kc), "wasPartij": ref(partij), "rol": "klant"}
        await post(http, "/betrokkenen", {**body, "initiator": True})


async def test_back_up_wipe_restore_compare(fresh, tmp_path):
    code, key, err = await cli(fresh, "token", "create", "backup-test")
    assert code == 0, err
    key = key.strip()
    await fill(fresh, key, "voor", "111222333")
    before = await snapshot(fresh, key)
    assert all(before[path]["count"] >= 1 for path in LISTS), before

    file = tmp_path / "ki.backup"
    code, out, err = await cli(fresh, "db", "backup", str(file))
    assert code == 0 and "Backed up" in out, err
    assert stat.S_IMODE(file.stat().st_mode) == 0o600  # it holds personal data
    await fill(fresh, key, "na", "123456782")  # written after the backup: gone after the restore

    await wipe(fresh)
    code, out, err = await cli(fresh, "db", "restore", str(file))
    assert code == 0 and "Restored" in out, err
    assert await snapshot(fresh, key) == before

    # And over a database in use (stopped, not wiped): what came later goes.
    await fill(fresh, key, "later", "123456782")
    code, out, err = await cli(fresh, "db", "restore", str(file))
    assert code == 0, err
    assert await snapshot(fresh, key) == before


async def test_restore_refuses_what_is_not_a_backup(fresh, tmp_path):
    other = tmp_path / "other.backup"
    other.write_bytes(b"PGDMP" if fresh.startswith("sqlite") else b"SQLite format 3\x00")
    code, _, err = await cli(fresh, "db", "restore", str(other))
    assert code == 1 and len(err.strip().splitlines()) == 1 and "not a" in err, err
    code, _, err = await cli(fresh, "db", "restore", str(tmp_path / "absent"))
    assert code == 1 and "no such file" in err, err


async def test_postgresql_without_its_tools_says_so(fresh, tmp_path):
    if fresh.startswith("sqlite"):
        pytest.skip("SQLite needs no tools")
    code, _, err = await cli(fresh, "db", "backup", str(tmp_path / "x"), PATH=str(tmp_path))
    assert code == 1 and "pg_dump is not on PATH" in err, err
