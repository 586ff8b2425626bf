"""Progress of ``import openklant``: redrawn in place on a terminal, plain lines otherwise; in
both, counts only."""

from __future__ import annotations

import asyncio
import os
import pty
import sys

from .conftest import run_import


async def test_plain_lines_when_not_a_terminal(database, token, source):
    _, _, err, _ = await run_import(database, "--database", source)
    assert "\r" not in err
    lines = err.splitlines()
    assert "klantcontacten: 3/3 rows" in "\n".join(lines)
    assert any(line.startswith("partijen: 5/5 rows,") and "rows/s" in line for line in lines)


def read_all(fd: int) -> bytes:
    seen = b""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # the other end is closed and everything has been read
            return seen
        if not chunk:
            return seen
        seen += chunk


async def test_redrawn_line_on_a_terminal(database, token, source):
    leader, follower = pty.openpty()
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "klantinteracties", "import", "openklant", "--database", source,
        env={**os.environ, "DATABASE_URL": database.url},
        stdout=asyncio.subprocess.DEVNULL, stderr=follower,
    )  # fmt: skip
    os.close(follower)
    # Read while it runs: a full terminal buffer would otherwise stop the command.
    seen, _ = await asyncio.gather(asyncio.to_thread(read_all, leader), proc.wait())
    os.close(leader)
    text = seen.decode()
    assert "\rklantcontacten: 3/3 rows" in text and "ETA" in text
    assert "Vries" not in text and "anna@example.nl" not in text
