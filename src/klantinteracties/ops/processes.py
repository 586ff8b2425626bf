"""How many processes ``klantinteracties serve`` runs (docs/operations.md, "Processes").

On PostgreSQL the API processes share nothing but the database, so by default there is one per
core the process may use. SQLite allows one writer at a time and its token cache cannot be
notified of revocations across processes quickly, so there it is always one process, and asking
for more is refused rather than quietly ignored.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

CGROUP_CPU_MAX = Path("/sys/fs/cgroup/cpu.max")


class TooManyWorkers(ValueError):
    """More than one server process asked for on SQLite."""


def usable_cores(cpu_max: Path = CGROUP_CPU_MAX) -> int:
    """The cores this process may run on: its CPU affinity, lowered by a cgroup v2 CPU quota
    (a container's CPU limit), since more processes than the quota allows only queue."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    try:
        quota, period = cpu_max.read_text().split()[:2]
        if quota != "max":
            cores = min(cores, max(1, math.ceil(int(quota) / int(period))))
    except (OSError, ValueError):
        pass  # no cgroup v2 limit to read: the affinity stands
    return max(1, cores)


def worker_count(requested: int | None, sqlite: bool) -> int:
    """``requested`` (the option, else KLANTINTERACTIES_WORKERS) or the default for the
    database; raises TooManyWorkers for more than one on SQLite."""
    if requested is None:
        return 1 if sqlite else usable_cores()
    if requested < 1:
        raise ValueError("KLANTINTERACTIES_WORKERS (--workers) must be at least 1.")
    if sqlite and requested > 1:
        raise TooManyWorkers(
            f"--workers {requested} (KLANTINTERACTIES_WORKERS): the embedded SQLite database is "
            "served by one process; use PostgreSQL (DATABASE_URL) for more."
        )
    return requested
