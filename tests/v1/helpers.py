"""Making ZGW JWTs for the v1 tests (HS256 by hand, so the tests do not share the server's
code path for the signature)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from typing import Any

import httpx

V1 = "http://testserver.local/klanten/api/v1"
V2 = "http://testserver.local/klantinteracties/api/v1"
CLIENT_ID = "v1-tests"
SECRET = "een-geheim-van-de-tests"
ALL_SCOPES = ("klanten.lezen", "klanten.aanmaken", "klanten.bijwerken", "klanten.verwijderen")
BRON = "123456782"  # a valid RSIN (elfproef)


def _part(data: dict[str, Any]) -> str:
    raw = json.dumps(data, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def make_jwt(
    client_id: str | None = CLIENT_ID,
    secret: str = SECRET,
    iat: float | None = None,
    alg: str = "HS256",
    **claims: Any,
) -> str:
    payload: dict[str, Any] = {"iss": client_id or "", "user_id": "tester"}
    if client_id is not None:
        payload["client_id"] = client_id
    payload["iat"] = int(time.time()) if iat is None else iat
    payload.update(claims)
    signing = f"{_part({'alg': alg, 'typ': 'JWT'})}.{_part(payload)}"
    sig = hmac.new(secret.encode(), signing.encode(), hashlib.sha256).digest()
    return f"{signing}.{base64.urlsafe_b64encode(sig).rstrip(b'=').decode()}"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def v1_http(app: Any, token: str | None = None) -> httpx.AsyncClient:
    """A client of the app's v1 Klanten API, with this JWT (none: no credentials)."""
    headers = bearer(token) if token is not None else {}
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=V1, headers=headers)


def persoon(**extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "bronorganisatie": BRON,
        "voornaam": "Jan",
        "voorvoegselAchternaam": "van der",
        "achternaam": "Berg",
        "emailadres": "jan@example.nl",
        "telefoonnummer": "0612345678",
        "subjectType": "natuurlijk_persoon",
    }
    body.update(extra)
    return body
