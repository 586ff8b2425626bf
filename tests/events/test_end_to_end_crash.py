"""A server killed (SIGKILL) in the middle of many concurrent writes (issue 11): afterwards every
write that committed has exactly one message in the outbox, a write that did not commit has
none, and every message reaches the receiver at least once, in order per resource.

"Committed" is read from the database, not from the client: a write whose response arrived is
committed; one whose response was lost with the server may or may not be, and the resource's
state in the database (present or not, and which version) says which. Each resource here is a
partij written as a chain (POST, four PATCHes, DELETE), one write at a time, and each write
leaves its version in ``interneNotitie``, which the notification carries as a kenmerk.
"""

from __future__ import annotations

import asyncio
import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import httpx
from sqlalchemy import select

from klantinteracties.core.db import Database
from klantinteracties.db.models import partij
from tests.events.e2e_helpers import all_delivered, api_client, delivering
from tests.events.receiver import running_receiver, wait_for

CHAINS = 12  # concurrent writers
KILL_AFTER = 60  # answered writes before the kill
LAST = 5  # the step of a chain's DELETE
STEP = {"create": 0, "destroy": LAST}
# A short lease, so that the messages a killed worker had claimed go out soon after its restart.
QUICK = {"KLANTINTERACTIES_NOTIFICATIONS_LEASE": "2", "KLANTINTERACTIES_NOTIFICATIONS_TIMEOUT": "1"}


@dataclass
class Writes:
    """What the clients sent: per resource (its tag) the steps answered, the step whose answer
    was lost (at most one per chain), and the uuids the POSTs answered with."""

    answered: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    lost: dict[str, int] = field(default_factory=dict)
    uuids: dict[str, str] = field(default_factory=dict)

    def count(self) -> int:
        return sum(len(steps) for steps in self.answered.values())


async def _write(http: httpx.AsyncClient, w: Writes, tag: str, step: int) -> None:
    note = {"interneNotitie": f"{tag}v{step}"}
    if step == 0:
        r = await http.post(
            "/partijen", json={"soortPartij": "persoon", "indicatieActief": True, **note}
        )
        assert r.status_code == 201, r.text
        w.uuids[tag] = r.json()["uuid"]
    elif step < LAST:
        r = await http.patch(f"/partijen/{w.uuids[tag]}", json=note)
        assert r.status_code == 200, r.text
    else:
        r = await http.delete(f"/partijen/{w.uuids[tag]}")
        assert r.status_code == 204, r.text


async def chain(http: httpx.AsyncClient, w: Writes, n: int) -> None:
    """Writes partijen one after another until the server is gone."""
    for j in range(10_000):
        tag = f"c{n}r{j}"
        for step in range(LAST + 1):
            try:
                await _write(http, w, tag, step)
            except httpx.TransportError:  # the server died with this write in flight
                w.lost[tag] = step
                return
            w.answered[tag].append(step)


def committed(w: Writes, tag: str, stored: dict[str, int]) -> list[int]:
    """The steps of this resource that committed, from the database: the version it holds,
    or, when it is not there, whether its POST never committed or its DELETE did."""
    answered, lost = len(w.answered[tag]), w.lost.get(tag)
    assert w.answered[tag] == list(range(answered))
    if tag in stored:
        version = stored[tag]
        assert version == answered - 1 or (lost == answered and version == lost), tag
        return list(range(version + 1))
    if answered == 0:
        assert lost == 0
        return []  # its POST was lost and did not commit
    assert answered == LAST + 1 or lost == LAST == answered, tag
    return list(range(LAST + 1))


def parse(body: dict[str, Any]) -> tuple[str, int]:
    """The resource (tag) and step a notification is about."""
    tag, version = body["kenmerken"]["interneNotitie"].rsplit("v", 1)
    step = STEP.get(body["actie"], int(version))
    assert body["actie"] == ("partial_update" if 0 < step < LAST else body["actie"])
    assert int(version) == min(step, LAST - 1)
    return tag, step


async def _in_database(db: Database) -> dict[str, tuple[str, int]]:
    async with db.read_engine.connect() as conn:
        found = (await conn.execute(select(partij.c.uuid, partij.c.interne_notitie))).all()
    out = {}
    for uuid, note in found:
        tag, version = note.rsplit("v", 1)
        out[tag] = (str(uuid), int(version))
    return out


async def test_a_server_killed_mid_write_loses_no_message_and_invents_none(
    database, token, tmp_path
):
    w = Writes()
    log = tmp_path / "worker.log"
    with running_receiver() as rx:
        async with (
            delivering(database, rx.url, log, **QUICK) as run,
            api_client(run, token) as http,
        ):
            writers = [asyncio.create_task(chain(http, w, n)) for n in range(CHAINS)]
            # (a writer that ended before the kill failed: gather() below says how)
            await wait_for(lambda: w.count() >= KILL_AFTER or any(t.done() for t in writers), 60)
            run.kill()
            await asyncio.gather(*writers)
        async with delivering(database, rx.url, log, **QUICK):
            stored = await all_delivered(database)
    in_db = await _in_database(database)
    versions = {tag: version for tag, (_, version) in in_db.items()}
    expected = {tag: committed(w, tag, versions) for tag in {*w.answered, *w.lost}}
    assert set(in_db) <= set(expected)
    # the outbox: one message per committed write, in the order written, none for the others
    messages: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for row in stored.values():
        tag, step = parse(json.loads(row["body"]))
        messages[tag].append((step, row["ordering_key"]))
    assert {t: [s for s, _ in m] for t, m in messages.items()} == {
        t: steps for t, steps in expected.items() if steps
    }
    for tag, found in messages.items():
        uuid = w.uuids.get(tag) or in_db[tag][0]
        assert {key for _, key in found} == {f"partijen/{uuid}"}
    # the receiver: each of them at least once, per resource never one before an earlier one
    arrived: dict[str, list[int]] = defaultdict(list)
    for r in rx.messages():
        tag, step = parse(r.json())
        arrived[tag].append(step)
    assert {r.body.decode() for r in rx.messages()} == {r["body"] for r in stored.values()}
    for tag, steps in arrived.items():
        assert steps == sorted(steps) and sorted(set(steps)) == expected[tag], tag
