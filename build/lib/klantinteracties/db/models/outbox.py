"""The outbox: messages for the Notificaties API, written in the same transaction as the change
they describe, and delivered at least once by the worker (klantinteracties/events).

A message's ``body`` is complete when it is written (the JSON that will be POSTed), so delivery
never reads the resource again: a later change or a delete cannot alter what an earlier message
says. ``ordering_key`` names the resource a message is about; the worker sends the messages of
one key one at a time, in ``id`` order.
"""

from sqlalchemy import Column, Index, Integer, String, Table, Text

from klantinteracties.core.types import BigIntPK, UTCDateTime

from .base import metadata

# Values of outbox.kind and of outbox.status.
NOTIFICATIE = "notificatie"  # POST {notificaties}/notificaties
CLOUDEVENT = "cloudevent"  # POST {notificaties}/cloudevents
PENDING, DELIVERED, FAILED = "pending", "delivered", "failed"

outbox = Table(
    "outbox",
    metadata,
    Column("id", BigIntPK, primary_key=True, autoincrement=True),
    Column("kind", String(20), nullable=False),
    # The kanaal of a notificatie, the CloudEvent type of a cloudevent (for listing and filters).
    Column("topic", String(100), nullable=False),
    Column("ordering_key", String(200), nullable=False),
    Column("body", Text, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("status", String(10), nullable=False, default=PENDING),
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", UTCDateTime, nullable=False),
    # A worker's claim on a message it is sending; once passed, another worker may take it (the
    # first one died). No lock is held while a message is on the wire.
    Column("claimed_until", UTCDateTime, nullable=True),
    Column("delivered_at", UTCDateTime, nullable=True),
    # Why the last attempt failed, in our own words (an HTTP status, a timeout); never the
    # receiver's response body, which may echo personal data.
    Column("last_error", String(200), nullable=True),
    Index("ix_outbox_due", "status", "next_attempt_at", "id"),
    Index("ix_outbox_ordering", "ordering_key", "id"),
    Index("ix_outbox_delivered", "delivered_at"),
)
