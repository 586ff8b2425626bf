"""Rendering ``bench run`` results: a console table, and the growth between two runs."""

from __future__ import annotations

from typing import Any

COLUMNS = (
    ("request type", "name", "{}"),
    ("n", "requests", "{}"),
    ("err", "errors", "{}"),
    ("req/s", "requests_per_second", "{:.0f}"),
    ("p50 ms", "p50_ms", "{:.1f}"),
    ("p99 ms", "p99_ms", "{:.1f}"),
    ("app CPU ms/req", "server_cpu_ms_per_request", "{:.2f}"),
    ("db CPU ms/req", "db_cpu_ms_per_request", "{:.2f}"),
    ("SQL/req", "sql_statements_per_request", "{:.2f}"),
    ("RSS MB before", "rss_before_mb", "{:.0f}"),
    ("RSS MB after", "rss_after_mb", "{:.0f}"),
)
GROWTH_METRICS = (
    ("app+db CPU", "total_cpu"),
    ("app CPU", "server_cpu_ms_per_request"),
    ("db CPU", "db_cpu_ms_per_request"),
    ("SQL", "sql_statements_per_request"),
    ("p50", "p50_ms"),
)


def _cell(fmt: str, value: Any) -> str:
    return "-" if value is None else fmt.format(value)


def markdown_table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(headers)]
    lines = [
        "| " + " | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)) + " |",
        "|" + "|".join("-" * (w + 2) for w in widths) + "|",
    ]
    for row in rows:
        lines.append("| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |")
    return "\n".join(lines)


def results_table(report: dict[str, Any]) -> str:
    rows = [[_cell(fmt, r.get(key)) for _, key, fmt in COLUMNS] for r in report["results"]]
    return markdown_table([title for title, _, _ in COLUMNS], rows)


def summary(report: dict[str, Any]) -> str:
    meta = report["meta"]
    lines = [
        f"{meta['backend']} · {meta['rows']['partij']} partijen · "
        f"{meta['rows']['klantcontact']} klantcontacten · {meta['concurrency']} clients"
        + (f" at {meta['rate']} req/s" if meta.get("rate") else " (closed loop)")
        + f" · {meta['workers']} worker(s) · load average {meta.get('load_average_at_start')}",
        "",
        results_table(report),
    ]
    memory = report["memory"]
    lines.append(
        f"\nserver RSS: {memory['rss_start_mb']} MB at start, {memory['rss_end_mb']} MB at end"
    )
    soak = memory.get("soak")
    if soak:
        lines.append(
            f"soak: {soak['requests']} mixed requests, RSS growth after the first batch: "
            f"{soak['growth_after_warmup_percent']}%"
        )
    for result in report["results"]:
        if result.get("by_type"):
            lines.append(f"\nlatency per request type inside '{result['name']}':\n")
            lines.append(by_type_table(result["by_type"]))
    errors = [(r["name"], e) for r in report["results"] for e in r.get("error_samples", [])]
    for name, error in errors:
        lines.append(f"error in {name}: {error}")
    return "\n".join(lines)


def by_type_table(by_type: dict[str, dict[str, float]]) -> str:
    rows = [
        [name, str(v["requests"]), f"{v['p50_ms']:.1f}", f"{v['p99_ms']:.1f}", f"{v['max_ms']:.1f}"]
        for name, v in sorted(by_type.items())
    ]
    return markdown_table(["request type", "n", "p50 ms", "p99 ms", "max ms"], rows)


def _ratio(small: Any, big: Any) -> str:
    if small is None or big is None or not small:
        return "-"
    return f"{big / small:.2f}x"


def _with_total(result: dict[str, Any]) -> dict[str, Any]:
    app, db = result.get("server_cpu_ms_per_request"), result.get("db_cpu_ms_per_request")
    return {**result, "total_cpu": None if app is None else app + (db or 0.0)}


def growth_table(small: dict[str, Any], big: dict[str, Any]) -> str:
    """Per request type: the ratio big/small of each cost (1.00x = flat)."""
    before = {r["name"]: _with_total(r) for r in small["results"]}
    rows = []
    for result in map(_with_total, big["results"]):
        base = before.get(result["name"])
        if base is None:
            continue
        rows.append(
            [result["name"]] + [_ratio(base.get(key), result.get(key)) for _, key in GROWTH_METRICS]
        )
    return markdown_table(["request type", *(title for title, _ in GROWTH_METRICS)], rows)
