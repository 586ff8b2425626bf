"""The worker against a real receiver on loopback: what it sends, and what it does when the
receiver fails, is slow or is away."""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import hashlib
import hmac
import json
import time

import pytest
from sqlalchemy import update

from klantinteracties.db.models.outbox import CLOUDEVENT, DELIVERED, FAILED, NOTIFICATIE, PENDING
from klantinteracties.db.models.outbox import outbox as outbox_table
from klantinteracties.events.worker import Worker, backoff
from tests.events.delivery_helpers import (
    clear,
    cloudevent,
    drain,
    notificatie,
    partij_url,
    put,
    put_notificaties,
    rows,
    settings_for,
)
from tests.events.receiver import Receiver, running_receiver, serving, wait_for
from tests.helpers import free_port


@pytest.fixture
async def outbox(database):
    await clear(database)
    return database


def _unb64(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def _verified_claims(token: str, secret: str) -> dict:
    header, claims, signature = token.split(".")
    expected = hmac.new(secret.encode(), f"{header}.{claims}".encode(), hashlib.sha256).digest()
    assert hmac.compare_digest(_unb64(signature), expected)
    assert json.loads(_unb64(header)) == {"alg": "HS256", "typ": "JWT"}
    return json.loads(_unb64(claims))


async def test_both_kinds_with_exact_headers_and_a_verifiable_jwt(outbox):
    key = partij_url()
    bodies = [notificatie(key), cloudevent("5f1c1c8e-0ae4-4b3b-8a5b-d1e6d7b8f9a0")]
    with running_receiver() as rx:
        settings = settings_for(
            outbox, rx.url, notifications_client_id="ki", notifications_secret="geheim"
        )
        ids = await put(outbox, (NOTIFICATIE, key, bodies[0]), (CLOUDEVENT, "zaak-1", bodies[1]))
        worker = Worker(outbox, settings)
        before = int(time.time())
        await drain(worker)
        await worker.aclose()
    sent = {r.path: r for r in rx.messages()}
    assert set(sent) == {"/api/v1/notificaties", "/api/v1/cloudevents"}
    assert sent["/api/v1/notificaties"].body == bodies[0].encode()  # byte for byte
    assert sent["/api/v1/cloudevents"].body == bodies[1].encode()
    assert sent["/api/v1/notificaties"].headers["content-type"] == "application/json"
    assert sent["/api/v1/cloudevents"].headers["content-type"] == "application/cloudevents+json"
    for request in sent.values():
        assert request.method == "POST"
        scheme, token = request.headers["authorization"].split(" ")
        assert scheme == "Bearer"
        claims = _verified_claims(token, "geheim")
        assert claims["iss"] == claims["client_id"] == "ki"
        assert before <= claims["iat"] <= int(time.time())
        assert claims["user_id"] == "" and claims["user_representation"] == ""
    stored = await rows(outbox)
    for i in ids:
        assert stored[i]["status"] == DELIVERED and stored[i]["attempts"] == 1
        assert stored[i]["delivered_at"] is not None and stored[i]["claimed_until"] is None


async def test_a_literal_authorization_header_is_sent_as_it_is(outbox):
    with running_receiver() as rx:
        settings = settings_for(
            outbox,
            rx.url,
            notifications_authorization="Token abc123",
            notifications_client_id="ki",
            notifications_secret="geheim",
        )
        await put_notificaties(outbox, 1)
        worker = Worker(outbox, settings)
        await drain(worker)
        await worker.aclose()
    [request] = rx.messages()
    assert request.headers["authorization"] == "Token abc123"


async def test_a_500_is_retried_with_backoff_then_delivered(outbox):
    with running_receiver() as rx:
        rx.fail_next = 2
        settings = settings_for(
            outbox, rx.url, notifications_backoff_base=0.3, notifications_backoff_cap=10
        )
        [mid] = await put_notificaties(outbox, 1)
        worker = Worker(outbox, settings)
        started = dt.datetime.now(dt.UTC)
        assert await worker.run_once() == 1
        ended = dt.datetime.now(dt.UTC)
        after_first = await rows(outbox)
        assert after_first[mid]["status"] == PENDING and after_first[mid]["attempts"] == 1
        assert after_first[mid]["last_error"] == "HTTP 500"  # our words, never the body
        # Settled between started and ended, due between half and all of the base after that.
        due = after_first[mid]["next_attempt_at"]
        assert (due - started).total_seconds() >= 0.15 and (due - ended).total_seconds() <= 0.3
        assert await worker.run_once() == 0  # not due yet
        await drain(worker)
        await worker.aclose()
    attempts = rx.messages()
    assert len(attempts) == 3 and len(rx.delivered()) == 1
    times = [r.at for r in attempts]
    # the second wait is about twice the first (0.3 s doubled, with jitter: 0.3 to 0.6)
    assert times[1] - times[0] >= 0.15 and times[2] - times[1] >= 0.3
    final = (await rows(outbox))[mid]
    assert final["status"] == DELIVERED and final["attempts"] == 3 and final["last_error"] is None


async def test_failed_after_the_configured_attempts(outbox):
    with running_receiver() as rx:
        rx.fail_next, rx.fail_status = 100, 503
        settings = settings_for(outbox, rx.url, notifications_max_attempts=3)
        [mid] = await put_notificaties(outbox, 1)
        worker = Worker(outbox, settings)
        await drain(worker)
        await worker.aclose()
    assert len(rx.messages()) == 3
    row = (await rows(outbox))[mid]
    assert row["status"] == FAILED and row["attempts"] == 3 and row["last_error"] == "HTTP 503"
    assert "Jansen" not in json.dumps(row, default=str)


async def test_order_per_ordering_key_under_retries(outbox):
    key = partij_url()
    with running_receiver() as rx:
        rx.fail_next = 3  # the first message of the key fails three times
        settings = settings_for(outbox, rx.url, notifications_batch_size=10)
        ids = await put_notificaties(outbox, 4, key=key)
        others = await put_notificaties(outbox, 3)
        worker = Worker(outbox, settings)
        await drain(worker)
        await worker.aclose()
    of_key = [r.json()["actie"] for r in rx.delivered() if r.json()["resourceUrl"] == key]
    assert of_key == ["create", "update", "update", "update"]
    bodies = {json.loads(r["body"])["resourceUrl"]: r for r in (await rows(outbox)).values()}
    assert len(bodies) == 4  # one key for four messages, three keys of their own
    stored = await rows(outbox)
    delivered_at = [stored[i]["delivered_at"] for i in ids]
    assert delivered_at == sorted(delivered_at)
    assert all(stored[i]["status"] == DELIVERED for i in ids + others)


async def test_a_failed_message_no_longer_holds_up_its_key(outbox):
    key = partij_url()
    with running_receiver() as rx:
        rx.fail_next = 2
        settings = settings_for(outbox, rx.url, notifications_max_attempts=2)
        first, second = await put_notificaties(outbox, 2, key=key)
        worker = Worker(outbox, settings)
        await drain(worker)
        await worker.aclose()
    stored = await rows(outbox)
    assert stored[first]["status"] == FAILED and stored[second]["status"] == DELIVERED


async def test_messages_pile_up_while_the_receiver_is_away_then_all_arrive(outbox):
    receiver = Receiver(free_port())  # nothing listens on its port yet
    settings = settings_for(outbox, receiver.url, notifications_max_attempts=50)
    ids = await put_notificaties(outbox, 30)
    worker = Worker(outbox, settings)
    stop = asyncio.Event()
    task = asyncio.create_task(worker.run(stop))
    await asyncio.sleep(0.5)
    stored = await rows(outbox)
    assert all(stored[i]["status"] == PENDING for i in ids)
    assert {stored[i]["last_error"] for i in ids} == {"connection refused"}
    assert all(stored[i]["attempts"] >= 1 for i in ids)
    with serving(receiver):
        await wait_for(lambda: len(receiver.delivered()) >= 30)
        stop.set()
        await task
    await worker.aclose()
    sent = sorted(r.json()["resourceUrl"] for r in receiver.delivered())
    assert sent == sorted(json.loads(r["body"])["resourceUrl"] for r in stored.values())
    assert all(r["status"] == DELIVERED for r in (await rows(outbox)).values())


async def test_a_hanging_receiver_is_a_timeout(outbox):
    with running_receiver() as rx:
        rx.hang = True
        settings = settings_for(outbox, rx.url, notifications_timeout=0.3)
        [mid] = await put_notificaties(outbox, 1)
        worker = Worker(outbox, settings)
        assert await worker.run_once() == 1
        await worker.aclose()
    row = (await rows(outbox))[mid]
    assert row["status"] == PENDING and row["last_error"] == "timeout"


def test_backoff_doubles_is_capped_and_jittered():
    waits = [backoff(n, 1.0, 10.0) for n in range(1, 8)]
    for n, wait in enumerate(waits, start=1):
        ceiling = min(10.0, 2 ** (n - 1))
        assert ceiling / 2 <= wait <= ceiling
    assert len({backoff(3, 1.0, 10.0) for _ in range(20)}) > 1


async def test_the_worker_purges_delivered_messages_past_the_retention(outbox):
    old, recent, failed = await put_notificaties(outbox, 3)
    long_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=3)
    async with outbox.write_engine.begin() as conn:
        await conn.execute(
            update(outbox_table)
            .where(outbox_table.c.id.in_([old, recent]))
            .values(status=DELIVERED, delivered_at=long_ago)
        )
        await conn.execute(
            update(outbox_table)
            .where(outbox_table.c.id.in_([recent]))
            .values(delivered_at=dt.datetime.now(dt.UTC))
        )
        await conn.execute(
            update(outbox_table)
            .where(outbox_table.c.id == failed)
            .values(status=FAILED, created_at=long_ago)
        )
    settings = settings_for(outbox, "http://127.0.0.1:9", notifications_retention_days=2)
    worker = Worker(outbox, settings)
    await worker.purge_if_due()
    await worker.aclose()
    assert set(await rows(outbox)) == {recent, failed}
