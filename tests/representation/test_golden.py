"""Every response representation, byte for byte, as recorded in golden/ from the seeded dataset.

The golden files pin what clients receive today, so that a new way of building responses can be
proven to change nothing. ``KI_RECORD_GOLDEN=1 pytest tests/representation`` rewrites them from
SQLite (the other backends are still compared, against what SQLite just wrote); without it every
backend is compared with them.
"""

from __future__ import annotations

import difflib
import json
import os
from pathlib import Path
from typing import Any

import httpx
import pytest

from klantinteracties.core.db import Database

from .requests import REQUESTS
from .seed import seed

GOLDEN = Path(__file__).parent / "golden"
ORIGIN = "http://testserver.local"
RECORD = os.environ.get("KI_RECORD_GOLDEN") == "1"
CONTEXT = 60  # bytes shown either side of the first difference
DIFF_LINES = 80


def golden_file(collection: str) -> Path:
    return GOLDEN / f"{collection}.json"


def load(collection: str) -> list[dict[str, Any]]:
    path = golden_file(collection)
    if not path.exists():
        pytest.fail(f"{path} is missing: record it with KI_RECORD_GOLDEN=1")
    entries: list[dict[str, Any]] = json.loads(path.read_text(encoding="ascii"))
    return entries


def store(collection: str, entries: list[dict[str, Any]]) -> None:
    GOLDEN.mkdir(exist_ok=True)
    # ASCII only: every byte of a body survives editors and git as an escape.
    text = json.dumps(entries, indent=1, ensure_ascii=True) + "\n"
    golden_file(collection).write_text(text, encoding="ascii")


def pretty(body: bytes) -> list[str]:
    """The body decoded and indented; split on newlines only (``splitlines`` would also split
    inside strings, at the U+2028 that ``ensure_ascii=False`` leaves as it is)."""
    try:
        decoded = json.loads(body)
    except ValueError:
        return body.decode("utf-8", "replace").split("\n")
    return json.dumps(decoded, indent=1, ensure_ascii=False).split("\n")


def explain(request: str, expected: bytes, got: bytes) -> str:
    """Where the bodies part, the bytes around it, and a diff of both decoded."""
    at = next(
        (i for i, (a, b) in enumerate(zip(expected, got, strict=False)) if a != b),
        min(len(expected), len(got)),
    )
    lo = max(at - CONTEXT, 0)
    diff = list(
        difflib.unified_diff(pretty(expected), pretty(got), "golden", "response", lineterm="")
    )
    shown = "\n".join(diff[:DIFF_LINES])
    if len(diff) > DIFF_LINES:
        shown += f"\n... {len(diff) - DIFF_LINES} more diff lines"
    return (
        f"{request}: bodies differ at byte {at} (golden {len(expected)} bytes, "
        f"response {len(got)} bytes)\n"
        f"  golden:   {expected[lo : at + CONTEXT]!r}\n"
        f"  response: {got[lo : at + CONTEXT]!r}\n"
        f"{shown or '(decoded JSON is equal: only the bytes differ)'}"
    )


async def fetch(client: httpx.AsyncClient, path: str) -> dict[str, Any]:
    response = await client.get(ORIGIN + path)
    return {"request": f"GET {path}", "status": response.status_code, "body": response.content}


def compare(golden: list[dict[str, Any]], got: list[dict[str, Any]]) -> list[str]:
    problems = []
    for want, have in zip(golden, got, strict=True):
        expected = want["body"].encode("utf-8")
        if have["status"] != want["status"]:
            problems.append(f"{want['request']}: status {have['status']}, not {want['status']}")
        elif have["body"] != expected:
            problems.append(explain(want["request"], expected, have["body"]))
    return problems


def is_sqlite(database: Database) -> bool:
    return database.url.startswith("sqlite")


@pytest.mark.parametrize("collection", list(REQUESTS))
async def test_representation_is_unchanged(
    client: httpx.AsyncClient, database: Database, collection: str
) -> None:
    await seed(database)
    got = [await fetch(client, path) for path in REQUESTS[collection]]
    if RECORD and is_sqlite(database):
        failed = [f"{g['request']}: {g['status']}" for g in got if g["status"] != 200]
        assert not failed, "only 200 responses are recorded:\n" + "\n".join(failed)
        entries = [{**g, "body": g["body"].decode("utf-8")} for g in got]
        store(collection, entries)
        return
    golden = load(collection)
    requests = [g["request"] for g in got]
    assert [g["request"] for g in golden] == requests, (
        f"golden/{collection}.json has other requests than requests.py: "
        "record again with KI_RECORD_GOLDEN=1"
    )
    problems = compare(golden, got)
    if problems:
        changed = "\n  ".join(p.split(": ")[0] for p in problems)
        pytest.fail(
            f"{len(problems)} of {len(got)} responses changed; the first:\n{problems[0]}\n"
            f"all changed:\n  {changed}",
            pytrace=False,
        )
