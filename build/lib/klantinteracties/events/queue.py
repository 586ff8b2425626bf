"""The outbox as a queue: every statement the delivery side runs (the worker and the CLI).

The database is the queue (docs/notifications.md). A worker claims messages by setting
``claimed_until`` in a short transaction of its own, sends them with no transaction open and
settles them in another short one. On PostgreSQL the claim skips rows another worker is
claiming at that moment (``FOR UPDATE SKIP LOCKED``); on SQLite, which has one writer, the
claim's write transaction is the lock.

Order: a message is claimable only while no earlier message of its ``ordering_key`` is pending
(a failed one no longer counts), so one claim holds at most one message per key, and the next
one of a key waits until the one before is delivered or has failed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, and_, bindparam, delete, exists, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from klantinteracties.db.models.outbox import DELIVERED, FAILED, PENDING, outbox

LISTED = (
    "id",
    "kind",
    "topic",
    "ordering_key",
    "status",
    "attempts",
    "created_at",
    "next_attempt_at",
    "claimed_until",
    "delivered_at",
    "last_error",
)


@dataclass(frozen=True)
class Claimed:
    """A message a worker holds until ``lease``; the lease also tells its claim from a later
    one by another worker (when this one was too slow)."""

    id: int
    kind: str
    body: str
    attempts: int
    lease: dt.datetime


@dataclass(frozen=True)
class Outcome:
    """What became of one attempt: ``error`` None is delivered; ``retry_at`` None is failed."""

    message: Claimed
    error: str | None = None
    retry_at: dt.datetime | None = None


def _claimable(now: dt.datetime, limit: int) -> Select[Any]:
    candidate = outbox.alias("candidate")
    earlier = outbox.alias("earlier")
    blocked = exists().where(
        earlier.c.ordering_key == candidate.c.ordering_key,
        earlier.c.id < candidate.c.id,
        # Wrapped so that no planner looks this up in the due index: a key has few messages,
        # but a table filled faster than PostgreSQL's statistics follow looked to it as if few
        # were pending, and every candidate then scanned all pending rows (1.3 s a claim at
        # 5000 pending instead of 1 ms).
        func.coalesce(earlier.c.status, "") == PENDING,
    )
    return (
        select(candidate.c.id)
        .where(
            candidate.c.status == PENDING,
            candidate.c.next_attempt_at <= now,
            or_(candidate.c.claimed_until.is_(None), candidate.c.claimed_until < now),
            ~blocked,
        )
        # The due index's order, so a long backlog is read from its start, not sorted first.
        .order_by(candidate.c.next_attempt_at, candidate.c.id)
        .limit(limit)
    )


async def claim(
    engine: AsyncEngine, sqlite: bool, now: dt.datetime, lease: dt.datetime, limit: int
) -> list[Claimed]:
    """Claims up to ``limit`` due messages until ``lease``, in one short transaction."""
    due = _claimable(now, limit)
    if sqlite:
        # A look without the write lock first: an idle worker polling must not queue behind
        # (or hold up) the API's writers.
        async with engine.connect() as conn:
            if (await conn.execute(due.limit(1))).first() is None:
                return []
    else:
        due = due.with_for_update(skip_locked=True)
    stmt = (
        update(outbox)
        .where(outbox.c.id.in_(due.scalar_subquery()))
        .values(claimed_until=lease)
        .returning(outbox.c.id, outbox.c.kind, outbox.c.body, outbox.c.attempts)
    )
    async with engine.begin() as conn:
        rows = (await conn.execute(stmt)).all()
    return sorted(
        (Claimed(row.id, row.kind, row.body, row.attempts, lease) for row in rows),
        key=lambda m: m.id,
    )


_DELIVERED = (
    update(outbox)
    .where(outbox.c.id == bindparam("m_id"), outbox.c.status == PENDING)
    .values(
        status=DELIVERED,
        delivered_at=bindparam("m_now"),
        attempts=outbox.c.attempts + 1,
        claimed_until=None,
        last_error=None,
    )
)
# Only under our own claim: a worker that took too long must not undo what the worker that
# took the message over has done with it.
_NOT_DELIVERED = (
    update(outbox)
    .where(
        outbox.c.id == bindparam("m_id"),
        outbox.c.status == PENDING,
        outbox.c.claimed_until == bindparam("m_lease"),
    )
    .values(
        status=bindparam("m_status"),
        next_attempt_at=bindparam("m_next"),
        attempts=outbox.c.attempts + 1,
        claimed_until=None,
        last_error=bindparam("m_error"),
    )
)


async def settle(engine: AsyncEngine, outcomes: Sequence[Outcome], now: dt.datetime) -> None:
    """Records a batch's outcomes in one short transaction."""
    delivered = [{"m_id": o.message.id, "m_now": now} for o in outcomes if o.error is None]
    others = [
        {
            "m_id": o.message.id,
            "m_lease": o.message.lease,
            "m_status": PENDING if o.retry_at else FAILED,
            "m_next": o.retry_at or now,
            "m_error": (o.error or "")[:200],
        }
        for o in outcomes
        if o.error is not None
    ]
    async with engine.begin() as conn:
        if delivered:
            await conn.execute(_DELIVERED, delivered)
        if others:
            await conn.execute(_NOT_DELIVERED, others)


