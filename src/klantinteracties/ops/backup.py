"""``klantinteracties db backup FILE`` and ``db restore FILE`` (docs/operations.md, "Backup and
restore").

SQLite: the online backup API, page by page, consistent while servers keep writing (a copy of
the file would not be: the WAL holds the latest commits). PostgreSQL: ``pg_dump`` and
``pg_restore`` in their custom format; they must be on PATH and of the server's major version
or newer. The password goes to them in PGPASSWORD, never on a command line (``ps`` shows those).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import URL, make_url

from klantinteracties.core.db import create_data_file

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"


class BackupError(Exception):
    """Why a backup or restore cannot be done, in one line for the operator."""


def backup(url: str, target: Path) -> None:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        _sqlite_copy(_sqlite_path(parsed), target, fresh=True)
    else:
        _pg("pg_dump", parsed, ["--format=custom", "--no-owner", f"--file={target}"])
        target.chmod(0o600)


def restore(url: str, source: Path) -> None:
    """Replaces the database's contents by the backup's. Stop the servers and workers first:
    they would otherwise keep writing into (or caching) what is being replaced."""
    if not source.is_file():
        raise BackupError(f"{source}: no such file.")
    parsed = make_url(url)
    head = source.read_bytes()[:16] if source.stat().st_size else b""
    if parsed.get_backend_name() == "sqlite":
        if not head.startswith(SQLITE_MAGIC):
            raise BackupError(f"{source} is not a SQLite backup (made on PostgreSQL?).")
        path = _sqlite_path(parsed)
        create_data_file(path)
        _sqlite_copy(source, path, fresh=False)
    else:
        if not head.startswith(PG_MAGIC):
            raise BackupError(f"{source} is not a pg_dump custom-format backup.")
        # --clean --if-exists: what the backup holds replaces what the database holds;
        # one transaction, so a failed restore leaves the database as it was.
        options = ["--clean", "--if-exists", "--no-owner", "--single-transaction"]
        _pg("pg_restore", parsed, [*options, str(source)], database_option=True)


def _sqlite_path(url: URL) -> Path:
    if not url.database or url.database == ":memory:":
        raise BackupError("DATABASE_URL names no SQLite file.")
    return Path(url.database)


def _sqlite_copy(source: Path, target: Path, fresh: bool) -> None:
    if fresh:
        if not source.is_file():
            raise BackupError(f"{source}: no database there yet.")
        target.unlink(missing_ok=True)
        create_data_file(target)  # personal data: 0600, like the database itself
    src = sqlite3.connect(source)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
        if fresh:  # a single file, with no -wal next to it to lose
            dst.execute("PRAGMA journal_mode=DELETE")
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{source}: {exc}") from None
    finally:
        src.close()
        dst.close()


def _pg(tool: str, url: URL, args: list[str], database_option: bool = False) -> None:
    program = shutil.which(tool)
    if program is None:
        raise BackupError(
            f"{tool} is not on PATH: install the PostgreSQL client tools of the server's "
            "major version (or newer), or run it where they are (docs/operations.md)."
        )
    env = {**os.environ}
    if url.password is not None:
        env["PGPASSWORD"] = str(url.password)
    libpq = url.set(drivername="postgresql", password=None).render_as_string()
    target = [f"--dbname={libpq}"] if database_option else [libpq]
    done = subprocess.run(
        [program, *args, *target], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise BackupError(f"{tool} failed (exit {done.returncode}): {last}")
