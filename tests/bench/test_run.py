"""``bench run`` end to end (a tiny run, no timing assertions) and the opt-in stats route."""

from __future__ import annotations

import asyncio
import json
import os
import sys

import httpx

from klantinteracties.app import create_app
from klantinteracties.bench.stats import ENV, PATH
from klantinteracties.bench.workload import REQUEST_TYPES
from klantinteracties.settings import Settings

RESULT_FIELDS = {
    "name",
    "requests",
    "errors",
    "requests_per_second",
    "p50_ms",
    "p99_ms",
    "server_cpu_ms_per_request",
    "db_cpu_ms_per_request",
    "sql_statements_per_request",
    "rss_before_mb",
    "rss_after_mb",
}


async def _cli(database, *args: str) -> tuple[int, str, str]:
    env = {**os.environ, "DATABASE_URL": database.url}
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "klantinteracties", "bench", *args,
        env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = await proc.communicate()
    return proc.returncode or 0, out.decode(), err.decode()


async def test_seed_and_run_through_the_command_line(database, token, tmp_path):
    key_file, report_file = tmp_path / "key", tmp_path / "report.json"
    code, out, err = await _cli(database, "seed", "--tier", "XS", "--token-file", str(key_file))
    assert code == 0, err
    assert "klantcontact" in out and key_file.read_text().strip()

    code, out, err = await _cli(
        database, "run", "--spawn", "--requests", "3", "--mix", "22", "--concurrency", "2",
        "--warmup", "1", "--soak", "10", "--token-file", str(key_file),
        "--output", str(report_file),
    )  # fmt: skip
    assert code == 0, err + out
    report = json.loads(report_file.read_text())
    names = [r["name"] for r in report["results"]]
    assert names == [t.name for t in REQUEST_TYPES] + ["mix"]
    postgres = report["meta"]["backend"] == "postgresql"
    for result in report["results"]:
        assert set(result) >= RESULT_FIELDS, result
        assert result["errors"] == 0, result
        assert result["requests"] == (22 if result["name"] == "mix" else 3)
        assert result["sql_statements_per_request"] > 0
        assert result["server_cpu_ms_per_request"] is not None
        assert result["rss_after_mb"] > 0
        assert (result["db_cpu_ms_per_request"] is not None) == postgres
    mix = report["results"][-1]
    assert (
        set(mix["by_type"]) <= set(names)
        and sum(v["requests"] for v in mix["by_type"].values()) == 22
    )
    assert report["meta"]["rows"]["partij"] == 100
    assert report["memory"]["soak"]["requests"] == 10
    assert "partij_by_bsn" in out  # the console table

    code, out, _ = await _cli(database, "compare", str(report_file), str(report_file))
    assert code == 0 and "1.00x" in out

    # A rejected token stops the run at once instead of producing a report full of 401s.
    code, _, err = await _cli(database, "run", "--spawn", "--requests", "1", "--token", "nope")
    assert code == 1 and "401" in err


async def test_run_refuses_an_empty_database(database, token):
    code, _, err = await _cli(database, "run", "--spawn", "--requests", "1")
    assert code == 1 and "no partijen" in err


async def test_stats_route_counts_statements_only_when_enabled(database, token, monkeypatch):
    base = "http://testserver.local"
    headers = {"Authorization": f"Token {token}"}
    plain = create_app(Settings(database_url=database.url), database)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=plain), base_url=base) as c:
        assert (await c.get(PATH)).status_code == 404

    monkeypatch.setenv(ENV, "1")
    app = create_app(Settings(database_url=database.url), database)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=base) as c:
        first = (await c.get(PATH)).json()
        r = await c.get("/klantinteracties/api/v1/categorieen", headers=headers)
        assert r.status_code == 200
        second = (await c.get(PATH)).json()
    assert first["pid"] == os.getpid()
    # Authentication, count and page: the stats route itself sends nothing.
    assert second["statements"] - first["statements"] >= 2
