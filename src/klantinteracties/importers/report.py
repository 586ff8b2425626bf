"""What an import did: counts per resource, the refused rows with their reason, and the rows
imported as they are although our validation would have refused them (warnings).

Rows are named by uuid only (a reason names columns and constraints, never values), so the
report and the log lines carry no personal data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import orjson

OUTCOMES = ("created", "changed", "unchanged", "refused")


@dataclass
class Counts:
    created: int = 0
    changed: int = 0
    unchanged: int = 0
    refused: int = 0

    def add(self, other: Counts) -> None:
        for name in OUTCOMES:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def total(self) -> int:
        return sum(getattr(self, name) for name in OUTCOMES)


@dataclass
class Finding:
    resource: str
    key: str  # the row's uuid (or, for rows without one, its relation's uuids)
    reason: str


@dataclass
class Report:
    source: str
    dry_run: bool
    started_at: str = field(default_factory=lambda: dt.datetime.now(dt.UTC).isoformat())
    finished_at: str | None = None
    complete: bool = False
    counts: dict[str, Counts] = field(default_factory=dict)
    # step -> the source key it resumed after (only steps that had a checkpoint)
    resumed: dict[str, int] = field(default_factory=dict)
    refused: list[Finding] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)

    def counts_of(self, resource: str) -> Counts:
        return self.counts.setdefault(resource, Counts())

    def finish(self) -> None:
        self.complete = True
        self.finished_at = dt.datetime.now(dt.UTC).isoformat()

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def write(self, path: Path) -> None:
        path.write_bytes(orjson.dumps(self.as_dict(), option=orjson.OPT_INDENT_2) + b"\n")

    def summary_lines(self) -> list[str]:
        lines = [
            f"{name}: {c.created} created, {c.changed} changed, {c.unchanged} unchanged, "
            f"{c.refused} refused"
            for name, c in self.counts.items()
        ]
        lines.append(f"{len(self.refused)} refused rows, {len(self.warnings)} warnings")
        return lines
