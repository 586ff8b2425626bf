"""The delivery worker: sends the outbox to the Notificaties API, at least once, in order per
resource (``klantinteracties worker``, or inside ``serve --with-worker``).

Each round claims a batch (events/queue.py), sends it with no transaction open (on SQLite a
write transaction held during HTTP would stop every API write), and settles it: delivered, a
retry after an exponential, capped and jittered wait, or failed after the last attempt. A
worker that stops between sending and settling (killed, or its database gone) loses its claim
when the lease passes, and the messages are sent again: receivers must bear a repeat.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import random
import time
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager, suppress

from klantinteracties.core.db import Database
from klantinteracties.settings import Settings

from . import queue
from .client import NotificationsClient

log = logging.getLogger("klantinteracties.events")
PURGE_EVERY = 600.0  # seconds between two purges of delivered messages


def backoff(attempts: int, base: float, cap: float, rng: random.Random | None = None) -> float:
    """Seconds before attempt ``attempts + 1``: base doubled per attempt made, capped, then
    between half and all of that ("equal jitter"), so workers that failed together spread out."""
    ceiling = min(cap, base * 2 ** max(0, attempts - 1))
    return ceiling / 2 + (rng or random).uniform(0, ceiling / 2)


# Told of each settled batch (ops/series.py counts the attempts, when metrics are on).
SettledObserver = Callable[[Sequence[queue.Outcome]], None]


class Worker:
    def __init__(
        self, db: Database, settings: Settings, observe: SettledObserver | None = None
    ) -> None:
        self.db = db
        self.settings = settings
        self.observe = observe
        batch = settings.notifications_batch_size
        self.client = NotificationsClient(settings, max_connections=batch)
        self._next_purge = 0.0

    async def aclose(self) -> None:
        await self.client.http.aclose()

    async def run_once(self) -> int:
        """One round: claim, send, settle. Returns how many messages it handled."""
        s = self.settings
        now = dt.datetime.now(dt.UTC)
        lease = now + dt.timedelta(seconds=s.notifications_lease)
        batch = await queue.claim(
            self.db.write_engine, self.db.sqlite, now, lease, s.notifications_batch_size
        )
        if not batch:
            return 0
        errors = await asyncio.gather(*(self.client.deliver(m.kind, m.body) for m in batch))
        outcomes = [self._outcome(m, e) for m, e in zip(batch, errors, strict=True)]
        await queue.settle(self.db.write_engine, outcomes, dt.datetime.now(dt.UTC))
        if self.observe is not None:
            self.observe(outcomes)
        for o in outcomes:
            if o.error is not None:  # ids and our own words only: bodies hold personal data
                state = "retry" if o.retry_at else "failed"
                log.warning(
                    "message %s attempt %s: %s (%s)",
                    o.message.id,
                    o.message.attempts + 1,
                    o.error,
                    state,
                )
        return len(batch)

    def _outcome(self, message: queue.Claimed, error: str | None) -> queue.Outcome:
        if error is None:
            return queue.Outcome(message)
        s = self.settings
        made = message.attempts + 1
        if made >= s.notifications_max_attempts:
            return queue.Outcome(message, error)
        wait = backoff(made, s.notifications_backoff_base, s.notifications_backoff_cap)
        return queue.Outcome(message, error, dt.datetime.now(dt.UTC) + dt.timedelta(seconds=wait))

    async def purge_if_due(self) -> None:
        if time.monotonic() < self._next_purge:
            return
        self._next_purge = time.monotonic() + PURGE_EVERY
        days = self.settings.notifications_retention_days
        before = dt.datetime.now(dt.UTC) - dt.timedelta(days=days)
        purged = await queue.purge_delivered(self.db.write_engine, before)
        if purged:
            log.info("purged %s delivered messages", purged)

    async def run(self, stop: asyncio.Event) -> None:
        """Rounds until ``stop`` is set; the round in hand is finished first. A round that
        found work is followed at once by the next (its messages may have let the next ones of
        their keys through); one that found none waits the poll interval."""
        failures = 0
        while not stop.is_set():
            try:
                await self.purge_if_due()
                handled = await self.run_once()
                failures = 0
            except Exception as exc:  # the database away: keep trying, never stop delivering
                failures += 1
                log.error("delivery round failed (%s); trying again", type(exc).__name__)
                handled = 0
            if not handled:
                pause = self.settings.notifications_poll_interval * min(2**failures, 30)
                with suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), pause)


def in_process(settings: Settings, sqlite: bool) -> bool:
    """Whether ``serve`` runs a worker: only with a Notificaties API, and by default only on
    the embedded SQLite (on PostgreSQL run ``klantinteracties worker`` processes)."""
    if not settings.notifications_url:
        return False
    chosen = settings.notifications_with_worker
    return sqlite if chosen is None else chosen


@asynccontextmanager
async def running(
    db: Database, settings: Settings, observe: SettledObserver | None = None
) -> AsyncIterator[None]:
    """For the app's lifespan: a worker task while inside, when ``in_process`` says so."""
    if not in_process(settings, db.sqlite):
        yield
        return
    worker = Worker(db, settings, observe)
    stop = asyncio.Event()
    task = asyncio.create_task(worker.run(stop), name="notifications-worker")
    try:
        yield
    finally:
        stop.set()
        await task
        await worker.aclose()
