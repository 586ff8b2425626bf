"""Query-string handling for list and detail endpoints.

A ``FilterSet`` declares every accepted query parameter. Anything else is rejected with 400
``unknown-parameters`` (clients rely on this to catch typos). Values are parsed strictly: a bad
UUID, date, choice or boolean is a 400, never silently ignored. An empty value (``?status=``) is
no filter at all, as in the reference: clients build query strings from empty form fields.

Filters that belong to one related row (e.g. the four ``partijIdentificator__*`` params) share a
``group``: their values are handed together to one clause builder so that they all match the
*same* related row.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import urlsplit

from sqlalchemy import ColumnElement, false

from .errors import InvalidParam, ValidationFailed, invalid
from .urls import is_url

Kind = Literal["string", "uuid", "bool", "enum", "date", "datetime", "url", "csv"]
Clause = ColumnElement[bool]

PAGINATION_PARAMS = ("page", "pageSize")

# The longest stored text has 4000 characters, so a longer value can match nothing; and SQLite
# refuses LIKE patterns over 50000 bytes (4000 characters, escaped, stay below that).
MAX_VALUE_LENGTH = 4000

_TRUE = {"true", "1"}
_FALSE = {"false", "0"}


@dataclass(frozen=True)
class Filter:
    name: str
    kind: Kind
    apply: Callable[[Any], Clause] | None = None  # value -> clause (None for grouped filters)
    group: str | None = None
    enum: tuple[str, ...] = ()
    description: str = ""
    deprecated: bool = False
    # Rights groups whose rows the clause reads besides the resource's own (e.g. a betrokkenen
    # filter on a partij's BSN reads "partijen"); the token needs read on each. A test derives
    # them from the tables in the clause, so a missing one is caught.
    reads: tuple[str, ...] = ()


@dataclass(frozen=True)
class FilterGroup:
    name: str
    apply: Callable[[dict[str, Any]], Clause]  # {filter name: parsed value} -> clause


def parse_uuid(name: str, raw: str) -> uuid.UUID:
    try:
        return uuid.UUID(raw)
    except ValueError:
        raise invalid(name, "Voer een geldige UUID in.") from None


def parse_bool(name: str, raw: str) -> bool:
    low = raw.lower()
    if low in _TRUE:
        return True
    if low in _FALSE:
        return False
    raise invalid(name, "Kies true of false (of 1 of 0).")


def parse_datetime(name: str, raw: str) -> dt.datetime:
    """ISO 8601; naive means UTC. A '+' of an offset arrives as a space when not URL-encoded."""
    for candidate in (raw, raw[:-6] + "+" + raw[-5:] if raw[-6:-5] == " " else raw):
        try:
            value = dt.datetime.fromisoformat(candidate)
        except ValueError:
            continue
        try:
            return (
                value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)
            )
        except OverflowError:  # e.g. 9999-12-31T23:00-05:00 has no UTC equivalent
            break
    raise invalid(name, "Voer een geldige datum/tijd in.")


def uuid_from_url(name: str, raw: str) -> uuid.UUID | None:
    """Only the last path segment of a resource URL identifies it; host and path are not checked."""
    if not is_url(raw):
        raise invalid(name, "Voer een geldige URL in.")
    last = urlsplit(raw).path.rstrip("/").rsplit("/", 1)[-1]
    try:
        return uuid.UUID(last)
    except ValueError:
        return None


def _parse_value(f: Filter, raw: str) -> Any:
    if f.kind == "uuid":
        return parse_uuid(f.name, raw)
    if f.kind == "bool":
        return parse_bool(f.name, raw)
    if f.kind == "enum":
        if raw not in f.enum:
            reason = f"Selecteer een geldige keuze. {raw} is geen beschikbare keuze."
            raise invalid(f.name, reason, "invalid_choice")
        return raw
    if f.kind == "date":
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            raise invalid(f.name, "Voer een geldige datum in.") from None
    if f.kind == "datetime":
        return parse_datetime(f.name, raw)
    if f.kind == "url":
        return uuid_from_url(f.name, raw)
    if f.kind == "csv":
        return [v.strip() for v in raw.split(",") if v.strip()]
    return raw


@dataclass
class ParsedQuery:
    clauses: list[Clause] = field(default_factory=list)
    expand: tuple[str, ...] = ()
    page: str | None = None
    page_size: str | None = None
    reads: set[str] = field(default_factory=set)  # the used filters' ``Filter.reads``


@dataclass(frozen=True)
class FilterSet:
    filters: Sequence[Filter] = ()
    groups: Sequence[FilterGroup] = ()
    expand: tuple[str, ...] = ()
    by_name: dict[str, Filter] = field(init=False, repr=False, compare=False)
    by_group: dict[str, FilterGroup] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_name", {f.name: f for f in self.filters})
        object.__setattr__(self, "by_group", {g.name: g for g in self.groups})

    def parse_list(self, params: Mapping[str, str], multi: Mapping[str, list[str]]) -> ParsedQuery:
        known = set(self.by_name) | set(PAGINATION_PARAMS)
        if self.expand:
            known.add("expand")
        reject_unknown(params, known)
        out = ParsedQuery(page=params.get("page"), page_size=params.get("pageSize"))
        grouped: dict[str, dict[str, Any]] = {}
        for name, raw in params.items():
            f = self.by_name.get(name)
            if f is None or raw == "":
                continue  # an empty value means "no filter", as clients of the reference expect
            value = _parse_value(f, raw)
            out.reads.update(f.reads)
            if f.group:
                grouped.setdefault(f.group, {})[name] = value
            elif f.kind == "url" and value is None:
                out.clauses.append(false())
            else:
                assert f.apply is not None
                out.clauses.append(f.apply(value))
        for group_name, values in grouped.items():
            out.clauses.append(self.by_group[group_name].apply(values))
        out.expand = parse_expand(multi.get("expand", []), self.expand)
        return out

    def parse_detail(
        self, params: Mapping[str, str], multi: Mapping[str, list[str]]
    ) -> tuple[str, ...]:
        # Pagination parameters mean nothing here, but the reference accepts them.
        known = set(PAGINATION_PARAMS) | ({"expand"} if self.expand else set())
        reject_unknown(params, known)
        return parse_expand(multi.get("expand", []), self.expand)


def reject_unknown(params: Mapping[str, str], known: set[str]) -> None:
    reject_unknown_names(params, known)
    for name, value in params.items():
        if "\x00" in value:  # no database stores NUL in text; PostgreSQL fails on it
            raise invalid(name, "Een waarde mag geen NUL-teken bevatten.")
        if len(value) > MAX_VALUE_LENGTH:
            reason = f"Een waarde mag niet langer zijn dan {MAX_VALUE_LENGTH} tekens."
            raise invalid(name, reason, "max_length")


def reject_unknown_names(names: Iterable[str], known: set[str]) -> None:
    unknown = sorted(set(names) - known)
    if unknown:
        reason = f"Onbekende query parameters: {', '.join(unknown)}"
        raise ValidationFailed([InvalidParam("nonFieldErrors", "unknown-parameters", reason)])


def parse_expand(raw_values: list[str], allowed: tuple[str, ...]) -> tuple[str, ...]:
    """``expand=a,b.c`` and repeated ``expand=a&expand=b`` are both accepted."""
    requested: list[str] = []
    for raw in raw_values:
        for item in raw.split(","):
            item = item.strip()
            if not item:
                continue
            if item not in allowed:
                reason = f"Selecteer een geldige keuze. {item} is geen beschikbare keuze."
                raise invalid("expand", reason, "invalid_choice")
            if item not in requested:
                requested.append(item)
    return tuple(requested)


# Small clause helpers used by every resource's filters.py
def eq(column: Any) -> Callable[[Any], Clause]:
    return lambda value: column == value


def contains_pattern(value: str) -> str:
    """A LIKE pattern matching ``value`` anywhere, its own wildcards escaped with a backslash."""
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def icontains(column: Any) -> Callable[[Any], Clause]:
    """Case-insensitive substring match written as ILIKE: PostgreSQL's trigram (GIN) indexes
    serve ILIKE on the column itself, whereas ``lower(column) LIKE`` would bypass them."""
    return lambda value: column.ilike(contains_pattern(value), escape="\\")


def is_null(column: Any) -> Callable[[bool], Clause]:
    """For boolean filters meaning "has a value": true -> IS NOT NULL, false -> IS NULL."""
    return lambda value: column.is_not(None) if value else column.is_(None)