async def purge_delivered(engine: AsyncEngine, before: dt.datetime) -> int:
    """Deletes delivered messages delivered before ``before``; returns how many."""
    stmt = delete(outbox).where(outbox.c.status == DELIVERED, outbox.c.delivered_at < before)
    async with engine.begin() as conn:
        return (await conn.execute(stmt)).rowcount


async def retry(engine: AsyncEngine, ids: Sequence[int] | None, now: dt.datetime) -> list[int]:
    """Makes failed (or waiting) messages due now with a fresh count of attempts; ``ids`` None:
    every failed one. Returns the ids changed (a delivered message is never sent again)."""
    where = (
        outbox.c.status == FAILED
        if ids is None
        else and_(outbox.c.id.in_(ids), outbox.c.status.in_((FAILED, PENDING)))
    )
    stmt = (
        update(outbox)
        .where(where)
        .values(status=PENDING, attempts=0, next_attempt_at=now, claimed_until=None)
        .returning(outbox.c.id)
    )
    async with engine.begin() as conn:
        return sorted((await conn.execute(stmt)).scalars())


async def listing(
    engine: AsyncEngine, failed_only: bool, limit: int, with_body: bool
) -> list[dict[str, Any]]:
    """The newest ``limit`` messages, oldest first; bodies only when asked (personal data)."""
    columns = [outbox.c[name] for name in LISTED] + ([outbox.c.body] if with_body else [])
    stmt = select(*columns).order_by(outbox.c.id.desc()).limit(limit)
    if failed_only:
        stmt = stmt.where(outbox.c.status == FAILED)
    async with engine.connect() as conn:
        rows = (await conn.execute(stmt)).mappings().all()
    return [{str(k): v for k, v in row.items()} for row in reversed(rows)]


async def counts(engine: AsyncEngine) -> tuple[int, int, dt.datetime | None]:
    """Pending messages, failed messages, and when the oldest pending one was written."""
    pending = outbox.c.status == PENDING
    stmt = select(
        func.count().filter(pending),
        func.count().filter(outbox.c.status == FAILED),
        func.min(outbox.c.created_at).filter(pending),
    ).where(outbox.c.status.in_((PENDING, FAILED)))
    async with engine.connect() as conn:
        row = (await conn.execute(stmt)).one()
    oldest = row[2]
    if isinstance(oldest, str):  # SQLite hands an aggregate back untyped
        oldest = dt.datetime.fromisoformat(oldest).replace(tzinfo=dt.UTC)
    return row[0], row[1], oldest
