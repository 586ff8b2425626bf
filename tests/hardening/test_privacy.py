"""Personal data where it does not belong (issue 16, point 5): logs and file modes."""

from __future__ import annotations

import asyncio
import logging
import stat
from pathlib import Path

import httpx
from sqlalchemy import text

from klantinteracties.api.categorieen.service import categorie_service
from klantinteracties.core.db import Database
from tests.helpers import problem, server_process

API = "/klantinteracties/api/v1"
BSN = "111222333"
OWN = "partijIdentificator__"


async def test_the_access_log_names_routes_not_query_values(database, token):
    # The text format (a pipe would get JSON lines: tests/ops/test_logs.py checks those).
    env = {"KLANTINTERACTIES_LOG_LEVEL": "info", "KLANTINTERACTIES_LOG_FORMAT": "text"}
    async with server_process(database.url, env, stdout=True) as (origin, proc):
        headers = {"Authorization": f"Token {token}"}
        async with httpx.AsyncClient(base_url=origin + API, headers=headers) as http:
            r = await http.get("/partijen", params={"partijIdentificator__objectId": BSN})
            assert r.status_code == 200
            by_bsn = "hadBetrokkene__wasPartij__partijIdentificator__objectId"
            r = await http.get("/klantcontacten", params={by_bsn: BSN})
            assert r.status_code == 200
            # The searches that keep the BSN out of URLs (core/search.py), paged with a link.
            r = await http.post("/partijen/_zoek?pageSize=1", json={f"{OWN}objectId": BSN})
            assert r.status_code == 200
            r = await http.post("/klantcontacten/_zoek", json={by_bsn: BSN, "expand": None})
            assert r.status_code == 200
            r = await http.post("/partijen/_zoek", json={f"{OWN}objectId": [BSN]})
            assert r.status_code == 400
            r = await http.get(f"/partijen/{BSN}")
            assert r.status_code == 404
            r = await http.head("/categorieen")
            assert r.status_code == 200
        proc.terminate()
        out, err = await asyncio.wait_for(proc.communicate(), 10)
        log = (out + err).decode()
    assert BSN not in log
    assert f'"GET {API}/partijen HTTP/1.1" 200' in log
    assert f'"GET {API}/klantcontacten HTTP/1.1" 200' in log
    assert f'"POST {API}/partijen/_zoek HTTP/1.1" 200' in log
    assert f'"POST {API}/klantcontacten/_zoek HTTP/1.1" 200' in log
    assert f'"POST {API}/partijen/_zoek HTTP/1.1" 400' in log
    assert f'"GET {API}/partijen/{{uuid}} HTTP/1.1" 404' in log
    assert f'"HEAD {API}/categorieen HTTP/1.1" 200' in log


async def test_an_unexpected_error_is_logged_without_its_message(client, monkeypatch, caplog):
    async def broken(*args, **kwargs):
        raise ValueError(f"no partij with BSN {BSN}")

    monkeypatch.setattr(categorie_service, "list_page", broken)
    with caplog.at_level(logging.ERROR, logger="klantinteracties"):
        r = await client.get("/categorieen")
    assert problem(r, 500)["code"] == "error"
    text = "\n".join(rec.getMessage() for rec in caplog.records)
    assert "ValueError (message withheld)" in text and "broken" in text  # the frames are there
    assert BSN not in text


async def test_database_errors_do_not_carry_query_values(database):
    # SQLAlchemy would otherwise put the bound values in every error message; what the database
    # itself says (PostgreSQL quotes a value it cannot cast) is withheld by the error log above.
    for engine in (database.read_engine, database.write_engine):
        assert engine.sync_engine.hide_parameters


async def test_the_embedded_database_is_private(tmp_path):
    folder = tmp_path / "data"
    path = folder / "klantinteracties.db"
    db = Database(f"sqlite+aiosqlite:///{path}")
    try:
        async with db.session(write=True) as session:
            await session.execute(text("CREATE TABLE t (x int)"))
            await session.commit()
    finally:
        await db.dispose()
    assert _mode(folder) == 0o700
    assert _mode(path) == 0o600
    for extra in folder.iterdir():  # -wal, -shm
        assert _mode(extra) == 0o600, extra


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)
