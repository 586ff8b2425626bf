"""Rendering of ``bench run`` reports (pure functions, no server)."""

from __future__ import annotations

from klantinteracties.bench.report import growth_table, summary


def _report(results, soak=None):
    meta = {
        "backend": "postgresql",
        "rows": {"partij": 10, "klantcontact": 100},
        "concurrency": 2,
        "workers": 1,
    }
    return {
        "meta": meta,
        "results": results,
        "memory": {"rss_start_mb": 90.0, "rss_end_mb": 91.0, "soak": soak},
    }


def _result(name, cpu, db=None):
    return {
        "name": name,
        "requests": 10,
        "errors": 0,
        "requests_per_second": 5.0,
        "p50_ms": 2.0,
        "p99_ms": 9.0,
        "server_cpu_ms_per_request": cpu,
        "db_cpu_ms_per_request": db,
        "sql_statements_per_request": 4.0,
        "rss_before_mb": 90.0,
        "rss_after_mb": 91.0,
    }


def test_a_soak_only_report_renders():
    soak = {"requests": 1000, "samples": [], "growth_after_warmup_percent": 0.5}
    text = summary(_report([], soak))
    assert "soak: 1000 mixed requests" in text and "0.5%" in text


def test_summary_shows_missing_values_as_dashes_and_the_mix_breakdown():
    mix = _result("mix", 3.0) | {
        "by_type": {"partij_by_bsn": {"requests": 4, "p50_ms": 1.0, "p99_ms": 2.5, "max_ms": 3.0}}
    }
    text = summary(_report([_result("partij_by_bsn", 2.5), mix]))
    assert "| partij_by_bsn" in text and " - " in text  # no db CPU on this report
    assert "inside 'mix'" in text and "2.5" in text


def test_growth_is_the_ratio_per_request_type():
    small = _report([_result("a", 2.0, 1.0), _result("b", 4.0)])
    big = _report([_result("a", 3.0, 3.0), _result("c", 1.0)])
    table = growth_table(small, big)
    assert "| a " in table and "2.00x" in table and "1.50x" in table  # total 3 -> 6, app 2 -> 3
    assert "| b" not in table and "| c" not in table
