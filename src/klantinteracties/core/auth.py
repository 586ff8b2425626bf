"""Token authentication: ``Authorization: Token <key>``, as existing clients send it.

Keys are random, shown once when created, and stored only as a SHA-256 hash (a fast hash is
enough: the keys carry 256 bits of entropy, so there is nothing to brute-force). The lookup is by
hash and the final comparison is constant-time. A server process caches checked tokens (see
token_cache.py); every write to api_token or application goes through TokenStore or
access/applications.py, which tell the other processes.

A token belongs to an application (db/models/tokens.py), which holds the rights: scopes
``*`` (every resource group), ``<group>:read`` / ``<group>:write`` or ``<group>:*``, plus
``audit:read`` for the processing log (which ``*`` does not grant), and the privileges
``geheimhouding`` and ``vertrouwelijk`` (docs/privacy.md). A read that looks into other groups
(expand, cross-group filters) needs their read right too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from sqlalchemy import Table, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from .errors import authentication_failed, not_authenticated, permission_denied
from .token_cache import CHANNEL, CREATED, TokenCache
from .view import View

KEY_BYTES = 32
GROUPS = ("partijen", "klantcontacten", "actoren", "internetaken", "contactgegevens")
RIGHTS = ("read", "write", "*")
AUDIT_READ = "audit:read"  # the processing log's own right, never implied by "*"
PRIVILEGES = ("geheimhouding", "vertrouwelijk")


def unknown_scopes(scopes: Iterable[str]) -> list[str]:
    """The scopes that grant nothing (typos such as ``partij:read``), which are refused."""
    known = {"*", AUDIT_READ} | {f"{g}:{r}" for g in GROUPS for r in RIGHTS}
    return [s for s in scopes if s not in known]


def unknown_privileges(privileges: Iterable[str]) -> list[str]:
    return [p for p in privileges if p not in PRIVILEGES]


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def new_key() -> str:
    return secrets.token_hex(KEY_BYTES)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class Principal:
    """Who is asking: the token, its application and what the application may do."""

    identifier: str  # the token's name
    scopes: tuple[str, ...]
    application: str = ""
    privileges: frozenset[str] = frozenset()
    processing_activity_id: str | None = None
    valid_until: dt.datetime | None = None  # when the key used stops working

    def allows(self, group: str, write: bool) -> bool:
        if group == "audit":
            return not write and AUDIT_READ in self.scopes
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

    @cached_property
    def view(self) -> View:
        """What the application's privileges let it see (core/view.py)."""
        return View(self.privileges)

    def expired(self, now: dt.datetime) -> bool:
        return self.valid_until is not None and self.valid_until <= now


def parse_header(header: str | None) -> str:
    """The key of ``Token <key>``. As in the reference, a header of another scheme (``Bearer
    ...``) counts as no credentials at all; a ``Token`` header without exactly one key is a
    failed attempt."""
    parts = (header or "").split()
    if not parts or parts[0].lower() != "token":
        raise not_authenticated()
    if len(parts) == 1:
        raise authentication_failed("Ongeldige Token-header: de sleutel ontbreekt.", "malformed")
    if len(parts) > 2:
        raise authentication_failed(
            "Ongeldige Token-header: een sleutel bevat geen spaties.", "malformed"
        )
    return parts[1]


def _earliest(*moments: dt.datetime | None) -> dt.datetime | None:
    known = [m for m in moments if m is not None]
    return min(known) if known else None


