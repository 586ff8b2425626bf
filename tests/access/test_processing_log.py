"""The writer's door: the subject hash in Python and SQL, log_template (also as a CTE of a read),
write, trace context, the key, and the append-only table on PostgreSQL. Records written here are
read back through the audit API."""

from __future__ import annotations

import pytest
from sqlalchemy import literal, select, text, union_all
from sqlalchemy.exc import DBAPIError

from klantinteracties.access.hashing import (
    _pads,
    hash_params,
    subject_hash,
    subject_hash_template,
)
from klantinteracties.access.processing_log import (
    SubjectKey,
    load_key,
    log_params,
    log_template,
    new_span_id,
    new_trace_id,
    parse_traceparent,
)
from klantinteracties.db.models import processing_log
from tests.access.audit_helpers import BSN, KVK, activity, key_of, log


def dialect(database) -> str:
    return "sqlite" if database.sqlite else "postgresql"


@pytest.mark.parametrize("key", [b"k", b"0123456789abcdef" * 4, b"x" * 100, "sleutel-ë".encode()])
@pytest.mark.parametrize("value", [BSN, KVK, "", "naïef"])
async def test_sql_hash_equals_python_hash(database, key, value, count_statements):
    async with database.session() as session:
        with count_statements() as counter:
            stmt = select(subject_hash_template(dialect(database), literal(value)))
            params = hash_params(dialect(database), key)
            got = (await session.execute(stmt, params)).scalar()
    assert got == subject_hash(key, value)
    assert len(got) == 64
    # The key and its pads are parameters, never part of the SQL text (which may be logged).
    sql = " ".join(counter.statements)
    for secret in (key, *_pads(key)):
        assert secret.hex() not in sql and repr(secret) not in sql


async def test_the_log_template_writes_one_row_per_subject(app, database, audit):
    key = await key_of(app, database)
    act = activity()
    subjects = select(
        union_all(
            select(literal(BSN).label("value"), literal("bsn").label("type")),
            select(literal(KVK), literal("kvk")),
        ).subquery()
    )
    insert = log_template(subjects, dialect(database))
    params = log_params(act, key, dialect(database))
    async with database.session(write=True) as session:
        if database.sqlite:
            await session.execute(insert, params)
        else:  # as the lead runs it: the insert a data-modifying CTE of the read itself
            read = select(literal("gelezen").label("x")).add_cte(insert.cte("log"))
            assert (await session.execute(read, params)).scalars().all() == ["gelezen"]
        await session.commit()
    r = await audit.get("/dataverwerkingen", params={"traceId": act.trace_id})
    assert r.status_code == 200, r.text
    rows = r.json()["results"]
    assert sorted((x["dataSubjectType"], x["dataSubjectId"]) for x in rows) == sorted(
        [("bsn", subject_hash(key, BSN)), ("kvk", subject_hash(key, KVK))]
    )
    assert all(x["endTime"] >= x["startTime"] for x in rows)
    assert {x["spanId"] for x in rows} == {act.span_id}


async def test_the_identifier_is_stored_nowhere(app, database, audit):
    await log(app, database, activity(), [(BSN, "bsn"), (KVK, "kvk")])
    async with database.session() as session:
        rows = (await session.execute(select(processing_log))).all()
    assert len(rows) == 2
    for row in rows:
        assert not any(BSN in str(v) or KVK in str(v) for v in row)


async def test_write_with_no_subjects_writes_nothing(app, database, audit):
    act = activity()
    await log(app, database, act, [])
    r = await audit.get("/dataverwerkingen", params={"traceId": act.trace_id})
    assert r.json()["count"] == 0


async def test_the_key_is_made_once_and_kept(app, database, audit):
    first = await key_of(app, database)
    async with database.session() as session:
        assert await SubjectKey().get(session) == first  # another process finds the same one
        assert await load_key(session, "geconfigureerd") == b"geconfigureerd"
    assert len(first) == 64


def test_traceparent():
    trace, parent = "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7"
    assert parse_traceparent(f"00-{trace}-{parent}-01") == (trace, parent)
    assert parse_traceparent(f"01-{trace}-{parent}-01-later") == (trace, parent)
    for bad in (
        None,
        "",
        f"00-{trace}-{parent}-01-extra",  # version 00 has four parts
        f"ff-{trace}-{parent}-01",
        f"00-{'0' * 32}-{parent}-01",
        f"00-{trace}-{'0' * 16}-01",
        f"00-{trace.upper()}-{parent}-01",
        f"00-{trace[:-1]}-{parent}-01",
        "garbage",
    ):
        assert parse_traceparent(bad) is None, bad
    assert len(new_trace_id()) == 32 and len(new_span_id()) == 16
    assert new_trace_id() != new_trace_id()


def test_an_activity_refuses_malformed_ids():
    with pytest.raises(ValueError):
        activity(trace_id="0" * 32)
    with pytest.raises(ValueError):
        activity(operation="lezen")


async def test_append_only_on_postgresql(app, database, audit):
    if database.sqlite:
        pytest.skip("SQLite has no such trigger; there the file's permissions guard the log")
    await log(app, database, activity(), [(BSN, "bsn")])
    for sql in (
        "UPDATE processing_log SET name = 'x'",
        "DELETE FROM processing_log",
        "TRUNCATE processing_log",
    ):
        with pytest.raises(DBAPIError, match="append-only"):
            async with database.write_engine.begin() as conn:
                await conn.execute(text(sql))
    async with database.write_engine.begin() as conn:
        # the flag only `audit prune` sets lets a DELETE through, for its own transaction
        await conn.execute(
            text("SELECT set_config('klantinteracties.processing_log_prune', 'on', true)")
        )
        assert (await conn.execute(text("DELETE FROM processing_log"))).rowcount == 1
    with pytest.raises(DBAPIError, match="append-only"):
        async with database.write_engine.begin() as conn:
            await conn.execute(text("DELETE FROM processing_log"))
