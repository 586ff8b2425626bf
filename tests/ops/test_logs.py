"""The log formats of a real server process (docs/operations.md "Logs"): JSON lines when the
streams are not terminals (here: pipes), text when asked, and never a query string, BSN, path
identifier or token."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import pty
import re
import select as io_select
import sys
from typing import Any

import httpx
from sqlalchemy import select

from klantinteracties.core.db import Database
from klantinteracties.db.models import processing_log
from tests.events.delivery_helpers import clear
from tests.helpers import API_PATH, free_port, server_process

BSN = "999990019"
TRACE = "4bf92f3577b34da6a3ce929d0e0e4736"
OTHER = "0af7651916cd43dd8448eb211c80319c"
ACCESS_FIELDS = {
    "time",
    "level",
    "logger",
    "method",
    "route",
    "status",
    "duration_ms",
    "trace_id",
    "application",
}


PARTIJ = {"soortPartij": "persoon", "indicatieActief": True, "indicatieGeheimhouding": False}
PARTIJ |= {"partijIdentificatie": {"contactnaam": {"achternaam": "Jansen"}}}


def identificator(partij: str) -> dict[str, Any]:
    """A BSN for the partij: from then on its reads are in the processing log."""
    return {
        "identificeerdePartij": {"uuid": partij},
        "partijIdentificator": {
            "codeObjecttype": "natuurlijk_persoon",
            "codeSoortObjectId": "bsn",
            "objectId": BSN,
            "codeRegister": "brp",
        },
    }


def traced(trace: str) -> dict[str, str]:
    return {"traceparent": f"00-{trace}-00f067aa0ba902b7-01"}


async def served(
    database: Database, token: str, env: dict[str, str] | None = None
) -> tuple[str, str, str]:
    """A server's stdout and stderr after a few requests (at log level info), and the uuid of
    the partij it made."""
    env = {"KLANTINTERACTIES_LOG_LEVEL": "info", **(env or {})}
    auth = {"Authorization": f"Token {token}"}
    async with server_process(database.url, env, stdout=True) as (origin, proc):
        async with httpx.AsyncClient(base_url=origin + API_PATH, headers=auth) as http:
            r = await http.post("/partijen", json=PARTIJ)
            assert r.status_code == 201, r.text
            made = r.json()["uuid"]
            r = await http.post("/partij-identificatoren", json=identificator(made))
            assert r.status_code == 201, r.text
            params = {"partijIdentificator__objectId": BSN}
            r = await http.get("/partijen", params=params, headers=traced(OTHER))
            assert r.status_code == 200
            r = await http.get("/partijen", headers=traced(TRACE))
            assert r.status_code == 200 and r.json()["count"] == 1
            r = await http.get(f"/partijen/{made}")
            assert r.status_code == 200
            r = await http.get("/partijen", headers={"Authorization": f"Token {BSN}"})
            assert r.status_code == 401
        proc.terminate()
        out, err = await asyncio.wait_for(proc.communicate(), 10)
    return out.decode(), err.decode(), made


def json_lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


async def _trace_ids(database: Database) -> set[str]:
    async with database.read_engine.connect() as conn:
        return set((await conn.execute(select(processing_log.c.trace_id))).scalars())


async def test_json_lines_by_default_when_not_a_terminal(database, token):
    out, err, made = await served(database, token)
    for secret in (BSN, token, made, "partijIdentificator", "?", "Jansen"):
        assert secret not in out + err
    lines = json_lines(out)  # every line is JSON, or this fails
    # Without the start-up probes of the API root (tests/helpers.py).
    access = [line for line in lines if line["route"] != f"{API_PATH}/"]
    assert len(access) == 6, out
    for line in access:
        assert set(line) == ACCESS_FIELDS, line
        assert line["logger"] == "klantinteracties.access" and line["level"] == "info"
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", line["time"])
        assert isinstance(line["duration_ms"], float)
    created, identified, searched, listed, one, refused = access
    assert (created["method"], created["status"]) == ("POST", 201)
    assert searched["route"] == f"{API_PATH}/partijen" and searched["method"] == "GET"
    assert searched["trace_id"] == OTHER  # the incoming traceparent's
    assert listed["trace_id"] == TRACE and listed["application"] == "tests"
    assert one["route"] == f"{API_PATH}/partijen/{{uuid}}" and one["status"] == 200
    # Read in the processing log under a trace of its own: the log line names that one.
    assert re.fullmatch(r"[0-9a-f]{32}", one["trace_id"])
    logged = {identified["trace_id"], OTHER, TRACE, one["trace_id"]}
    assert logged <= await _trace_ids(database)
    assert refused["status"] == 401 and refused["application"] is None
    assert refused["trace_id"] is None
    others = json_lines(err)
    assert others and all({"time", "level", "logger", "message"} <= set(o) for o in others)
    assert any(o["logger"] == "uvicorn.error" and "startup" in o["message"] for o in others)


async def test_text_when_asked(database, token):
    out, err, _ = await served(database, token, {"KLANTINTERACTIES_LOG_FORMAT": "text"})
    assert BSN not in out + err and token not in out + err
    assert f'"GET {API_PATH}/partijen HTTP/1.1" 200' in out
    assert not out.lstrip().startswith("{") and not err.lstrip().startswith("{")


async def test_the_worker_logs_json_too(database, token):
    """The delivery worker inside ``serve``, its Notificaties API away: its warnings are JSON
    lines on stderr, with the message id and no body."""
    await clear(database)
    env = {
        "KLANTINTERACTIES_LOG_FORMAT": "json",
        "KLANTINTERACTIES_NOTIFICATIONS_URL": "http://127.0.0.1:9/api/v1",
        "KLANTINTERACTIES_NOTIFICATIONS_WITH_WORKER": "true",
        "KLANTINTERACTIES_NOTIFICATIONS_POLL_INTERVAL": "0.05",
    }
    auth = {"Authorization": f"Token {token}"}
    async with server_process(database.url, env) as (origin, proc):
        async with httpx.AsyncClient(base_url=origin + API_PATH, headers=auth) as http:
            r = await http.post("/partijen", json=PARTIJ)
            assert r.status_code == 201, r.text
        assert proc.stderr is not None
        line = await asyncio.wait_for(proc.stderr.readline(), 20)
        while b"klantinteracties.events" not in line:
            line = await asyncio.wait_for(proc.stderr.readline(), 20)
    found = json.loads(line)
    assert found["level"] == "warning" and "attempt 1" in found["message"], found
    assert "Jansen" not in found["message"]
    await clear(database)


async def test_an_unknown_format_stops_the_start(database):
    env = {"DATABASE_URL": database.url, "KLANTINTERACTIES_LOG_FORMAT": "xml"}
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "klantinteracties",
        "serve",
        env={**os.environ, **env},
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    _, err = await asyncio.wait_for(proc.communicate(), 30)
    assert proc.returncode == 2
    assert err.decode().splitlines()[-1].startswith("KLANTINTERACTIES_LOG_FORMAT: "), err


async def test_text_on_a_terminal_json_on_a_pipe(database, token, tmp_path):
    """``auto``, per stream: stdout (the access log) a terminal, stderr a file."""
    master, terminal = pty.openpty()
    port = free_port()
    env = {**os.environ, "DATABASE_URL": database.url, "KLANTINTERACTIES_LOG_LEVEL": "info"}
    with (tmp_path / "err").open("wb") as err:
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "klantinteracties", "serve", "--port", str(port),
            env=env, stdout=terminal, stderr=err,
        )  # fmt: skip
    os.close(terminal)
    wanted = f"GET {API_PATH}/ HTTP/1.1".encode()
    try:
        async with httpx.AsyncClient() as http:
            for _ in range(200):
                with contextlib.suppress(httpx.TransportError):
                    if (await http.get(f"http://127.0.0.1:{port}{API_PATH}/")).is_success:
                        break
                await asyncio.sleep(0.1)
        seen = await asyncio.to_thread(_read_until, master, wanted)
    finally:
        proc.terminate()
        await proc.wait()
        os.close(master)
    shown = re.sub(rb"\x1b\[[0-9;]*m", b"", seen)  # on a terminal uvicorn colours its text
    assert f'"GET {API_PATH}/ HTTP/1.1" 200 OK'.encode() in shown, seen
    assert b'"route"' not in shown
    lines = json_lines((tmp_path / "err").read_text())
    assert any("startup" in line["message"] for line in lines)


def _read_until(fd: int, wanted: bytes, seconds: float = 15.0) -> bytes:
    """What a terminal shows, up to ``wanted`` (or all that came within ``seconds``)."""
    seen = b""
    while wanted not in seen and io_select.select([fd], [], [], seconds)[0]:
        seen += os.read(fd, 65536)
    return seen
