"""The processing log (verwerkingenlogging): who processed whose personal data, when and why.

It follows Logius' Logboek Dataverwerkingen (LDV, a draft standard): one record per action
("Actie") per data subject ("Betrokkene"); an action without a data subject is not recorded. A
record cannot be changed, and on PostgreSQL not deleted either except by ``audit prune``
(migration 0005). The data subject is kept only as a keyed hash (access/hashing.py).

Columns, with LDV's name (core standard and the read extension's wire name) where it has one:

=========================  ===================================  ============================
column                     LDV                                  on the wire (audit API)
=========================  ===================================  ============================
trace_id (32 hex)          trace_id                             traceId
span_id (16 hex)           span_id (formerly operation_id)      spanId
parent_span_id             parent_span_id                       parentSpanId
name                       name                                 name
start_time, end_time       start_time, end_time (ms; here UTC   startTime, endTime (ISO 8601,
                           timestamps)                          as the API design rules say)
status (OK / ERROR)        status_code (Ok / Error; we never    status
                           write Unset)
application                resource.attributes (which system)   application
operation                  - (read, create, update, delete)     operation
resource_url               - (the URL processed)                resourceUrl
data_subject_id            attribute dpl.core.data_subject_id   dataSubjectId
data_subject_type          dpl.core.data_subject_id_type        dataSubjectType
processing_activity_id     dpl.core.processing_activity_id      processingActivityId
user_id                    - (who, within the application: a    userId
                           beheer staff name; else null)
=========================  ===================================  ============================

The writer's door: ``log_template`` builds an ``INSERT ... SELECT`` whose subjects come from a
query and whose values are parameters (``log_params``), so that a read can log what it read in
the same statement (on PostgreSQL as a data-modifying CTE, access/recording.py); ``write`` logs a
list of subjects. Trace
context comes from a W3C ``traceparent`` header (``parse_traceparent``) or is made anew.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from dataclasses import dataclass
from typing import Any, ClassVar

from sqlalchemy import Insert, Select, bindparam, func, insert, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from klantinteracties.core.processing import execute_logged
from klantinteracties.core.types import UTCDateTime
from klantinteracties.db.models import processing_log, processing_log_key

from .hashing import hash_params, subject_hash, subject_hash_template

Executor = AsyncSession | AsyncConnection
OPERATIONS = ("read", "create", "update", "delete")
STATUSES = ("OK", "ERROR")
SUBJECT_TYPES = ("bsn", "kvk")
_HEX = re.compile(r"^[0-9a-f]+$")


def _is_id(value: str, length: int) -> bool:
    return len(value) == length and _HEX.match(value) is not None and value != "0" * length


@dataclass(frozen=True)
class Activity:
    """One action, logged once per data subject it touched."""

    trace_id: str
    span_id: str
    name: str  # the operation, e.g. "partijenRetrieve"
    application: str  # the client (token identifier) on whose behalf it ran
    operation: str  # read | create | update | delete
    resource_url: str
    start_time: dt.datetime
    parent_span_id: str | None = None
    processing_activity_id: str | None = None
    status: str = "OK"
    user_id: str | None = None  # the beheer staff member; API tokens name no person

    def __post_init__(self) -> None:
        # Mistakes of the calling code, not of a client: no value is quoted (none is personal).
        if not _is_id(self.trace_id, 32) or not _is_id(self.span_id, 16):
            raise ValueError("trace_id must be 32 and span_id 16 lowercase hex, not all zero")
        if self.parent_span_id is not None and not _is_id(self.parent_span_id, 16):
            raise ValueError("parent_span_id must be 16 lowercase hex, not all zero")
        if self.operation not in OPERATIONS or self.status not in STATUSES:
            raise ValueError(f"operation must be one of {OPERATIONS}, status one of {STATUSES}")

    COLUMNS: ClassVar[tuple[str, ...]] = (
        "trace_id",
        "span_id",
        "parent_span_id",
        "name",
        "start_time",
        "status",
        "application",
        "operation",
        "resource_url",
        "processing_activity_id",
        "user_id",
    )

    def columns(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.COLUMNS}


def log_template(subjects: Select[Any], dialect_name: str) -> Insert:
    """``INSERT INTO processing_log ... SELECT`` one row per row of ``subjects``, a query of two
    columns: the identifier in the clear (BSN or KvK-nummer) and its type ('bsn' or 'kvk'),
    hashed in the statement (never sent back or stored). The action's values and the key are
    named parameters (``log_params``): built once per subjects query and reused, as its SQL is
    the same for every request. ``subjects`` may read a CTE that the statement running it
    defines."""
    source = subjects.subquery("log_subjects")
    value, kind = list(source.c)[:2]
    fixed = {
        name: bindparam(f"log_{name}", type_=processing_log.c[name].type)
        for name in Activity.COLUMNS
    }
    values = {
        **fixed,
        "end_time": _now_sql(dialect_name),
        "data_subject_id": subject_hash_template(dialect_name, value),
        "data_subject_type": kind,
    }
    rows = select(*(v.label(k) for k, v in values.items())).select_from(source)
    return insert(processing_log).from_select(list(values), rows)


def log_params(activity: Activity, key: bytes, dialect_name: str) -> dict[str, Any]:
    """The values of a ``log_template``'s parameters for one action."""
    params = {f"log_{name}": value for name, value in activity.columns().items()}
    if dialect_name != "postgresql":
        params["log_end_time"] = dt.datetime.now(dt.UTC)
    return {**params, **hash_params(dialect_name, key)}


