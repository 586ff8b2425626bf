"""The processing log (verwerkingenlogging): one row per data subject per action, and the key
of the subject hash when none is configured. See klantinteracties/access/processing_log.py."""

from sqlalchemy import Column, Index, Integer, String, Table

from klantinteracties.core.types import BigIntPK, UTCDateTime

from .base import metadata

processing_log = Table(
    "processing_log",
    metadata,
    Column("id", BigIntPK, primary_key=True, autoincrement=True),
    Column("trace_id", String(32), nullable=False),
    Column("span_id", String(16), nullable=False),
    Column("parent_span_id", String(16), nullable=True),
    Column("name", String(200), nullable=False),
    Column("start_time", UTCDateTime, nullable=False),
    Column("end_time", UTCDateTime, nullable=False),
    Column("status", String(5), nullable=False),
    Column("application", String(200), nullable=False),
    Column("operation", String(6), nullable=False),
    Column("resource_url", String(1000), nullable=False),
    Column("data_subject_id", String(64), nullable=False),
    Column("data_subject_type", String(3), nullable=False),
    Column("processing_activity_id", String(1000), nullable=True),
    # The person who acted through the application, when it says (the beheer interface: the
    # staff member's name); NULL for API clients, whose tokens name no person.
    Column("user_id", String(200), nullable=True),
    # The audit queries: by trace, by processing activity, by data subject, each in time order;
    # start_time alone serves export --since and prune.
    Index("ix_processing_log_trace", "trace_id", "start_time"),
    Index("ix_processing_log_activity", "processing_activity_id", "start_time"),
    Index("ix_processing_log_subject", "data_subject_id", "start_time"),
    Index("ix_processing_log_start_time", "start_time"),
)

# One row (id 1): the key generated at first use when KLANTINTERACTIES_PROCESSING_LOG_KEY is
# not set, so that the embedded default works without configuration.
processing_log_key = Table(
    "processing_log_key",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("key", String(64), nullable=False),
)
