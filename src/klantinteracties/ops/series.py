"""The Prometheus series of one process, made with prometheus_client (imported only here, and
this module only when metrics are on: ops/metrics.py).

Label values are bounded: route templates (never paths, which hold uuids), a fixed set of
methods, status codes, engine names, a few outcomes and reasons. In multi-process mode
(``PROMETHEUS_MULTIPROC_DIR`` set, as ``serve --workers N`` does) each process writes its
values to files there and a scrape adds them up; the gauges say how (``multiprocess_mode``).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from prometheus_client.multiprocess import MultiProcessCollector

from klantinteracties.core.db import Database
from klantinteracties.core.frontdoor import route_template
from klantinteracties.events.backlog import Backlog

MULTIPROC_DIR = "PROMETHEUS_MULTIPROC_DIR"
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
# Seconds; most of our requests take a few milliseconds, a slow list or export seconds.
BUCKETS = (0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)

REQUESTS = Counter(
    "klantinteracties_http_requests",
    "Requests answered, by route template, method and status.",
    ["route", "method", "status"],
)
LATENCY = Histogram(
    "klantinteracties_http_request_duration_seconds",
    "Time from a request's arrival to the end of its response, by route template and method.",
    ["route", "method"],
    buckets=BUCKETS,
)
TOKEN_FAILURES = Counter(
    "klantinteracties_token_failures",
    "Requests refused with a 401, by reason: missing, malformed, unknown, expired, metrics_token.",
    ["reason"],
)
# Each process has pools of its own: summed over the live processes.
POOL_CHECKED_OUT = Gauge(
    "klantinteracties_db_pool_checked_out",
    "Database connections in use, per engine (read, write).",
    ["engine"],
    multiprocess_mode="livesum",
)
POOL_SIZE = Gauge(
    "klantinteracties_db_pool_size",
    "Connections the pool keeps, per engine (read, write).",
    ["engine"],
    multiprocess_mode="livesum",
)
# The outbox is one table for all processes: the latest reading of any of them.
OUTBOX_PENDING = Gauge(
    "klantinteracties_outbox_pending",
    "Notifications waiting for delivery.",
    multiprocess_mode="mostrecent",
)
OUTBOX_FAILED = Gauge(
    "klantinteracties_outbox_failed",
    "Notifications given up on after the last attempt (see `notifications retry`).",
    multiprocess_mode="mostrecent",
)
OUTBOX_OLDEST = Gauge(
    "klantinteracties_outbox_oldest_pending_seconds",
    "Age of the oldest pending notification; 0 when none is pending.",
    multiprocess_mode="mostrecent",
)
ATTEMPTS = Counter(
    "klantinteracties_notification_attempts",
    "Delivery attempts by outcome: delivered, retry (failed, tried again later) or failed "
    "(failed for the last time).",
    ["outcome"],
)


def observe(scope: Any, method: str, status: int, seconds: float) -> None:
    """The edge middleware's observer (core/frontdoor.py): one request answered."""
    route = route_template(scope)
    method = method if method in METHODS else "other"
    REQUESTS.labels(route, method, str(status)).inc()
    LATENCY.labels(route, method).observe(seconds)
    if status == 401:
        reason = scope["state"].get("failure_reason")
        if reason:
            TOKEN_FAILURES.labels(reason).inc()


def token_refused() -> None:
    TOKEN_FAILURES.labels("metrics_token").inc()


def attempts(outcomes: Sequence[Any]) -> None:
    """The worker's observer (events/worker.py): one batch settled."""
    for o in outcomes:
        outcome = "delivered" if o.error is None else ("retry" if o.retry_at else "failed")
        ATTEMPTS.labels(outcome).inc()


def sample_pools(db: Database) -> None:
    engines = {"read": db.read_engine, "write": db.write_engine}
    for name, engine in engines.items():
        pool: Any = engine.pool
        if hasattr(pool, "checkedout"):  # a QueuePool; the others keep no count
            POOL_CHECKED_OUT.labels(name).set(pool.checkedout())
            POOL_SIZE.labels(name).set(pool.size())


def set_backlog(now: Backlog) -> None:
    OUTBOX_PENDING.set(now.pending)
    OUTBOX_FAILED.set(now.failed)
    OUTBOX_OLDEST.set(now.oldest_pending_seconds or 0.0)


def registry() -> Any:
    """What a scrape reads: every process's files in multi-process mode, else this process's
    series (with prometheus_client's process and Python collectors)."""
    if os.environ.get(MULTIPROC_DIR):
        combined = CollectorRegistry()
        MultiProcessCollector(combined)
        return combined
    return REGISTRY


def exposition() -> tuple[bytes, str]:
    return generate_latest(registry()), CONTENT_TYPE_LATEST


def mark_dead(pid: int) -> None:
    """A process's live gauges go with it (at a graceful stop; a killed process's stay until
    the directory is emptied at the next start)."""
    if os.environ.get(MULTIPROC_DIR):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(pid)
