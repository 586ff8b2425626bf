"""Time-based one-time passwords (RFC 6238 over RFC 4226's HOTP): HMAC-SHA1, 6 digits, 30
second steps, the form every authenticator app reads from an ``otpauth://`` URI. A code is
accepted one step early or late (clock drift), and each step only once per account."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import struct
from urllib.parse import quote, urlencode

DIGITS = 6
PERIOD = 30
ISSUER = "Klantinteracties beheer"


def new_secret() -> str:
    """160 random bits (RFC 4226's recommended length), base32 without padding."""
    return base64.b32encode(secrets.token_bytes(20)).decode().rstrip("=")


def _key(secret: str) -> bytes:
    return base64.b32decode(secret + "=" * (-len(secret) % 8), casefold=True)


def hotp(key: bytes, counter: int, digits: int = DIGITS) -> str:
    mac = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    value = struct.unpack(">I", mac[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(value % 10**digits).zfill(digits)


def step_of(unix_time: float) -> int:
    return int(unix_time // PERIOD)


def code_at(secret: str, unix_time: float) -> str:
    return hotp(_key(secret), step_of(unix_time))


def accepted_step(secret: str, code: str, unix_time: float, last_step: int | None) -> int | None:
    """The step ``code`` belongs to, if it is valid now and newer than ``last_step``."""
    code = "".join(code.split())
    if len(code) != DIGITS or not code.isdigit():
        return None
    now = step_of(unix_time)
    for step in (now - 1, now, now + 1):
        if last_step is not None and step <= last_step:
            continue
        if hmac.compare_digest(hotp(_key(secret), step), code):
            return step
    return None


def uri(secret: str, name: str) -> str:
    """The ``otpauth://`` URI an authenticator app reads (as text or from a QR code)."""
    label = f"{quote(ISSUER)}:{quote(name, safe='')}"  # the colon separates, literally
    query = urlencode({"secret": secret, "issuer": ISSUER, "digits": DIGITS, "period": PERIOD})
    return f"otpauth://totp/{label}?{query}"
