"""The v1 (ZGW) side of an application: its client id, JWT secret and v1 scopes
(db/models/v1.py ``v1_client``). Managed here with the applications; the v1 APIs read it to
authenticate (klantinteracties/v1/jwt.py). Changes take effect on the next request: v1 clients
are looked up per request, not cached."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from klantinteracties.db.models import application, v1_client

# The scopes of the Klanten and Contactmomenten API 1.0.0 (the Contactmomenten API comes later).
V1_SCOPES = (
    "klanten.lezen",
    "klanten.aanmaken",
    "klanten.bijwerken",
    "klanten.verwijderen",
    "contactmomenten.lezen",
    "contactmomenten.aanmaken",
    "contactmomenten.bijwerken",
    "contactmomenten.verwijderen",
    "audittrails.lezen",
)


def unknown_v1_scopes(scopes: Iterable[str]) -> list[str]:
    return [s for s in scopes if s not in V1_SCOPES]


async def client_of(session: AsyncSession, name: str) -> dict[str, Any] | None:
    """The application's v1 client without its secret (for ``application show``)."""
    c, a = v1_client.c, application.c
    stmt = (
        select(c.client_id, c.scopes)
        .join(application, a.id == c.application_id)
        .where(a.name == name)
    )
    row = (await session.execute(stmt)).mappings().first()
    return dict(row) if row is not None else None


async def client_id_taken(session: AsyncSession, client_id: str, besides: str) -> bool:
    c, a = v1_client.c, application.c
    stmt = (
        select(c.id)
        .join(application, a.id == c.application_id)
        .where(c.client_id == client_id, a.name != besides)
    )
    return (await session.execute(stmt.limit(1))).first() is not None


async def set_client(
    session: AsyncSession,
    name: str,
    client_id: str | None = None,
    secret: str | None = None,
    scopes: list[str] | None = None,
) -> None:
    """Sets what is given; an application's first v1 client needs a client id and a secret
    (ValueError otherwise). LookupError when there is no such application. The caller commits."""
    app_id = (
        await session.execute(select(application.c.id).where(application.c.name == name))
    ).scalar()
    if app_id is None:
        raise LookupError(name)
    values: dict[str, Any] = {}
    if client_id is not None:
        values["client_id"] = client_id
    if secret is not None:
        values["secret"] = secret
    if scopes is not None:
        values["scopes"] = sorted(set(scopes))
    if not values:
        return
    c = v1_client.c
    result = await session.execute(
        update(v1_client).where(c.application_id == app_id).values(**values)
    )
    if result.rowcount:  # type: ignore[attr-defined]
        return
    if client_id is None or secret is None:
        raise ValueError("Een eerste v1-client heeft --client-id en --secret-stdin nodig.")
    values.setdefault("scopes", [])
    await session.execute(v1_client.insert().values(application_id=app_id, **values))
