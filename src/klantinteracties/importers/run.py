"""One import run: every step of a source in order, each from its checkpoint, through the
shared writer. The checkpoints are removed only when every step has finished, so a run that
stops half way (killed, a lost connection) resumes where it stopped, and a finished run leaves
nothing behind: the next run reads everything again and finds it unchanged."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncGenerator, AsyncIterator, Sequence
from typing import Protocol

from klantinteracties.core.db import Database

from .progress import Progress
from .report import Report
from .steps import Row, Step
from .writer import Writer


class Source(Protocol):
    name: str

    async def open(self) -> None: ...

    async def close(self) -> None: ...

    async def count(self, step: Step, after: int) -> int: ...

    def batches(self, step: Step, after: int, size: int) -> AsyncIterator[list[Row]]: ...


async def prefetched(batches: AsyncIterator[list[Row]]) -> AsyncGenerator[list[Row], None]:
    """The next batch is read from the source while the current one is written: the two
    databases work at the same time instead of taking turns."""
    pending = asyncio.ensure_future(anext(batches, None))
    try:
        while (rows := await pending) is not None:
            pending = asyncio.ensure_future(anext(batches, None))
            yield rows
    finally:
        # Whatever ended the loop, the read in flight ends before the source is closed.
        if not pending.done():
            pending.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await pending
        with contextlib.suppress(Exception):
            await batches.aclose()  # type: ignore[attr-defined]


async def run_import(
    db: Database,
    source: Source,
    steps: Sequence[Step],
    *,
    dry_run: bool = False,
    batch_size: int = 2000,
    progress: Progress | None = None,
    stop_after: int | None = None,
) -> Report:
    """``stop_after``: end (as an interruption would) after that many steps; for tests."""
    report = Report(source.name, dry_run)
    writer = Writer(db, source.name, report, dry_run, steps)
    progress = progress or Progress()
    await source.open()
    await writer.open()
    try:
        done = await writer.checkpoints()
        for number, step in enumerate(steps):
            if stop_after is not None and number >= stop_after:
                return report
            after = done.get(step.name, 0)
            if step.name in done:
                report.resumed[step.name] = after
            progress.start(step.name, await source.count(step, after))
            report.counts_of(step.resource)
            reading = prefetched(source.batches(step, after, batch_size))
            async with contextlib.aclosing(reading):
                async for rows in reading:
                    await writer.write_batch(step, rows)
                    progress.advance(len(rows))
            progress.end()
        await writer.clear_checkpoints()
        report.finish()
        return report
    finally:
        await writer.close()
        await source.close()
