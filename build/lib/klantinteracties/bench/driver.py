"""Puts a benchmark run together: token, targets, server (spawned or given), run, metadata."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import platform
import subprocess
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from klantinteracties.core.db import Database
from klantinteracties.db import models

from .run import RunConfig, run
from .seed import create_token, write_key_file
from .server import spawned
from .workload import load_targets, missing_targets


class BenchError(Exception):
    """A run that cannot start (no data, no targets, unknown request type)."""


async def row_counts(db: Database) -> dict[str, int]:
    counts = {}
    async with db.session() as session:
        for table in (models.partij, models.klantcontact, models.internetaak, models.actor):
            stmt = select(func.count()).select_from(table)
            counts[table.name] = int((await session.execute(stmt)).scalar_one())
    return counts


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def _git_commit() -> str | None:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=False,
            cwd=Path(__file__).parent,
        )
    except OSError:
        return None
    return out.stdout.strip() or None


def metadata(
    config: RunConfig, rows: dict[str, int], workers: int, spawned_: bool
) -> dict[str, Any]:
    url = make_url(config.database_url)
    return {
        "backend": "sqlite" if url.get_backend_name() == "sqlite" else "postgresql",
        "database": url.database,
        "rows": rows,
        "concurrency": config.concurrency,
        "rate": config.rate,
        "requests_per_type": config.requests,
        "mix_requests": config.mix_requests,
        "warmup": config.warmup,
        "workers": workers,
        "spawned": spawned_,
        "machine": {
            "cpus": os.cpu_count(),
            "cpu": _cpu_model(),
            "python": platform.python_version(),
        },
        "git_commit": _git_commit(),
    }


async def resolve_token(db: Database, token: str | None, token_file: Path | None) -> str:
    if token:
        return token
    if token_file is not None and await asyncio.to_thread(token_file.exists):
        return (await asyncio.to_thread(token_file.read_text)).strip()
    key = await create_token(db)
    if token_file is not None:
        await asyncio.to_thread(write_key_file, token_file, key)
    return key


async def bench_run(
    config: RunConfig,
    *,
    spawn: bool,
    workers: int = 1,
    token: str | None = None,
    token_file: Path | None = None,
    server_log: Path | None = None,
) -> dict[str, Any]:
    """Run the benchmark; with ``spawn`` against a fresh server process on this database."""
    started = {
        "started_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        # Other work on the machine competes for the CPU: latency is only comparable between
        # runs made at similar load. CPU time per request is much less sensitive to it.
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }
    db = Database(config.database_url)
    try:
        rows = await row_counts(db)
        if not rows["partij"]:
            raise BenchError("the database holds no partijen: run `klantinteracties bench seed`")
        targets = await load_targets(db)
        if missing := missing_targets(targets):
            raise BenchError(f"no targets for: {', '.join(missing)}")
        config.token = await resolve_token(db, token, token_file)
    finally:
        await db.dispose()
    if spawn:
        async with spawned(config.database_url, workers, server_log) as server:
            config.base_url, config.server_pid = server.base_url, server.pid
            report = await run(config, targets)
    else:
        report = await run(config, targets)
    meta = {**started, **metadata(config, rows, workers, spawn)}
    meta["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    return {"meta": meta, **report}
