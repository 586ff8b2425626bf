"""Outbox rows as the emitting side writes them (DIGEST §8.1/§8.2), the worker's settings for
tests, and ways to run the worker: in this process, or as a ``klantinteracties worker``."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import sys
import time
import uuid
from typing import Any

from sqlalchemy import delete, insert, select

from klantinteracties.core.db import Database
from klantinteracties.db.models.outbox import CLOUDEVENT, NOTIFICATIE, PENDING, outbox
from klantinteracties.events.worker import Worker
from klantinteracties.settings import Settings

BASE = "http://testserver.local/klantinteracties/api/v1"
FAST = {  # retries within a test's patience
    "notifications_backoff_base": 0.05,
    "notifications_backoff_cap": 0.2,
    "notifications_poll_interval": 0.05,
    "notifications_timeout": 5.0,
}


def notificatie(key: str, actie: str = "create") -> str:
    return json.dumps(
        {
            "kanaal": "partijen",
            "hoofdObject": key,
            "resource": "partij",
            "resourceUrl": key,
            "actie": actie,
            "aanmaakdatum": "2026-12-01T10:00:00Z",
            "kenmerken": {"nummer": "0000000001", "interneNotitie": "", "soortPartij": "persoon"},
        }
    )


def cloudevent(zaak: str) -> str:
    return json.dumps(
        {
            "id": str(uuid.uuid4()),
            "source": "urn:nld:gemeente:test",
            "specversion": "1.0",
            "type": "nl.overheid.zaken.zaak-gekoppeld",
            "subject": zaak,
            "time": "2026-12-01T10:00:00Z",
            "dataref": None,
            "datacontenttype": "application/json",
            "data": {
                "zaak": f"urn:uuid:{zaak}",
                "linkTo": f"{BASE}/onderwerpobjecten/{uuid.uuid4()}",
                "label": "Vraag over afval",
                "linkObjectType": "Onderwerpobject",
            },
        }
    )


def partij_url() -> str:
    return f"{BASE}/partijen/{uuid.uuid4()}"


async def put(db: Database, *messages: tuple[str, str, str]) -> list[int]:
    """Writes (kind, ordering_key, body) messages, due now; returns their ids in order."""
    now = dt.datetime.now(dt.UTC)
    ids = []
    async with db.write_engine.begin() as conn:
        for kind, key, body in messages:
            topic = "nl.overheid.zaken.zaak-gekoppeld" if kind == CLOUDEVENT else "partijen"
            row = {"kind": kind, "topic": topic, "ordering_key": key, "body": body}
            stmt = insert(outbox).values(
                **row, created_at=now, next_attempt_at=now, status=PENDING, attempts=0
            )
            ids.append((await conn.execute(stmt)).inserted_primary_key[0])
    return ids


async def put_notificaties(db: Database, count: int, key: str | None = None) -> list[int]:
    """``count`` notificaties, each about its own partij unless ``key`` names one for all."""
    messages = []
    for n in range(count):
        k = key or partij_url()
        messages.append((NOTIFICATIE, k, notificatie(k, "create" if n == 0 else "update")))
    return await put(db, *messages)


async def rows(db: Database) -> dict[int, dict[str, Any]]:
    async with db.read_engine.connect() as conn:
        found = (await conn.execute(select(outbox).order_by(outbox.c.id))).mappings().all()
    return {row["id"]: dict(row) for row in found}


async def clear(db: Database) -> None:
    async with db.write_engine.begin() as conn:
        await conn.execute(delete(outbox))


def settings_for(db: Database, url: str, **overrides: Any) -> Settings:
    return Settings(database_url=db.url, notifications_url=url, **{**FAST, **overrides})


async def drain(worker: Worker, within: float = 30.0) -> None:
    """Runs rounds until no message is pending any more (retries wait their backoff)."""
    deadline = time.monotonic() + within
    while any(r["status"] == PENDING for r in (await rows(worker.db)).values()):
        if time.monotonic() > deadline:
            raise AssertionError("messages still pending")
        if not await worker.run_once():
            await asyncio.sleep(0.02)


def env_for(db: Database, url: str, **extra: str) -> dict[str, str]:
    """The environment of a ``klantinteracties`` process on this database and receiver."""
    settings = {f"KLANTINTERACTIES_{k.upper()}": str(v) for k, v in FAST.items()}
    return {
        **os.environ,
        "DATABASE_URL": db.url,
        "KLANTINTERACTIES_NOTIFICATIONS_URL": url,
        **settings,
        **extra,
    }


async def cli(db: Database, url: str, *args: str, **env: str) -> tuple[int, str, str]:
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "klantinteracties",
        *args,
        env=env_for(db, url, **env),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await proc.communicate()
    return proc.returncode or 0, out.decode(), err.decode()


async def start_worker(db: Database, url: str, **env: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "klantinteracties",
        "worker",
        env=env_for(db, url, **env),
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
