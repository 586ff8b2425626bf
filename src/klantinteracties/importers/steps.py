"""What an import step is: one target table filled from one source query, in source-key order.

A step's rows are dicts with our column names, plus ``_id``: the source's key of the row (its
position, for the checkpoint). Relations are already translated to uuids by the source, so a
row stands on its own; the writer checks that what it points at exists here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table

Row = dict[str, Any]
# Turns a source row into target columns; returns (columns, warnings). A warning says why our
# validation would have refused the value that is imported as it is.
Convert = Callable[[Row], tuple[Row, list[str]]]


def as_is(row: Row) -> tuple[Row, list[str]]:
    return row, []


@dataclass(frozen=True)
class Step:
    name: str  # unique per source; names the checkpoint and the progress line
    table: Table
    # The collection in the report (several steps may fill one); default: the step's name.
    resource: str = ""
    key: tuple[str, ...] = ("uuid",)
    # Relation columns and the table whose uuid they name (checked before writing).
    refs: tuple[tuple[str, Table], ...] = ()
    convert: Convert = as_is
    # Only updates rows that an earlier step created (a relation that must wait for its target).
    update_only: bool = False
    # Source-specific: how to read it (for the database source, the query's parts).
    source: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.resource:
            object.__setattr__(self, "resource", self.name)
