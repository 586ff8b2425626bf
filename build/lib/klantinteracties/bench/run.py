"""``bench run``: drive a running server over real HTTP and measure what each request costs.

Each request type runs alone, then the weighted mix, optionally followed by a long "soak" of the
mix that samples the server's memory. A phase is ``requests`` calls made by ``concurrency``
clients, each sending its next request as soon as the previous one is answered (closed loop), or,
with ``rate``, on a fixed schedule of ``rate`` requests per second in total (open loop; latency
then counts from the scheduled moment, so a server that falls behind is not flattered).
"""

from __future__ import annotations

import asyncio
import random
import time
from dataclasses import asdict, dataclass, field, replace
from typing import Any

import httpx
from sqlalchemy.engine import make_url

from . import procstats
from .stats import PATH as STATS_PATH
from .workload import BY_NAME, REQUEST_TYPES, Call, RequestType, Targets

API = "/klantinteracties/api/v1"
MIX = "mix"


@dataclass
class RunConfig:
    base_url: str
    token: str
    database_url: str
    server_pid: int | None = None
    concurrency: int = 50
    requests: int = 1_000
    mix_requests: int = 5_000
    warmup: int = 50
    types: list[str] = field(default_factory=lambda: [t.name for t in REQUEST_TYPES])
    rate: float | None = None
    soak: int = 0
    soak_samples: int = 20
    seed: int = 1


@dataclass
class Measure:
    cpu: float | None
    rss: int | None
    db_cpu: dict[int, float] | None
    statements: int | None


@dataclass
class PhaseResult:
    name: str
    requests: int
    errors: int
    seconds: float
    requests_per_second: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    server_cpu_ms_per_request: float | None
    db_cpu_ms_per_request: float | None
    sql_statements_per_request: float | None
    rss_before_mb: float | None
    rss_after_mb: float | None
    error_samples: list[str] = field(default_factory=list)
    # Latency per request type inside a mixed phase: {name: {requests, p50_ms, p99_ms, max_ms}}.
    by_type: dict[str, dict[str, float]] = field(default_factory=dict)


class Probe:
    """Reads the server's counters: CPU and RSS from /proc, statements from /_bench/stats."""

    def __init__(self, http: httpx.AsyncClient, config: RunConfig, pid: int | None) -> None:
        self.http = http
        self.pid = pid
        url = make_url(config.database_url)
        self.pg_database = None if url.get_backend_name() == "sqlite" else url.database

    async def statements(self) -> int | None:
        try:
            r = await self.http.get(STATS_PATH)
        except httpx.HTTPError:
            return None
        return int(r.json()["statements"]) if r.status_code == 200 else None

    async def measure(self) -> Measure:
        statements = await self.statements()
        tree = procstats.tree_sample(self.pid) if self.pid else None
        db_cpu = procstats.postgres_cpu(self.pg_database) if self.pg_database else None
        return Measure(
            tree.cpu_seconds if tree else None, tree.rss_bytes if tree else None, db_cpu, statements
        )


class RunFailed(Exception):
    """The server refuses the run's requests (bad token, wrong URL)."""


async def preflight(http: httpx.AsyncClient) -> None:
    """One request first: thousands of 401s make a useless report."""
    r = await http.get(f"{API}/partijen", params={"pageSize": "1"})
    if r.status_code != 200:
        raise RunFailed(f"GET {API}/partijen answered {r.status_code}: {r.text[:200]}")


async def server_pid(http: httpx.AsyncClient) -> int | None:
    try:
        r = await http.get(STATS_PATH)
    except httpx.HTTPError:
        return None
    return int(r.json()["pid"]) if r.status_code == 200 else None


def build_calls(types: list[RequestType], n: int, targets: Targets, seed: int) -> list[Call]:
    rng = random.Random(seed)
    if len(types) == 1:
        chosen = [types[0]] * n
    else:
        chosen = rng.choices(types, weights=[t.weight for t in types], k=n)
    return [replace(t.build(rng, targets), kind=t.name) for t in chosen]


def expected_status(call: Call) -> int:
    return 201 if call.method == "POST" else 200


async def fire(
    http: httpx.AsyncClient, calls: list[Call], concurrency: int, rate: float | None
) -> tuple[list[float], list[str], float]:
    """Send ``calls``; returns latencies (s, in call order), errors and the wall time (s)."""
    latencies = [0.0] * len(calls)
    errors: list[str] = []
    position = 0
    start = time.perf_counter()

    async def client() -> None:
        nonlocal position
        while position < len(calls):
            index, position = position, position + 1
            call = calls[index]
            began = time.perf_counter()
            if rate:
                due = start + index / rate
                if due > began:
                    await asyncio.sleep(due - began)
                began = due
            try:
                r = await http.request(
                    call.method, API + call.path, params=call.params, json=call.json
                )
                ok, what = r.status_code == expected_status(call), f"{r.status_code} {r.text[:300]}"
            except httpx.HTTPError as exc:
                ok, what = False, f"{exc.__class__.__name__}: {exc}"
            latencies[index] = time.perf_counter() - began
            if not ok:
                errors.append(f"{call.method} {call.path}: {what}")

    await asyncio.gather(*(client() for _ in range(concurrency)))
    return latencies, errors, time.perf_counter() - start


def _per_request(
    before: float | int | None, after: float | int | None, n: int, scale: float
) -> float | None:
    if before is None or after is None or n == 0:
        return None
    return round((after - before) * scale / n, 3)


