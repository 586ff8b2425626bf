"""The surface diff: everything a client of the contract can see, compared with what we serve."""

from __future__ import annotations

from fnmatch import fnmatchcase
from typing import Any

from tests.conformance.contract import body_schema, operations, query_params, response_schemas
from tests.conformance.shapes import Diff, compare, describe, writable


def surface_diff(contract: dict[str, Any], served: dict[str, Any]) -> Diff:
    diff = Diff()
    ours = operations(served)
    for key, want in operations(contract).items():
        label = f"{key[1].upper()} {key[0]}"
        have = ours.get(key)
        if have is None:
            diff.problems.append(f"{label}: operation missing")
            continue
        if have.get("operationId") != want["operationId"]:
            diff.problems.append(
                f"{label}: operationId {have.get('operationId')}, contract {want['operationId']}"
            )
        _params(contract, want, served, have, label, diff)
        _body(contract, want, served, have, label, diff)
        _responses(contract, want, served, have, label, diff)
    for key in ours.keys() - operations(contract).keys():
        label = f"{key[1].upper()} {key[0]}"
        if ours[key].get("x-extension") is True:
            diff.extensions.append(f"{label}: {ours[key].get('operationId')}")
        else:
            diff.additions.append(f"{label}: operation")
    return diff


def _params(c: Any, want: Any, s: Any, have: Any, label: str, diff: Diff) -> None:
    wanted, had = query_params(c, want), query_params(s, have)
    for name in wanted.keys() - had.keys():
        diff.problems.append(f"{label} ?{name}: missing")
    for name in had.keys() - wanted.keys():
        diff.additions.append(f"{label} ?{name}")
    for name in wanted.keys() & had.keys():
        w, h = describe(c, wanted[name]), describe(s, had[name])
        w.nullable = h.nullable = False  # a query value is never null
        compare(w, h, f"{label} ?{name}", diff, sending=True)


def _body(c: Any, want: Any, s: Any, have: Any, label: str, diff: Diff) -> None:
    wanted, had = body_schema(want), body_schema(have)
    if wanted is None or had is None:
        if (wanted is None) != (had is None):
            diff.problems.append(f"{label} body: {'missing' if had is None else 'not expected'}")
        return
    w = bool(want["requestBody"].get("required"))
    h = bool(have["requestBody"].get("required"))
    if w != h:
        (diff.problems if h else diff.additions).append(f"{label} body: required {h}, contract {w}")
    compare(writable(describe(c, wanted)), describe(s, had), f"{label} body", diff, sending=True)


def _responses(c: Any, want: Any, s: Any, have: Any, label: str, diff: Diff) -> None:
    wanted, had = response_schemas(want), response_schemas(have)
    for status in wanted.keys() - had.keys():
        diff.problems.append(f"{label} {status}: response missing")
    for status in had.keys() - wanted.keys():
        diff.additions.append(f"{label} {status}: response")
    for status in wanted.keys() & had.keys():
        w, h = wanted[status], had[status]
        if w is None or h is None:
            if (w is None) != (h is None):
                diff.problems.append(
                    f"{label} {status}: body {'missing' if h is None else 'extra'}"
                )
            continue
        compare(describe(c, w), describe(s, h), f"{label} {status}", diff, sending=False)


def unlisted(found: list[str], listed: dict[str, str]) -> tuple[list[str], list[str]]:
    """Entries of ``found`` that match no pattern of ``listed``, and patterns that match none."""
    rest = [f for f in found if not any(fnmatchcase(f, p) for p in listed)]
    stale = [p for p in listed if not any(fnmatchcase(f, p) for f in found)]
    return sorted(rest), sorted(stale)