class TokenStore:
    """Authentication, and the token writes every process must hear of. ``table`` is api_token;
    the application table is found on the same metadata."""

    def __init__(self, table: Table, cache: TokenCache[Principal] | None = None) -> None:
        self.table = table
        self.applications = table.metadata.tables["application"]
        self.cache = cache

    async def authenticate(self, session: AsyncSession, header: str | None) -> Principal:
        key = parse_header(header)
        digest = hash_key(key)
        cache = self.cache
        principal = cache.get(digest) if cache is not None else None
        if principal is None:
            generation = cache.generation if cache is not None else 0
            principal = await self._look_up(session, digest)  # raises for unknown keys
            if cache is not None:
                cache.put(digest, principal, generation)
        if principal.expired(utcnow()):
            raise authentication_failed("Dit token is verlopen.", "expired")
        return principal

    async def _look_up(self, session: AsyncSession, digest: str) -> Principal:
        t, a = self.table, self.applications
        stmt = (
            select(
                t.c.identifier,
                t.c.key_hash,
                t.c.expires_at,
                t.c.previous_expires_at,
                a.c.name,
                a.c.scopes,
                a.c.privileges,
                a.c.processing_activity_id,
            )
            .join(a, a.c.id == t.c.application_id)
            .where(
                (t.c.key_hash == digest) | (t.c.previous_key_hash == digest),
                t.c.revoked_at.is_(None),
            )
        )
        row = (await session.execute(stmt)).first()
        if row is None:
            raise authentication_failed()
        current = hmac.compare_digest(row.key_hash, digest)
        until = row.expires_at if current else _earliest(row.expires_at, row.previous_expires_at)
        return Principal(
            row.identifier,
            tuple(row.scopes),
            row.name,
            frozenset(row.privileges),
            row.processing_activity_id,
            until,
        )

    async def changed(self, session: AsyncSession, change: str) -> None:
        """Tell every server process of a change, inside the caller's transaction: PostgreSQL
        delivers the notification on commit, and not at all on rollback. SQLite cannot notify;
        there the other processes' cache entries expire (token_cache.py)."""
        if session.get_bind().dialect.name == "postgresql":
            await session.execute(select(func.pg_notify(CHANNEL, change)))

    def forget(self) -> None:
        """This process's own cache need not wait for the notification."""
        if self.cache is not None:
            self.cache.clear()

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
        scopes: Iterable[str] = ("*",),
        description: str = "",
        key: str | None = None,
        *,
        privileges: Iterable[str] = (),
        application: str | None = None,
        expires_at: dt.datetime | None = None,
    ) -> str:
        """A new token and its key. Without ``application`` it gets an application of its own,
        of the same name, with ``scopes`` and ``privileges`` (the way tokens were made before
        applications existed); with one, it joins it (LookupError when there is none)."""
        key = key or new_key()
        now = utcnow()
        if application is None:
            app_id = await self.add_application(session, identifier, scopes, privileges, now)
        else:
            app_id = await self.application_id(session, application)
        await session.execute(
            insert(self.table).values(
                identifier=identifier,
                application_id=app_id,
                key_hash=hash_key(key),
                key_prefix=key[:8],
                description=description,
                created_at=now,
                expires_at=expires_at,
            )
        )
        await self.changed(session, CREATED)
        await session.commit()
        return key

    async def add_application(
        self,
        session: AsyncSession,
        name: str,
        scopes: Iterable[str],
        privileges: Iterable[str],
        now: dt.datetime,
        **extra: Any,
    ) -> int:
        result = await session.execute(
            insert(self.applications)
            .values(
                name=name,
                scopes=list(scopes),
                privileges=sorted(set(privileges)),
                created_at=now,
                updated_at=now,
                **extra,
            )
            .returning(self.applications.c.id)
        )
        return int(result.scalar_one())

    async def application_id(self, session: AsyncSession, name: str) -> int:
        a = self.applications
        found = (await session.execute(select(a.c.id).where(a.c.name == name))).scalar()
        if found is None:
            raise LookupError(name)
        return int(found)

    async def rotate(
        self, session: AsyncSession, identifier: str, grace: dt.timedelta
    ) -> str | None:
        """A new key for the token; the current one keeps working for ``grace``. None when
        there is no active token of that name. A key rotated before is then dropped."""
        t = self.table
        key = new_key()
        result = await session.execute(
            update(t)
            .where(t.c.identifier == identifier, t.c.revoked_at.is_(None))
            .values(
                previous_key_hash=t.c.key_hash,
                previous_expires_at=utcnow() + grace,
                key_hash=hash_key(key),
                key_prefix=key[:8],
            )
        )
        if not result.rowcount:  # type: ignore[attr-defined]
            return None
        await self.changed(session, "rotate")  # cached validity of the old key changed
        await session.commit()
        self.forget()
        return key

    async def list_tokens(
        self, session: AsyncSession, application: str | None = None
    ) -> list[dict[str, object]]:
        t, a = self.table, self.applications
        stmt = (
            select(
                t.c.identifier,
                t.c.key_prefix,
                a.c.name.label("application"),
                a.c.scopes,
                t.c.created_at,
                t.c.expires_at,
                t.c.previous_expires_at,
                t.c.revoked_at,
            )
            .join(a, a.c.id == t.c.application_id)
            .order_by(t.c.id)
        )
        if application is not None:
            stmt = stmt.where(a.c.name == application)
        return [dict(r) for r in (await session.execute(stmt)).mappings().all()]

    async def get_token(self, session: AsyncSession, identifier: str) -> dict[str, Any] | None:
        """A token's row (its key's hash, never a key) with its application's name."""
        t, a = self.table, self.applications
        stmt = (
            select(t, a.c.name.label("application"))
            .join(a, a.c.id == t.c.application_id)
            .where(t.c.identifier == identifier)
        )
        row = (await session.execute(stmt)).mappings().first()
        return dict(row) if row is not None else None

    async def key_in_use(self, session: AsyncSession, key: str, besides: str) -> bool:
        """Whether a token other than ``besides`` has this key (current or rotated)."""
        t, digest = self.table, hash_key(key)
        stmt = select(t.c.id).where(
            (t.c.key_hash == digest) | (t.c.previous_key_hash == digest),
            t.c.identifier != besides,
        )
        return (await session.execute(stmt.limit(1))).first() is not None

    async def set_token(
        self,
        session: AsyncSession,
        identifier: str,
        *,
        key: str | None = None,
        application: str | None = None,
        **values: Any,
    ) -> None:
        """Changes a token's key (a rotated one is dropped with it: the new key replaces
        both), its application, or the given columns (expires_at, description)."""
        if key is not None:
            values |= dict(
                key_hash=hash_key(key),
                key_prefix=key[:8],
                previous_key_hash=None,
                previous_expires_at=None,
            )
        if application is not None:
            values["application_id"] = await self.application_id(session, application)
        t = self.table
        await session.execute(update(t).where(t.c.identifier == identifier).values(**values))
        await self.changed(session, "update")
        await session.commit()
        self.forget()

    async def revoke(self, session: AsyncSession, identifier: str) -> bool:
        t = self.table
        result = await session.execute(
            update(t)
            .where(t.c.identifier == identifier, t.c.revoked_at.is_(None))
            .values(revoked_at=utcnow())
        )
        revoked = bool(result.rowcount)  # type: ignore[attr-defined]
        if revoked:
            await self.changed(session, "revoke")
        await session.commit()
        if revoked:
            self.forget()
        return revoked
