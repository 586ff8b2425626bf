"""Token authentication: ``Authorization: Token <key>``, as existing clients send it.

Keys are random, shown once when created, and stored only as a SHA-256 hash (a fast hash is
enough: the keys carry 256 bits of entropy, so there is nothing to brute-force). The lookup is by
hash and the final comparison is constant-time. A server process caches checked tokens (see
token_cache.py); every write to api_token goes through TokenStore, which tells the other processes.

Rights are scopes stored with the token: ``*`` (everything), ``<group>:read`` / ``<group>:write``
or ``<group>:*``, where a group is a resource group such as ``partijen`` or ``contactgegevens``.
New scopes can be added without touching existing tokens or clients. A read that looks into
other groups (expand, cross-group filters) needs their read right too: see docs/privacy.md.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import (
    JSON,
    Column,
    MetaData,
    String,
    Table,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession

from .errors import authentication_failed, not_authenticated, permission_denied
from .token_cache import CHANNEL, CREATED, TokenCache
from .types import BigIntPK, UTCDateTime

KEY_BYTES = 32
GROUPS = ("partijen", "klantcontacten", "actoren", "internetaken", "contactgegevens")
RIGHTS = ("read", "write", "*")
AUDIT_READ = "audit:read"  # its own right: "*" (every data group) does not include it


def unknown_scopes(scopes: Iterable[str]) -> list[str]:
    """The scopes that grant nothing (typos such as ``partij:read``), which are refused."""
    known = {"*", AUDIT_READ} | {f"{g}:{r}" for g in GROUPS for r in RIGHTS}
    return [s for s in scopes if s not in known]


def token_table(metadata: MetaData) -> Table:
    return Table(
        "api_token",
        metadata,
        Column("id", BigIntPK, primary_key=True, autoincrement=True),
        Column("identifier", String(100), nullable=False, unique=True),
        Column("key_hash", String(64), nullable=False, unique=True),
        Column("key_prefix", String(8), nullable=False),
        Column("scopes", JSON, nullable=False),
        Column("description", String(500), nullable=False, default=""),
        Column("created_at", UTCDateTime, nullable=False),
        Column("revoked_at", UTCDateTime, nullable=True),
    )


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def new_key() -> str:
    return secrets.token_hex(KEY_BYTES)


@dataclass(frozen=True)
class Principal:
    identifier: str
    scopes: tuple[str, ...]

    def allows(self, group: str, write: bool) -> bool:
        wanted = {"*", f"{group}:*", f"{group}:{'write' if write else 'read'}"}
        if not write:
            wanted.add(f"{group}:write")  # a writer may also read
        return any(s in wanted for s in self.scopes)

    def require_read(self, groups: Iterable[str]) -> None:
        """403 unless the token may read every group: an expand path or a filter that looks into
        another group's rows needs that group's read right as well as the route's own."""
        missing = sorted({g for g in groups if not self.allows(g, write=False)})
        if missing:
            raise permission_denied(
                f"Dit token heeft geen leesrecht op {', '.join(missing)}; dat is nodig voor de "
                "gevraagde expand of filter."
            )


def parse_header(header: str | None) -> str:
    """The key of ``Token <key>``. As in the reference, a header of another scheme (``Bearer
    ...``) counts as no credentials at all; a ``Token`` header without exactly one key is a
    failed attempt."""
    parts = (header or "").split()
    if not parts or parts[0].lower() != "token":
        raise not_authenticated()
    if len(parts) == 1:
        raise authentication_failed("Ongeldige Token-header: de sleutel ontbreekt.")
    if len(parts) > 2:
        raise authentication_failed("Ongeldige Token-header: een sleutel bevat geen spaties.")
    return parts[1]


class TokenStore:
    def __init__(self, table: Table, cache: TokenCache[Principal] | None = None) -> None:
        self.table = table
        self.cache = cache

    async def authenticate(self, session: AsyncSession, header: str | None) -> Principal:
        key = parse_header(header)
        digest = hash_key(key)
        cache = self.cache
        if cache is None:
            return await self._look_up(session, digest)
        principal = cache.get(digest)
        if principal is None:
            generation = cache.generation
            principal = await self._look_up(session, digest)  # raises for unknown keys
            cache.put(digest, principal, generation)
        return principal

    async def _look_up(self, session: AsyncSession, digest: str) -> Principal:
        t = self.table
        stmt = select(t.c.identifier, t.c.key_hash, t.c.scopes).where(
            t.c.key_hash == digest, t.c.revoked_at.is_(None)
        )
        row = (await session.execute(stmt)).first()
        if row is None or not hmac.compare_digest(row.key_hash, digest):
            raise authentication_failed()
        return Principal(row.identifier, tuple(row.scopes))

    async def _changed(self, session: AsyncSession, change: str) -> None:
        """Tell every server process of a change, inside the caller's transaction: PostgreSQL
        delivers the notification on commit, and not at all on rollback. SQLite cannot notify;
        there the other processes' cache entries expire (token_cache.py)."""
        if session.get_bind().dialect.name == "postgresql":
            await session.execute(select(func.pg_notify(CHANNEL, change)))

    async def authorize(
        self, session: AsyncSession, header: str | None, group: str, write: bool
    ) -> Principal:
        principal = await self.authenticate(session, header)
        if not principal.allows(group, write):
            raise permission_denied()
        return principal

    async def create(
        self,
        session: AsyncSession,
        identifier: str,
        scopes: Iterable[str],
        description: str = "",
        key: str | None = None,
    ) -> str:
        key = key or new_key()
        await session.execute(
            insert(self.table).values(
                identifier=identifier,
                key_hash=hash_key(key),
                key_prefix=key[:8],
                scopes=list(scopes),
                description=description,
                created_at=dt.datetime.now(dt.UTC),
            )
        )
        await self._changed(session, CREATED)
        await session.commit()
        return key

    async def list_tokens(self, session: AsyncSession) -> list[dict[str, object]]:
        t = self.table
        stmt = select(
            t.c.identifier, t.c.key_prefix, t.c.scopes, t.c.created_at, t.c.revoked_at
        ).order_by(t.c.id)
        return [dict(r) for r in (await session.execute(stmt)).mappings().all()]

    async def revoke(self, session: AsyncSession, identifier: str) -> bool:
        t = self.table
        result = await session.execute(
            update(t)
            .where(t.c.identifier == identifier, t.c.revoked_at.is_(None))
            .values(revoked_at=dt.datetime.now(dt.UTC))
        )
        revoked = bool(result.rowcount)  # type: ignore[attr-defined]
        if revoked:
            await self._changed(session, "revoke")
        await session.commit()
        if revoked and self.cache is not None:
            self.cache.clear()  # this process's own cache need not wait for the notification
        return revoked
