"""Checkpoints of an import run (klantinteracties/importers): per source and step, the source
key of the last row whose batch committed. A row exists only while a run is unfinished; a run
that completes removes its rows, so the next run reads everything again (and, being idempotent,
changes nothing)."""

from sqlalchemy import BigInteger, Column, PrimaryKeyConstraint, String, Table

from klantinteracties.core.types import UTCDateTime

from .base import metadata

import_checkpoint = Table(
    "import_checkpoint",
    metadata,
    # Which source: a fingerprint of it without credentials (host, port, database name).
    Column("source", String(200), nullable=False),
    Column("step", String(60), nullable=False),
    Column("last_id", BigInteger, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    PrimaryKeyConstraint("source", "step", name="pk_import_checkpoint"),
)
