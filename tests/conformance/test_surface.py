"""Surface diff: paths, operations, query parameters and request fields against the contract.

Every operation we serve must match the contract exactly (operationId, query parameter names and
enum values, writable request fields). Operations of the contract we do not serve yet must be listed
in PENDING, so that the list shrinks as resources land and nothing goes missing silently.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.conformance.contract import load, operations, resolve, writable_properties

PENDING_KLANTINTERACTIES: set[str] = set()
# Filters and expand values that belong to resources not built yet.
PENDING_PARAMS: set[tuple[str, str]] = set()


def _params(doc: dict[str, Any], op: dict[str, Any]) -> dict[str, dict[str, Any]]:
    out = {}
    for p in op.get("parameters", []):
        p = resolve(doc, p)
        if p["in"] == "query":
            out[p["name"]] = resolve(doc, p.get("schema", {}))
    return out


def _enum(doc: dict[str, Any], schema: dict[str, Any]) -> list[str] | None:
    if schema.get("type") == "array":
        schema = resolve(doc, schema.get("items", {}))
    values = schema.get("enum")
    return sorted(v for v in values if v) if values else None


async def _served(anon: Any, path: str) -> dict[str, Any]:
    r = await anon.get(path)
    assert r.status_code == 200
    return r.json()  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("contract_file", "root", "pending"),
    [("klantinteracties-openapi.yaml", "/klantinteracties/api/v1", PENDING_KLANTINTERACTIES)],
)
async def test_operations_match_contract(anon, contract_file, root, pending):
    contract = load(contract_file)
    served = await _served(anon, f"http://testserver{root}/openapi.json")
    ours, theirs = operations(served), operations(contract)
    missing = sorted(k for k in theirs if k not in ours and k[0] not in pending)
    assert missing == [], f"contract operations we do not serve: {missing}"
    stale = sorted(p for p in pending if any(k[0] == p for k in ours))
    assert stale == [], f"served but still listed as pending: {stale}"
    extra = sorted(k for k in ours if k not in theirs)
    assert extra == [], f"operations that are not in the contract: {extra}"
    wrong_ids = {
        k: (ours[k].get("operationId"), op["operationId"])
        for k, op in theirs.items()
        if k in ours and ours[k].get("operationId") != op["operationId"]
    }
    assert wrong_ids == {}


async def test_query_parameters_match_contract(anon):
    contract = load("klantinteracties-openapi.yaml")
    served = await _served(anon, "http://testserver/klantinteracties/api/v1/openapi.json")
    ours = operations(served)
    problems = []
    for key, op in operations(contract).items():
        if key not in ours:
            continue
        want, have = _params(contract, op), _params(served, ours[key])
        for name in sorted(set(want) - set(have)):
            if (key[0], name) not in PENDING_PARAMS:
                problems.append(f"{key}: missing query parameter {name}")
        for name in sorted(set(have) - set(want)):
            problems.append(f"{key}: query parameter {name} is not in the contract")
        for name in sorted(set(want) & set(have)):
            w, h = _enum(contract, want[name]), _enum(served, have[name])
            if w != h:
                problems.append(f"{key} {name}: enum {h} differs from contract {w}")
    assert problems == [], "\n".join(problems)


async def test_request_fields_match_contract(anon):
    contract = load("klantinteracties-openapi.yaml")
    served = await _served(anon, "http://testserver/klantinteracties/api/v1/openapi.json")
    ours = operations(served)
    problems = []
    for key, op in operations(contract).items():
        if key not in ours or "requestBody" not in op:
            continue
        want_schema = op["requestBody"]["content"]["application/json"]["schema"]
        have_body = ours[key].get("requestBody", {}).get("content", {}).get("application/json", {})
        want = writable_properties(contract, want_schema)
        have = writable_properties(served, have_body.get("schema", {}))
        if want != have:
            problems.append(f"{key}: missing {sorted(want - have)}, extra {sorted(have - want)}")
    assert problems == [], "\n".join(problems)
