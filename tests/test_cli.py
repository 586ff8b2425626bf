"""The command line and the server as a real process, against the test database."""

from __future__ import annotations

import asyncio
import os
import stat
import sys

import httpx

from klantinteracties.core.db import Database
from tests.helpers import app_client, server_process, status_within


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


async def test_token_lifecycle(database, token):
    code, key, _ = await run_cli(database, "token", "create", "portal", "--scope", "partijen:read")
    assert code == 0
    key = key.strip()
    assert len(key) == 64
    code, listing, _ = await run_cli(database, "token", "list")
    assert "portal" in listing and key[:8] in listing and key not in listing
    headers = {"Authorization": f"Token {key}"}
    async with app_client(database) as (http, _app):  # the default token cache
        assert (await http.get("/categorieen", headers=headers)).status_code == 200
        assert (await http.post("/categorieen", json={}, headers=headers)).status_code == 403

        code, _, _ = await run_cli(database, "token", "revoke", "portal")
        assert code == 0
        # Another process's revocation reaches a server's token cache within a second.
        await status_within(lambda: http.get("/categorieen", headers=headers), 401)
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


async def test_token_create_refuses_unknown_scopes_and_empty_names(database, token):
    code, out, err = await run_cli(database, "token", "create", "x", "--scope", "partij:read")
    assert code == 2 and out == ""
    assert "partij:read" in err and "partijen" in err and len(err.strip().splitlines()) == 1
    code, _, err = await run_cli(database, "token", "create", "  ")
    assert code == 2 and "name" in err
    code, _, listing = await run_cli(database, "token", "list")
    assert "partij:read" not in listing


async def test_a_duplicate_token_name_is_one_clear_line(database, token):
    code, _, err = await run_cli(database, "token", "create", "tests")
    assert code == 1
    assert err.strip().startswith("A token named 'tests' already exists")
    assert len(err.strip().splitlines()) == 1


async def test_token_create_on_a_fresh_data_directory_migrates(tmp_path):
    data = tmp_path / "fresh"
    env = {**os.environ, "KLANTINTERACTIES_DATA_DIR": str(data)}
    env.pop("DATABASE_URL", None)
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "klantinteracties", "token", "create", "first",
        env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = await proc.communicate()
    assert proc.returncode == 0, err.decode()
    assert len(out.decode().strip()) == 64
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert stat.S_IMODE((data / "klantinteracties.db").stat().st_mode) == 0o600


async def test_a_wrong_database_url_is_one_line(database):
    for url in ("postgres://u@h/db", "mysql://x", "not a url"):
        env = {**os.environ, "DATABASE_URL": url}
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "klantinteracties", "token", "list",
            env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        _, err = await proc.communicate()
        assert proc.returncode == 2
        lines = err.decode().strip().splitlines()
        assert len(lines) == 1 and "postgresql+asyncpg://" in lines[0], lines
