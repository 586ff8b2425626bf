"""ZGW authentication as v1 clients send it: ``Authorization: Bearer <JWT>``, HS256.

The JWT's ``client_id`` claim names a v1 client (db/models/v1.py ``v1_client``), which belongs
to an application of access/ and holds the secret the JWT must be signed with and the v1 scopes
(``klanten.lezen`` ...). ``iat`` is required and may be at most ``v1_jwt_expiry`` seconds old
(and not in the future), ``exp`` is honoured when present, both with ``v1_jwt_leeway``. Only
HS256 is accepted: the algorithm a token names is never trusted (``none``, RS256 with the
secret as a public key). Verification is the standard library's HMAC, compared in constant time.

A failed check is a 401, a missing scope a 403; the detail says which check failed but never
echoes the token or its claims.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import time
from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from klantinteracties.core.auth import Principal
from klantinteracties.core.errors import (
    ProblemError,
    authentication_failed,
    not_authenticated,
    permission_denied,
)
from klantinteracties.db.models import application, v1_client


def failed(detail: str, reason: str) -> ProblemError:
    """The 401 of a refused token, naming the scheme v1 clients use."""
    err = authentication_failed(detail, reason)
    err.headers = {"WWW-Authenticate": "Bearer"}
    return err


@dataclass(frozen=True)
class V1Principal:
    principal: Principal  # the application, for the view, the processing log and the access log
    v1_scopes: frozenset[str]

    def require(self, scope: str) -> None:
        if scope not in self.v1_scopes:
            raise permission_denied(f"Deze client heeft de scope {scope} niet.")


def _b64(part: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
    except (binascii.Error, ValueError):
        raise failed("De JWT is niet goed gevormd.", "malformed") from None


def _json(raw: bytes) -> dict[str, Any]:
    try:
        value = orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise failed("De JWT is niet goed gevormd.", "malformed") from None
    if not isinstance(value, dict):
        raise failed("De JWT is niet goed gevormd.", "malformed")
    return value


@dataclass(frozen=True)
class Unverified:
    signing_input: bytes
    signature: bytes
    claims: dict[str, Any]


def split(token: str) -> Unverified:
    parts = token.split(".")
    if len(parts) != 3:
        raise failed("De JWT is niet goed gevormd.", "malformed")
    header = _json(_b64(parts[0]))
    if header.get("alg") != "HS256":
        raise failed("Alleen JWT's ondertekend met HS256 worden aanvaard.", "algorithm")
    claims = _json(_b64(parts[1]))
    return Unverified(f"{parts[0]}.{parts[1]}".encode(), _b64(parts[2]), claims)


def bearer(header: str | None) -> str:
    parts = (header or "").split()
    if not parts or parts[0].lower() != "bearer":
        raise not_authenticated()
    if len(parts) != 2:
        raise failed("Ongeldige Bearer-header.", "malformed")
    return parts[1]


def _number(claims: dict[str, Any], name: str) -> float | None:
    value = claims.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise failed(f"De claim {name} is geen tijdstip.", "malformed")
    return float(value)


def check_times(claims: dict[str, Any], expiry: int, leeway: int, now: float) -> None:
    iat = _number(claims, "iat")
    if iat is None:
        raise failed("De JWT mist de claim iat.", "malformed")
    if iat > now + leeway:
        raise failed("De JWT is uitgegeven in de toekomst (iat).", "not_yet_valid")
    if now > iat + expiry + leeway:
        raise failed("De JWT is verlopen.", "expired")
    exp = _number(claims, "exp")
    if exp is not None and now > exp + leeway:
        raise failed("De JWT is verlopen.", "expired")


async def authenticate(
    session: AsyncSession, header: str | None, expiry: int, leeway: int
) -> V1Principal:
    token = split(bearer(header))
    client_id = token.claims.get("client_id")
    if not isinstance(client_id, str) or not client_id:
        raise failed("De JWT mist de claim client_id.", "malformed")
    c, a = v1_client.c, application.c
    stmt = (
        select(c.secret, c.scopes, a.name, a.scopes.label("app_scopes"), a.privileges)
        .add_columns(a.processing_activity_id)
        .join(application, a.id == c.application_id)
        .where(c.client_id == client_id)
    )
    row = (await session.execute(stmt)).first()
    # The same answer for an unknown client as for a wrong signature: no probing of client ids.
    expected = hmac.new(
        (row.secret if row is not None else "").encode(), token.signing_input, hashlib.sha256
    ).digest()
    if row is None or not hmac.compare_digest(expected, token.signature):
        raise failed("De JWT-ondertekening klopt niet of de client is onbekend.", "unknown")
    check_times(token.claims, expiry, leeway, time.time())
    principal = Principal(
        client_id,
        tuple(row.app_scopes),
        row.name,
        frozenset(row.privileges),
        row.processing_activity_id,
    )
    return V1Principal(principal, frozenset(row.scopes))
