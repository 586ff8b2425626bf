"""CPU time and memory of processes, read from ``/proc`` (Linux only).

The server is measured as a process tree (uvicorn with several workers forks children). On
PostgreSQL the database work happens in separate backend processes, so their CPU is measured
too: the backends connected to the benchmark database, recognised by their command line
(``postgres: [cluster:] <user> <database> <client> ...``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROC = Path("/proc")
TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


@dataclass(frozen=True)
class Sample:
    cpu_seconds: float  # user + system
    rss_bytes: int


def _stat_fields(pid: int) -> list[str] | None:
    try:
        raw = (PROC / str(pid) / "stat").read_text()
    except OSError:
        return None
    # The command name is in parentheses and may contain spaces: split after its closing one.
    return raw[raw.rindex(")") + 2 :].split()


def cpu_seconds(pid: int) -> float:
    fields = _stat_fields(pid)
    if fields is None:
        return 0.0
    # After "pid (comm) ": state=0, ppid=1, ..., utime=11, stime=12.
    return (int(fields[11]) + int(fields[12])) / TICKS


def rss_bytes(pid: int) -> int:
    try:
        for line in (PROC / str(pid) / "status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _all_pids() -> list[int]:
    return [int(p.name) for p in PROC.iterdir() if p.name.isdigit()]


def descendants(root: int) -> list[int]:
    """``root`` and every live process below it."""
    children: dict[int, list[int]] = {}
    for pid in _all_pids():
        fields = _stat_fields(pid)
        if fields is not None:
            children.setdefault(int(fields[1]), []).append(pid)
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, []))
    return tree


def tree_sample(root: int) -> Sample:
    pids = descendants(root)
    return Sample(sum(cpu_seconds(p) for p in pids), sum(rss_bytes(p) for p in pids))


def postgres_backends(database: str) -> list[int]:
    pids = []
    for pid in _all_pids():
        try:
            cmdline = (PROC / str(pid) / "cmdline").read_bytes().decode(errors="replace")
        except OSError:
            continue
        parts = cmdline.replace("\0", " ").split()
        if not parts or parts[0] != "postgres:":
            continue
        if len(parts) > 1 and parts[1].endswith(":"):
            parts = parts[1:]  # Debian adds the cluster: "postgres: 15/main: user db ..."
        if len(parts) >= 3 and parts[2] == database:
            pids.append(pid)
    return pids


def postgres_cpu(database: str) -> dict[int, float]:
    """CPU seconds per backend now connected to ``database``."""
    return {pid: cpu_seconds(pid) for pid in postgres_backends(database)}


def backend_cpu_delta(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU used between two samples by the backends alive at the second one.

    A backend that started in between counts in full; one that ended in between (a pool's
    overflow connection) is lost, so with heavy connection churn this is a lower bound.
    """
    return sum(cpu - before.get(pid, 0.0) for pid, cpu in after.items())
