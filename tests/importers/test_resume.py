"""An interrupted import continues where it stopped: the source is lost in the middle of the
klantcontacten (after their first batch committed), and the next run picks up from the
checkpoints, reads nothing twice, and ends with the same register as an uninterrupted run."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy import select

from klantinteracties.db.models import import_checkpoint
from klantinteracties.importers.openklant_steps import STEPS
from klantinteracties.importers.progress import Progress
from klantinteracties.importers.run import run_import as run_in_process
from klantinteracties.importers.source_db import DatabaseSource
from klantinteracties.importers.steps import Row, Step

from .conftest import run_import
from .test_openklant_db import check_actoren, check_klantcontacten, check_partijen, s


class LostMidway(DatabaseSource):
    """The source connection breaks after ``batches`` batches of step ``name``."""

    def __init__(self, url: str, name: str, batches: int) -> None:
        super().__init__(url)
        self.breaks_at, self.limit = name, batches

    async def batches(self, step: Step, after: int, size: int) -> AsyncIterator[list[Row]]:
        done = 0
        async for rows in super().batches(step, after, size):
            if step.name == self.breaks_at and done == self.limit:
                raise ConnectionResetError("source lost")
            yield rows
            done += 1


async def stored_checkpoints(database) -> dict[str, int]:
    async with database.session() as session:
        rows = await session.execute(select(import_checkpoint.c.step, import_checkpoint.c.last_id))
        return {r.step: r.last_id for r in rows}


async def test_an_interrupted_run_resumes(client, database, source, tmp_path):
    broken = LostMidway(source, "klantcontacten", 1)
    with pytest.raises(ConnectionResetError):
        await run_in_process(database, broken, STEPS, batch_size=1, progress=Progress(every=60))
    marks = await stored_checkpoints(database)
    assert marks["partijen"] == 5 and marks["klantcontacten"] == 1
    assert "betrokkenen" not in marks
    assert (await client.get(f"/klantcontacten/{s('k1')}")).status_code == 200
    assert (await client.get(f"/klantcontacten/{s('k3')}")).status_code == 404

    code, _, err, report = await run_import(database, "--database", source, report=tmp_path / "r")
    assert code == 3, err
    assert report is not None and report["complete"]
    assert report["resumed"]["klantcontacten"] == 1 and report["resumed"]["partijen"] == 5
    # Nothing before the break is read again; the rest is done once.
    assert report["counts"]["partijen"] == {
        "created": 0,
        "changed": 0,
        "unchanged": 0,
        "refused": 0,
    }
    assert report["counts"]["klantcontacten"] == {
        "created": 1,
        "changed": 0,
        "unchanged": 0,
        "refused": 1,
    }
    assert report["counts"]["betrokkenen"]["created"] == 1
    await check_partijen(client)
    await check_klantcontacten(client)
    await check_actoren(client)
    assert await stored_checkpoints(database) == {}  # a finished run leaves none behind
