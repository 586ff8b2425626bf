"""Password hashing for staff accounts: argon2id (argon2-cffi's defaults, which follow RFC 9106's
recommendation), run in a thread so that one login's ~50 ms of hashing never stalls the other
requests of the process."""

from __future__ import annotations

import asyncio

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_LENGTH = 12

_hasher = PasswordHasher()
# Checked against when the name typed in has no (enabled) account, so that a guessed name costs
# the same time as a real one with a wrong password.
_DUMMY = _hasher.hash("no account has this password")


def too_weak(password: str) -> str | None:
    """Why a new password is refused, or None."""
    if len(password) < MIN_LENGTH:
        return f"A password needs at least {MIN_LENGTH} characters."
    return None


async def hash_password(password: str) -> str:
    return await asyncio.to_thread(_hasher.hash, password)


def _verify(stored: str | None, password: str) -> bool:
    try:
        return _hasher.verify(stored or _DUMMY, password) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


async def verify_password(stored: str | None, password: str) -> bool:
    """Whether ``password`` matches ``stored``; ``None`` (no such account) is checked against a
    dummy hash and is never a match."""
    return await asyncio.to_thread(_verify, stored, password)
