"""``klantinteracties worker`` and ``serve --with-worker`` as real processes: killed, stopped,
several at once, and inside the server."""

from __future__ import annotations

import asyncio
import json
import signal
import time
from collections import Counter

import pytest

from klantinteracties.db.models.outbox import DELIVERED
from tests.events.delivery_helpers import clear, put_notificaties, rows, start_worker
from tests.events.receiver import running_receiver, wait_for
from tests.helpers import server_process


@pytest.fixture
async def outbox(database):
    await clear(database)
    return database


async def _all_delivered(db, ids, within: float = 30.0) -> dict:
    deadline = time.monotonic() + within
    while True:
        stored = await rows(db)
        if all(stored[i]["status"] == DELIVERED for i in ids):
            return stored
        if time.monotonic() > deadline:
            raise AssertionError("not everything was delivered in time")
        await asyncio.sleep(0.1)


async def test_a_killed_worker_s_messages_are_sent_again_after_its_lease(outbox):
    lease = {"KLANTINTERACTIES_NOTIFICATIONS_LEASE": "2"}
    with running_receiver() as rx:
        rx.hang = True
        ids = await put_notificaties(outbox, 5)
        first = await start_worker(outbox, rx.url, **lease)
        await wait_for(lambda: len(rx.messages()) == 5)  # all five on the wire, unanswered
        first.kill()  # SIGKILL: no chance to settle anything
        await first.wait()
        killed_at = time.monotonic()
        seen = len(rx.requests)
        rx.hang = False
        second = await start_worker(outbox, rx.url, **lease)
        try:
            stored = await _all_delivered(outbox, ids)
        finally:
            second.terminate()
            await second.communicate()
    again = rx.requests[seen:]
    assert len(again) == 5 and all(r.ok for r in again)
    assert min(r.at for r in again) >= killed_at + 1.0  # only once the lease had passed
    sent = Counter(r.json()["resourceUrl"] for r in rx.messages())
    assert set(sent.values()) == {2}  # at least once: here each exactly twice
    assert {json.loads(stored[i]["body"])["resourceUrl"] for i in ids} == set(sent)


async def test_sigterm_finishes_the_messages_in_hand(outbox):
    with running_receiver() as rx:
        rx.hang = True
        [mid] = await put_notificaties(outbox, 1)
        worker = await start_worker(outbox, rx.url)
        await wait_for(lambda: len(rx.messages()) == 1)
        worker.send_signal(signal.SIGTERM)
        await asyncio.sleep(0.3)
        assert worker.returncode is None  # still waiting for its answer
        rx.hang = False
        _, err = await asyncio.wait_for(worker.communicate(), 15)
    assert worker.returncode == 0, err.decode()
    assert (await rows(outbox))[mid]["status"] == DELIVERED
    assert len(rx.messages()) == 1


async def test_two_workers_on_postgresql_never_send_a_message_twice(outbox):
    if outbox.sqlite:
        pytest.skip("SQLite runs one worker")
    small = {"KLANTINTERACTIES_NOTIFICATIONS_BATCH_SIZE": "5"}
    with running_receiver() as rx:
        ids = await put_notificaties(outbox, 400)
        workers = [await start_worker(outbox, rx.url, **small) for _ in range(2)]
        try:
            await _all_delivered(outbox, ids, within=60)
        finally:
            for w in workers:
                w.terminate()
            codes = [(await w.wait()) for w in workers]
    assert codes == [0, 0]
    sent = Counter(r.json()["resourceUrl"] for r in rx.messages())
    assert len(sent) == 400 and set(sent.values()) == {1}


@pytest.mark.parametrize("flag", ["--with-worker", None, "--no-with-worker"])
async def test_serve_delivers_when_its_worker_runs(outbox, flag):
    expected = flag == "--with-worker" or (flag is None and outbox.sqlite)
    with running_receiver() as rx:
        env = {"KLANTINTERACTIES_NOTIFICATIONS_URL": rx.url}
        env["KLANTINTERACTIES_NOTIFICATIONS_POLL_INTERVAL"] = "0.05"
        args = (flag,) if flag else ()
        async with server_process(outbox.url, env=env, args=args):
            ids = await put_notificaties(outbox, 3)
            if expected:
                await _all_delivered(outbox, ids)
            else:
                await asyncio.sleep(1.5)
    assert len(rx.delivered()) == (3 if expected else 0)