def _db_cpu_ms(before: Measure, after: Measure, n: int) -> float | None:
    if before.db_cpu is None or after.db_cpu is None or n == 0:
        return None
    return round(procstats.backend_cpu_delta(before.db_cpu, after.db_cpu) * 1000 / n, 3)


def _mb(value: int | None) -> float | None:
    return round(value / 2**20, 1) if value is not None else None


def _quantile(sorted_values: list[float], q: float) -> float:
    if not sorted_values:
        return 0.0
    index = min(len(sorted_values) - 1, max(0, round(q * len(sorted_values)) - 1))
    return round(sorted_values[index] * 1000, 2)


def latency_by_type(calls: list[Call], latencies: list[float]) -> dict[str, dict[str, float]]:
    grouped: dict[str, list[float]] = {}
    for call, latency in zip(calls, latencies, strict=True):
        grouped.setdefault(call.kind, []).append(latency)
    out = {}
    for kind, values in grouped.items():
        values.sort()
        out[kind] = {
            "requests": len(values),
            "p50_ms": _quantile(values, 0.5),
            "p99_ms": _quantile(values, 0.99),
            "max_ms": _quantile(values, 1.0),
        }
    return out


def summarize(
    name: str,
    latencies: list[float],
    errors: list[str],
    seconds: float,
    before: Measure,
    after: Measure,
) -> PhaseResult:
    n = len(latencies)
    ordered = sorted(latencies)
    return PhaseResult(
        name=name,
        requests=n,
        errors=len(errors),
        seconds=round(seconds, 3),
        requests_per_second=round(n / seconds, 1) if seconds else 0.0,
        p50_ms=_quantile(ordered, 0.50),
        p90_ms=_quantile(ordered, 0.90),
        p99_ms=_quantile(ordered, 0.99),
        max_ms=round(ordered[-1] * 1000, 2) if ordered else 0.0,
        server_cpu_ms_per_request=_per_request(before.cpu, after.cpu, n, 1000),
        db_cpu_ms_per_request=_db_cpu_ms(before, after, n),
        # The probe's own /_bench/stats call sends no SQL, so the delta is the requests' alone.
        sql_statements_per_request=_per_request(before.statements, after.statements, n, 1),
        rss_before_mb=_mb(before.rss),
        rss_after_mb=_mb(after.rss),
        error_samples=sorted(set(errors))[:3],
    )


async def run_phase(
    http: httpx.AsyncClient,
    probe: Probe,
    config: RunConfig,
    name: str,
    types: list[RequestType],
    n: int,
    targets: Targets,
) -> PhaseResult:
    seed = config.seed * 1_000 + sum(map(ord, name))
    if config.warmup:
        warm = build_calls(types, config.warmup, targets, seed + 1)
        await fire(http, warm, min(config.concurrency, config.warmup), None)
    calls = build_calls(types, n, targets, seed)
    before = await probe.measure()
    latencies, errors, seconds = await fire(http, calls, config.concurrency, config.rate)
    after = await probe.measure()
    result = summarize(name, latencies, errors, seconds, before, after)
    if len(types) > 1:
        result.by_type = latency_by_type(calls, latencies)
    return result


async def soak(
    http: httpx.AsyncClient, probe: Probe, config: RunConfig, targets: Targets
) -> dict[str, Any]:
    """The mix for ``config.soak`` requests, with the server's RSS sampled along the way."""
    batch = max(1, config.soak // config.soak_samples)
    samples: list[dict[str, Any]] = []
    done = 0
    types = list(REQUEST_TYPES)
    while done < config.soak:
        calls = build_calls(types, min(batch, config.soak - done), targets, config.seed + done)
        await fire(http, calls, config.concurrency, config.rate)
        done += len(calls)
        measure = await probe.measure()
        samples.append({"requests": done, "rss_mb": _mb(measure.rss)})
    rss = [s["rss_mb"] for s in samples if s["rss_mb"] is not None]
    # Growth after the first batch: the first batch warms caches and pools, which is expected.
    growth = round((rss[-1] / rss[0] - 1) * 100, 2) if len(rss) > 1 else None
    return {"requests": done, "samples": samples, "growth_after_warmup_percent": growth}


async def run(config: RunConfig, targets: Targets) -> dict[str, Any]:
    headers = {"Authorization": f"Token {config.token}"}
    # Idle connections are dropped well before uvicorn's 5 s keep-alive timeout: at the same
    # limit, a request can go out on a connection the server is just closing (a ReadError).
    limits = httpx.Limits(
        max_connections=config.concurrency,
        max_keepalive_connections=config.concurrency,
        keepalive_expiry=2.0,
    )
    async with httpx.AsyncClient(
        base_url=config.base_url, headers=headers, limits=limits, timeout=60
    ) as http:
        await preflight(http)
        pid = config.server_pid or await server_pid(http)
        probe = Probe(http, config, pid)
        results: list[PhaseResult] = []
        start = await probe.measure()
        for name in config.types if config.requests else []:
            results.append(
                await run_phase(
                    http, probe, config, name, [BY_NAME[name]], config.requests, targets
                )
            )
        if config.mix_requests:
            mix = [BY_NAME[name] for name in config.types]
            results.append(
                await run_phase(http, probe, config, MIX, mix, config.mix_requests, targets)
            )
        soaked = await soak(http, probe, config, targets) if config.soak else None
        end = await probe.measure()
    return {
        "server_pid": pid,
        "results": [asdict(r) for r in results],
        "memory": {
            "rss_start_mb": _mb(start.rss),
            "rss_end_mb": _mb(end.rss),
            "soak": soaked,
        },
    }
