"""Dutch phone-number check shared by digitale adressen and actoren (no domain imports)."""

from __future__ import annotations

import re

PHONE_PATTERN = r"^(0[1-9][0-9]{8}|\+[0-9]{9,15}|00[0-9]{7,13})$"

# Service numbers (0800/0900) and municipal short numbers (14 0xx) reach an organisation, not a
# person, so they are refused as someone's phone number. "140" also covers "1400".
_BLOCKED_PREFIXES = ("0800", "0900", "140")
_PHONE = re.compile(PHONE_PATTERN)

BLOCKED_REASON = (
    "Telefoonnummers die met 0800, 0900, 1400 of 140xx beginnen kunnen hier niet worden opgegeven."
)
INVALID_REASON = (
    "Dit is geen geldig telefoonnummer; gebruik bijvoorbeeld 0612345678, +31612345678 of "
    "0031612345678."
)


def phone_error(value: str) -> str | None:
    """Why ``value`` is not an acceptable phone number (None when it is)."""
    if value.startswith(_BLOCKED_PREFIXES):
        return BLOCKED_REASON
    if not _PHONE.match(value):
        return INVALID_REASON
    return None
