"""The door through which a write says what happened (notifications, docs/notifications.md).

An ``Emitter`` is set on the session of every write request by the router when notifications
are on, as the recorder of the processing log is (core/processing.py). A service that changed a
resource calls

- ``wants_before(session, collection, actie)`` before it changes or deletes it: whether the
  emitter needs the representation as it was (a destroy's message is made of it; a CloudEvent
  compares the old onderwerpobjectidentificator with the new one). Only then does the service
  read it, so with notifications off a write costs no statement more;
- ``changed(session, collection, actie, representation, before)`` inside the write's
  transaction, before the commit, with the representation the response will carry (for a
  destroy: the one read before the delete). ``announce`` does the same for several changes of
  one write, so that they cost one statement together.

Who listens, which resources notify and what the messages look like is the emitter's business
(``klantinteracties.events``); nothing here knows a resource. A session without an emitter
announces nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from .db import is_connection_error
from .errors import ProblemError

SESSION_KEY = "klantinteracties.emitter"
ACTIES = ("create", "update", "partial_update", "destroy")
log = logging.getLogger("klantinteracties")


@dataclass(frozen=True)
class Change:
    collection: str  # e.g. "partijen"
    actie: str  # one of ACTIES
    representation: Mapping[str, Any]  # as the response shows it; for destroy, as it was
    before: Mapping[str, Any] | None = None  # only when the emitter asked for it


class Emitter(Protocol):
    def wants_before(self, collection: str, actie: str) -> bool: ...

    async def emit(self, session: AsyncSession, changes: Sequence[Change]) -> None: ...


def update_actie(partial: bool) -> str:
    """PUT is an ``update``, PATCH a ``partial_update``."""
    return "partial_update" if partial else "update"


def set_emitter(session: AsyncSession, emitter: Emitter | None) -> None:
    if emitter is not None:
        session.info[SESSION_KEY] = emitter


def emitter_of(session: AsyncSession) -> Emitter | None:
    return session.info.get(SESSION_KEY)


def wants_before(session: AsyncSession, collection: str, actie: str) -> bool:
    emitter = emitter_of(session)
    return emitter is not None and emitter.wants_before(collection, actie)


async def changed(
    session: AsyncSession,
    collection: str,
    actie: str,
    representation: Mapping[str, Any],
    before: Mapping[str, Any] | None = None,
) -> None:
    await announce(session, [Change(collection, actie, representation, before)])


async def announce(session: AsyncSession, changes: Sequence[Change]) -> None:
    emitter = emitter_of(session)
    if emitter is not None and changes:
        await emitter.emit(session, changes)


def not_announced() -> ProblemError:
    """A write whose notification could not be stored is not done: a subscriber would never
    hear of it (docs/notifications.md)."""
    return ProblemError(
        503,
        "service_unavailable",
        "De notificatie van deze wijziging kon niet worden opgeslagen.",
        "De wijziging is niet uitgevoerd, omdat haar notificatie niet kon worden vastgelegd. "
        "Probeer het later opnieuw.",
        "ServiceUnavailable",
        headers={"Retry-After": "5"},
    )


async def execute_announcing(session: AsyncSession, stmt: Any) -> None:
    """Runs the statement that stores messages; a failure of the database other than a lost
    connection (which is answered 503 anyway) is answered as a notification not stored."""
    conn = await session.connection()
    try:
        await conn.execute(stmt)
    except DBAPIError as exc:
        if is_connection_error(exc):
            raise
        log.error("notification not stored (%s)", type(exc.orig).__name__)
        raise not_announced() from None