def _now_sql(dialect_name: str) -> Any:
    # PostgreSQL's now() is the transaction's start; clock_timestamp() is when the row is made.
    if dialect_name == "postgresql":
        return func.clock_timestamp(type_=UTCDateTime)
    return bindparam("log_end_time", type_=UTCDateTime)


def subject_rows(
    activity: Activity, subjects: list[tuple[str, str]], key: bytes
) -> list[dict[str, Any]]:
    end_time = dt.datetime.now(dt.UTC)
    base = {**activity.columns(), "end_time": end_time}
    rows = []
    for value, kind in subjects:
        if kind not in SUBJECT_TYPES:
            raise ValueError(f"a data subject's type is one of {SUBJECT_TYPES}")
        rows.append(
            {**base, "data_subject_id": subject_hash(key, value), "data_subject_type": kind}
        )
    return rows


async def write(
    session: AsyncSession, activity: Activity, subjects: list[tuple[str, str]], key: bytes
) -> None:
    """Log ``activity`` for each (identifier, type) in ``subjects``, in the caller's
    transaction (nothing is committed here); a database that refuses the records is answered
    503, as every log that cannot be written (core/processing.py)."""
    rows = subject_rows(activity, subjects, key)
    if rows:
        await execute_logged(session, insert(processing_log), True, rows)


# ----- trace context (W3C Trace Context, https://www.w3.org/TR/trace-context/) ------------------
_TRACEPARENT = re.compile(r"^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$")


# Where a tracer puts the ids of a request's span in the ASGI scope, as (trace_id, span_id,
# parent_span_id or None): the processing log then names the same span (ops/tracing_otel.py).
TRACE_SCOPE = "klantinteracties.trace"


def parse_traceparent(header: str | None) -> tuple[str, str] | None:
    """``(trace_id, parent_span_id)`` from a ``traceparent`` header, or None for a missing or
    malformed one (the action then starts a trace of its own, as the recommendation says)."""
    if not header:
        return None
    match = _TRACEPARENT.match(header.strip(" \t"))
    if match is None:
        return None
    version, trace_id, parent_id, _flags, rest = match.groups()
    if version == "ff" or (version == "00" and rest is not None):
        return None  # ff is never valid; version 00 has exactly four parts
    if trace_id == "0" * 32 or parent_id == "0" * 16:
        return None
    return trace_id, parent_id


def _random_id(nbytes: int) -> str:
    while True:  # all zeros is the invalid id; one in 2^64 at worst
        value = secrets.token_hex(nbytes)
        if value.strip("0"):
            return value


def new_trace_id() -> str:
    return _random_id(16)


def new_span_id() -> str:
    return _random_id(8)


# ----- the key ------------------------------------------------------------------------------------
async def load_key(conn: Executor, configured: str = "") -> bytes:
    """The configured key (its UTF-8 bytes), else the one kept in the database, made at first
    use. Two processes making it at once agree: the first insert wins, the other reads it."""
    if configured:
        return configured.encode()
    t = processing_log_key
    query = select(t.c.key).where(t.c.id == 1)
    stored = (await conn.execute(query)).scalar()
    if stored is None:
        make = pg_insert if _dialect_name(conn) == "postgresql" else sqlite_insert
        row = {"id": 1, "key": secrets.token_hex(32)}
        await conn.execute(make(t).values(row).on_conflict_do_nothing(index_elements=["id"]))
        stored = (await conn.execute(query)).scalar_one()
    return str(stored).encode()


def _dialect_name(conn: Executor) -> str:
    if isinstance(conn, AsyncSession):
        return conn.get_bind().dialect.name
    return conn.dialect.name


class SubjectKey:
    """The key, loaded once per process: it never changes once made (a new key would make every
    earlier record unfindable by data subject)."""

    def __init__(self, configured: str = "") -> None:
        self.configured = configured
        self._key: bytes | None = None

    @property
    def known(self) -> bytes | None:
        """The key, once loaded."""
        return self._key

    async def get(self, conn: Executor) -> bytes:
        if self._key is None:
            self._key = await load_key(conn, self.configured)
        return self._key


__all__ = [
    "Activity",
    "SubjectKey",
    "load_key",
    "log_params",
    "log_template",
    "new_span_id",
    "new_trace_id",
    "parse_traceparent",
    "write",
]
