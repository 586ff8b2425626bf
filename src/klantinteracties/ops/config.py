"""What ``klantinteracties config show`` prints. Everything is read from the Settings model
itself, so a new setting shows up here (and in the README check, tests/ops/test_config.py)
without anything to add."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from pydantic import SecretStr

from klantinteracties.settings import Settings, variables

MASK = "********"


@dataclass(frozen=True)
class Row:
    name: str  # the field
    variable: str  # the environment variable that sets it
    value: str  # effective, secrets masked
    default: str
    source: str  # "environment" or "default"
    description: str


def render(value: Any) -> str:
    """A value as it would be written in the environment; secrets masked."""
    if isinstance(value, SecretStr):
        return MASK if value.get_secret_value() else ""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, Path):
        return str(value)
    return _without_password(str(value))


def _without_password(text: str) -> str:
    """URLs may carry a password (DATABASE_URL usually does)."""
    if "://" not in text or "@" not in text:
        return text
    parts = urlsplit(text)
    if parts.password is None:
        return text
    netloc = parts.netloc.replace(f":{parts.password}@", f":{MASK}@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


def rows(settings: Settings, environ: Mapping[str, str] = os.environ) -> list[Row]:
    present = {key.upper() for key in environ}
    out = []
    for name, field in Settings.model_fields.items():
        names = variables(name)
        value = getattr(settings, name)
        if name == "database_url":
            value = settings.resolved_database_url()  # what the server will really use
        out.append(
            Row(
                name,
                names[0],
                render(value),
                render(field.default),
                "environment" if any(n.upper() in present for n in names) else "default",
                field.description or "",
            )
        )
    return out


def as_text(table: Iterable[Row]) -> str:
    lines = [f"{r.variable}={r.value}\t# {r.source}" for r in table]
    return "\n".join(lines)


def as_dicts(table: Iterable[Row]) -> list[dict[str, str]]:
    return [asdict(r) for r in table]
