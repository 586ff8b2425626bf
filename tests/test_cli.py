"""The command line and the server as a real process, against the test database."""

from __future__ import annotations

import asyncio
import os
import sys

import httpx

from klantinteracties.core.db import Database
from tests.helpers import server_process


async def run_cli(database: Database, *args: str) -> tuple[int, str, str]:
    env = {**os.environ, "DATABASE_URL": database.url}
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "klantinteracties",
        *args,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await proc.communicate()
    return proc.returncode or 0, out.decode(), err.decode()


async def test_token_lifecycle(database, anon, token):
    code, key, _ = await run_cli(database, "token", "create", "portal", "--scope", "partijen:read")
    assert code == 0
    key = key.strip()
    assert len(key) == 64
    code, listing, _ = await run_cli(database, "token", "list")
    assert "portal" in listing and key[:8] in listing and key not in listing
    headers = {"Authorization": f"Token {key}"}
    assert (await anon.get("/categorieen", headers=headers)).status_code == 200
    assert (await anon.post("/categorieen", json={}, headers=headers)).status_code == 403

    code, _, _ = await run_cli(database, "token", "revoke", "portal")
    assert code == 0
    assert (await anon.get("/categorieen", headers=headers)).status_code == 401
    code, _, err = await run_cli(database, "token", "revoke", "portal")
    assert code == 1 and "No active token" in err
    code, _, _ = await run_cli(database, "token", "create", "tests")  # identifier exists
    assert code == 1


async def test_db_upgrade_is_idempotent(database):
    code, out, _ = await run_cli(database, "db", "upgrade")
    assert code == 0 and "up to date" in out


async def test_serve_starts_and_answers(database, token):
    async with server_process(database.url) as (origin, _proc):
        base = f"{origin}/klantinteracties/api/v1"
        async with httpx.AsyncClient() as http:
            r = await http.get(f"{base}/")
            assert r.status_code == 200 and r.json()["categorieen"] == f"{base}/categorieen"
            r = await http.get(f"{base}/categorieen", headers={"Authorization": f"Token {token}"})
            assert r.status_code == 200 and r.headers["API-version"] == "0.9.0"
