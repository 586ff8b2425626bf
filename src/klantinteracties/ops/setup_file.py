"""The file ``klantinteracties setup apply`` reads (docs/operations.md, "Declarative setup";
docs/setup.example.yaml): its shape, and the checks that need no database. Every mistake is
reported with its place in the file (``applications[0].tokens[1].keyEnv: ...``), all at once.

Keys never stand in the file: a token names the environment variable or the file that holds its
key, so the file itself can be kept in version control.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from klantinteracties.core.auth import PRIVILEGES, unknown_privileges, unknown_scopes

MIN_KEY_LENGTH = 32  # the keys `token create` makes have 64; a short one could be guessed
STAFF_REFUSED = (
    "staff accounts belong to the beheer UI, which this version does not have yet; "
    "remove the section"
)


class SetupError(Exception):
    """The file cannot be applied; ``problems`` are lines of ``<place>: <what is wrong>``."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=False, frozen=True)


class TokenSpec(_Strict):
    name: str = Field(min_length=1, max_length=100)
    key_env: str | None = Field(default=None, alias="keyEnv")
    key_file: Path | None = Field(default=None, alias="keyFile")
    # YAML reads 2027-06-30 as a date and a quoted one as text: both are taken (see expiry).
    expires: dt.date | str | None = None
    description: str = Field(default="", max_length=500)


class ApplicationSpec(_Strict):
    name: str = Field(min_length=1, max_length=100)
    description: str = Field(default="", max_length=500)
    scopes: list[str] = []
    privileges: list[str] = []
    processing_activity: str | None = Field(default=None, alias="processingActivity")
    tokens: list[TokenSpec] = []


class CategorieSpec(_Strict):
    naam: str = Field(min_length=1, max_length=80)


class NotificationsSpec(_Strict):
    register_kanalen: bool = Field(default=False, alias="registerKanalen")


class SetupFile(_Strict):
    applications: list[ApplicationSpec] = []
    categorieen: list[CategorieSpec] = []
    notifications: NotificationsSpec = NotificationsSpec()


def place(loc: tuple[Any, ...]) -> str:
    """``('applications', 0, 'scopes', 1)`` as ``applications[0].scopes[1]``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else f".{part}" if out else str(part)
    return out or "(top)"


def _reason(item: Any) -> str:
    if item["type"] == "extra_forbidden":
        return "unknown key"
    if item["type"] == "missing":
        return "required"
    return str(item["msg"]).lower()


def load(path: Path) -> SetupFile:
    """The file, checked; SetupError otherwise."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SetupError([f"{path}: cannot be read ({exc.strerror})"]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        raise SetupError([f"{path}: not valid YAML{where}"]) from None
    raw = {} if raw is None else raw
    if not isinstance(raw, dict):
        raise SetupError([f"{path}: the file must be a mapping (applications:, ...)"])
    problems = [f"staff: {STAFF_REFUSED}"] if "staff" in raw else []
    raw.pop("staff", None)
    try:
        spec = SetupFile.model_validate(raw)
    except ValidationError as exc:
        problems += [f"{place(e['loc'])}: {_reason(e)}" for e in exc.errors()]
        raise SetupError(problems) from None
    problems += _rules(spec)
    if problems:
        raise SetupError(problems)
    return spec


def _rules(spec: SetupFile) -> list[str]:
    """What the shape alone does not say: known rights, unique names, one key source."""
    problems = []
    seen_apps: set[str] = set()
    seen_tokens: set[str] = set()
    for i, app in enumerate(spec.applications):
        at = f"applications[{i}]"
        if app.name in seen_apps:
            problems.append(f"{at}.name: {app.name!r} is named twice")
        seen_apps.add(app.name)
        problems += [f"{at}.scopes: unknown scope {s!r}" for s in unknown_scopes(app.scopes)]
        problems += [
            f"{at}.privileges: unknown privilege {p!r}; use {' or '.join(PRIVILEGES)}"
            for p in unknown_privileges(app.privileges)
        ]
        for j, token in enumerate(app.tokens):
            where = f"{at}.tokens[{j}]"
            if token.name in seen_tokens:
                problems.append(f"{where}.name: {token.name!r} is named twice")
            seen_tokens.add(token.name)
            if (token.key_env is None) == (token.key_file is None):
                problems.append(f"{where}: give keyEnv or keyFile (one of them)")
            try:
                expiry(token)
            except ValueError:
                problems.append(
                    f"{where}.expires: not a date or date-time such as 2027-06-30 (a period "
                    "such as 90d is not taken: it would move at every apply)"
                )
    names = [c.naam for c in spec.categorieen]
    problems += [
        f"categorieen[{i}].naam: {n!r} is named twice"
        for i, n in enumerate(names)
        if n in names[:i]
    ]
    return problems


def read_key(token: TokenSpec, where: str) -> str:
    """The token's key from its environment variable or file; SetupError when it is missing or
    too weak. The key itself never appears in a message."""
    if token.key_env is not None:
        key = os.environ.get(token.key_env, "").strip()
        source = f"environment variable {token.key_env}"
        if not key:
            raise SetupError([f"{where}.keyEnv: {source} is not set"])
    else:
        assert token.key_file is not None
        source = f"file {token.key_file}"
        try:
            key = token.key_file.read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise SetupError(
                [f"{where}.keyFile: {source} cannot be read ({exc.strerror})"]
            ) from None
    if len(key) < MIN_KEY_LENGTH or any(c.isspace() for c in key):
        raise SetupError(
            [f"{where}: the key in {source} needs {MIN_KEY_LENGTH} characters or more, no spaces"]
        )
    return key


def expiry(token: TokenSpec) -> dt.datetime | None:
    """A fixed moment in UTC: a relative one (90d) would change at every apply."""
    value = token.expires
    if value is None:
        return None
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)  # ValueError when it is not one
    if not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time(), dt.UTC)
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)
