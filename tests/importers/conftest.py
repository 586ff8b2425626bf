"""A seeded reference database per test session (dropped afterwards), and the CLI as a real
process against the test database."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from klantinteracties.core.db import Database

from .source import create_source, drop_source, seed


@pytest.fixture(scope="session")
async def source() -> AsyncIterator[str]:
    dsn = await create_source()
    try:
        await seed(dsn)
        yield dsn
    finally:
        await drop_source(dsn)


async def run_import(
    database: Database, *args: str, report: Path | None = None
) -> tuple[int, str, str, dict[str, Any] | None]:
    """``klantinteracties import openklant ARGS`` on the test database; the report if asked."""
    extra = ("--report", str(report)) if report is not None else ()
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "klantinteracties",
        "import",
        "openklant",
        *args,
        *extra,
        env={**os.environ, "DATABASE_URL": database.url},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await proc.communicate()
    return proc.returncode or 0, out.decode(), err.decode(), _read(report)


def _read(report: Path | None) -> dict[str, Any] | None:
    return json.loads(report.read_text()) if report is not None and report.exists() else None
