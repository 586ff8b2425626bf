"""``klantinteracties notifications ...`` as real processes on the test database."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import update

from klantinteracties.db.models.outbox import DELIVERED, FAILED, PENDING, outbox
from klantinteracties.events.kanalen import KANALEN
from tests.events.delivery_helpers import clear, cli, put_notificaties, rows
from tests.events.receiver import running_receiver

NO_RECEIVER = "http://127.0.0.1:9/api/v1"  # the CLI's database commands never call it


@pytest.fixture
async def box(database):
    await clear(database)
    return database


async def _set(db, ids, **values) -> None:
    async with db.write_engine.begin() as conn:
        await conn.execute(update(outbox).where(outbox.c.id.in_(ids)).values(**values))


async def test_list_shows_state_without_bodies_and_the_backlog(box):
    pending, failed, delivered = await put_notificaties(box, 3)
    await _set(box, [failed], status=FAILED, attempts=10, last_error="HTTP 500")
    now = dt.datetime.now(dt.UTC)
    await _set(box, [delivered], status=DELIVERED, attempts=1, delivered_at=now)
    code, out, err = await cli(box, NO_RECEIVER, "notifications", "list", "--format", "json")
    assert code == 0, err
    listed = [json.loads(line) for line in out.splitlines()]
    assert [m["id"] for m in listed] == [pending, failed, delivered]
    assert [m["status"] for m in listed] == [PENDING, FAILED, DELIVERED]
    assert listed[1]["last_error"] == "HTTP 500" and listed[1]["attempts"] == 10
    assert all("body" not in m for m in listed) and "kenmerken" not in out
    assert "pending 1, failed 1, oldest pending" in err
    code, out, _ = await cli(box, NO_RECEIVER, "notifications", "list", "--failed")
    [line] = out.splitlines()
    fields = line.split("\t")
    assert fields[0] == str(failed) and FAILED in fields and "HTTP 500" in fields
    code, out, _ = await cli(box, NO_RECEIVER, "notifications", "list", "--body")
    assert out.count("kenmerken") == 3


async def test_retry_one_and_all_failed(box):
    ids = await put_notificaties(box, 3)
    await _set(box, ids[:2], status=FAILED, attempts=10, last_error="timeout")
    await _set(box, ids[2:], status=DELIVERED, attempts=1)
    code, out, _ = await cli(box, NO_RECEIVER, "notifications", "retry", str(ids[0]))
    assert code == 0 and "1 messages" in out
    stored = await rows(box)
    assert stored[ids[0]]["status"] == PENDING and stored[ids[0]]["attempts"] == 0
    assert stored[ids[1]]["status"] == FAILED
    code, _, err = await cli(box, NO_RECEIVER, "notifications", "retry", str(ids[2]))
    assert code == 1 and "delivered" in err
    assert (await rows(box))[ids[2]]["status"] == DELIVERED
    code, out, _ = await cli(box, NO_RECEIVER, "notifications", "retry", "--all-failed")
    assert code == 0 and "1 messages" in out
    assert (await rows(box))[ids[1]]["status"] == PENDING
    code, _, err = await cli(box, NO_RECEIVER, "notifications", "retry")
    assert code == 2 and "--all-failed" in err


async def test_purge_deletes_only_what_was_delivered_before_the_date(box):
    old, recent, failed = await put_notificaties(box, 3)
    await _set(box, [old], status=DELIVERED, delivered_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    await _set(box, [recent], status=DELIVERED, delivered_at=dt.datetime.now(dt.UTC))
    await _set(box, [failed], status=FAILED)
    args = ("notifications", "purge", "--delivered-before", "2026-06-01")
    code, out, _ = await cli(box, NO_RECEIVER, *args)
    assert code == 0 and "Deleted 1 " in out
    assert set(await rows(box)) == {recent, failed}
    code, _, err = await cli(box, NO_RECEIVER, "notifications", "purge", "--delivered-before", "x")
    assert code == 2 and "ISO 8601" in err


async def test_register_kanalen_is_idempotent(box):
    with running_receiver() as rx:
        link = {"KLANTINTERACTIES_NOTIFICATIONS_DOCUMENTATION_LINK": "https://docs.example/n"}
        code, out, err = await cli(box, rx.url, "notifications", "register-kanalen", **link)
        assert code == 0, err
        assert out.splitlines() == [f"{k.naam}: registered" for k in KANALEN]
        code, out, _ = await cli(box, rx.url, "notifications", "register-kanalen", **link)
        assert code == 0
        assert out.splitlines() == [f"{k.naam}: already registered" for k in KANALEN]
    posted = [r.json() for r in rx.requests if r.method == "POST"]
    assert posted == [
        {
            "naam": k.naam,
            "documentatieLink": f"https://docs.example/n#{k.naam}",
            "filters": list(k.kenmerken),
        }
        for k in KANALEN
    ]
    gets = [r for r in rx.requests if r.method == "GET"]
    assert len(gets) == 2 * len(KANALEN)
    assert gets[0].query == "naam=partijen" and gets[0].path == "/api/v1/kanaal"


async def test_register_kanalen_says_why_it_cannot(box):
    code, _, err = await cli(box, NO_RECEIVER, "notifications", "register-kanalen")
    assert code == 1 and "cannot be reached: connection refused" in err


async def test_without_a_notificaties_api_the_worker_refuses_to_start(box):
    code, _, err = await cli(box, "", "worker")
    assert code == 2 and "KLANTINTERACTIES_NOTIFICATIONS_URL" in err
