"""``klantinteracties audit query | export | prune`` as real processes on the test database."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import sys

from sqlalchemy import func, select

from klantinteracties.access.hashing import subject_hash
from klantinteracties.db.models import processing_log
from tests.access.audit_helpers import BSN, KVK, OTHER_BSN, activity, key_of, log


async def audit_cli(database, *args: str, env=None, stdin: bytes = b"") -> tuple[int, str, str]:
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "klantinteracties",
        "audit",
        *args,
        env={**os.environ, "DATABASE_URL": database.url, **(env or {})},
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await proc.communicate(stdin)
    return proc.returncode or 0, out.decode(), err.decode()


async def test_query_by_subject(app, database, audit):
    first = activity()
    await log(app, database, first, [(BSN, "bsn"), (KVK, "kvk")])
    await log(app, database, activity(), [(OTHER_BSN, "bsn")])
    code, out, _ = await audit_cli(database, "query", "--subject", BSN)
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 1 and first.trace_id in lines[0] and "\tbsn\t" in lines[0]
    assert BSN not in out
    code, out, _ = await audit_cli(
        database, "query", "--subject", "-", "--format", "json", stdin=f"{KVK}\n".encode()
    )
    assert code == 0
    [record] = [json.loads(line) for line in out.splitlines()]
    key = await key_of(app, database)
    assert record["dataSubjectId"] == subject_hash(key, KVK) and record["spanId"] == first.span_id


async def test_query_by_trace_activity_and_since(app, database, audit):
    old = activity(start_time=dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
    new = activity(trace_id=old.trace_id)
    await log(app, database, old, [(BSN, "bsn")])
    await log(app, database, new, [(BSN, "bsn")])
    code, out, _ = await audit_cli(
        database, "query", "--trace-id", old.trace_id, "--format", "json"
    )
    assert [json.loads(x)["spanId"] for x in out.splitlines()] == [old.span_id, new.span_id]
    code, out, _ = await audit_cli(
        database, "query", "--activity", old.processing_activity_id, "--since", "2026-01-01"
    )
    assert code == 0 and len(out.splitlines()) == 1 and new.span_id in out


async def test_query_needs_a_criterion(database, token):
    code, out, err = await audit_cli(database, "query", "--since", "2026-01-01")
    assert code == 2 and out == "" and "traceId" in err
    code, _, err = await audit_cli(database, "query", "--trace-id", "xyz")
    assert code == 2 and "traceId" in err


async def test_export_streams_json_lines(app, database, audit):
    acts = [activity(start_time=dt.datetime(2026, 1, d, tzinfo=dt.UTC)) for d in (1, 2, 3)]
    for act in acts:
        await log(app, database, act, [(BSN, "bsn")])
    code, out, _ = await audit_cli(database, "export")
    assert code == 0
    assert [json.loads(x)["spanId"] for x in out.splitlines()] == [a.span_id for a in acts]
    code, out, _ = await audit_cli(database, "export", "--since", "2026-01-02T00:00:00Z")
    assert [json.loads(x)["spanId"] for x in out.splitlines()] == [a.span_id for a in acts[1:]]
    code, _, err = await audit_cli(database, "export", "--since", "morgen")
    assert code == 2 and "--since" in err


async def count_records(database) -> int:
    async with database.session() as session:
        return (
            await session.execute(select(func.count()).select_from(processing_log))
        ).scalar_one()


async def test_prune(app, database, audit):
    now = dt.datetime.now(dt.UTC)
    await log(app, database, activity(start_time=now - dt.timedelta(days=100)), [(BSN, "bsn")])
    await log(app, database, activity(start_time=now - dt.timedelta(days=10)), [(BSN, "bsn")])
    code, _, err = await audit_cli(database, "prune")  # retention 0: keep for ever
    assert code == 2 and "RETENTION_DAYS" in err
    assert await count_records(database) == 2
    env = {"KLANTINTERACTIES_PROCESSING_LOG_RETENTION_DAYS": "30"}
    code, out, err = await audit_cli(database, "prune", env=env)
    assert code == 0, err
    assert out.startswith("Deleted 1 records")
    assert await count_records(database) == 1
