"""Real responses from a seeded database validate against the contract and against our own
served document.

Every write answer (201/200) of the seeding, and GET of every list (also a later page) and of every
object in it, without expand, with each expand value alone and with all of them, is validated:

* against the contract's response schema for that operation, as an existing client reads it
  (with the contract's known errors corrected and every key required, see ``contract.answered``);
* against our served document with unknown keys forbidden, so that the document we publish
  describes exactly what we return.
"""

from __future__ import annotations

import copy
from typing import Any

import httpx

from tests.conformance.contract import (
    CONTACTGEGEVENS,
    KLANTINTERACTIES,
    answered,
    operations,
    query_params,
    response_schemas,
    validation_errors,
)
from tests.conformance.seed import Exchange, seed

CG_BASE = "http://testserver.local/contactgegevens/api/v1"


def closed(doc: dict[str, Any]) -> dict[str, Any]:
    """``doc`` with ``additionalProperties: false`` on every object that lists its properties."""
    doc = copy.deepcopy(doc)

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if "properties" in node and "additionalProperties" not in node:
                node["additionalProperties"] = False
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(doc)
    return doc


class Checker:
    def __init__(self, contracts: dict[str, Any], served: dict[str, Any]) -> None:
        self.contracts, self.served = contracts, served
        self.failures: list[str] = []
        self.checked = 0

    def check(self, api: str, ex: Exchange, label: str) -> None:
        self.checked += 1
        for name, doc in (("contract", self.contracts[api]), ("served", self.served[api])):
            op = operations(doc)[(ex.path, ex.method)]
            schema = response_schemas(op).get(str(ex.status))
            if schema is None:
                self.failures.append(f"{label}: {name} documents no {ex.status} body")
                continue
            for error in validation_errors(doc, schema, ex.body):
                self.failures.append(f"{label} [{name}] {error}")


def _expands(doc: dict[str, Any], path: str) -> list[list[str]]:
    """No expand, each value alone, and all values together."""
    param = query_params(doc, operations(doc)[(path, "get")]).get("expand")
    values = param["items"]["enum"] if param else []
    return [[]] + [[v] for v in values] + ([values] if len(values) > 1 else [])


async def _get(client: httpx.AsyncClient, url: str, params: dict[str, Any]) -> Any:
    r = await client.get(url, params=params)
    assert r.status_code == 200, (url, params, r.text)
    return r.json()


async def _read_all(client: httpx.AsyncClient, checker: Checker, api: str, base: str) -> None:
    served = checker.served[api]
    for path, method in operations(served):
        if method != "get" or "{" in path:
            continue
        for expand in _expands(served, path):
            params = {"expand": ",".join(expand)} if expand else {}
            page = await _get(client, f"{base}{path}", params)
            checker.check(api, Exchange("get", path, 200, page), f"GET {path} {params}")
            for item in page["results"]:
                detail = f"{path}/{{uuid}}"
                body = await _get(client, f"{base}{path}/{item['uuid']}", params)
                checker.check(api, Exchange("get", detail, 200, body), f"GET {detail} {params}")
        if page["count"] >= 2:  # next and previous filled
            second = await _get(client, f"{base}{path}", {"pageSize": 1, "page": 2})
            checker.check(api, Exchange("get", path, 200, second), f"GET {path} page 2")


async def test_real_responses_conform(client, anon):
    contracts = {
        KLANTINTERACTIES: answered(KLANTINTERACTIES),
        CONTACTGEGEVENS: answered(CONTACTGEGEVENS),
    }
    served = {
        KLANTINTERACTIES: closed((await anon.get("/openapi.json")).json()),
        CONTACTGEGEVENS: closed((await anon.get(f"{CG_BASE}/openapi.json")).json()),
    }
    checker = Checker(contracts, served)
    seeded = await seed(client)
    for ex in seeded.writes:
        api = CONTACTGEGEVENS if ex.path.startswith("cg/") else KLANTINTERACTIES
        ex.path = ex.path.removeprefix("cg")
        checker.check(api, ex, f"{ex.method.upper()} {ex.path} {ex.status}")
    await _read_all(client, checker, KLANTINTERACTIES, str(client.base_url).rstrip("/"))
    await _read_all(client, checker, CONTACTGEGEVENS, CG_BASE)
    assert checker.checked > 200, checker.checked
    print(f"{checker.checked} responses validated")
    assert checker.failures == [], "\n".join(checker.failures)
