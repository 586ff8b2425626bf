"""The served Klanten API document against the Open Klant 1.0 contract (as tests/conformance
does for v2): every difference is listed here with its reason, and an unlisted one fails."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from openapi_spec_validator import validate

from tests.conformance.contract import load, resolve
from tests.conformance.surface import surface_diff, unlisted

CONTRACT = "v1/klanten-openklant-1.0.0-openapi.yaml"
URL = "http://testserver.local/klanten/api/v1/openapi.json"

# Problems we accept, with the reason (docs/v1.md, "Contract").
KNOWN_PROBLEMS: dict[str, str] = {
    "GET /klanten/{klant_uuid}/audittrail*: operation missing": "the audit trail endpoints "
    "come with a later increment (issue 18)",
    "* 4[012][09]: response missing": "never answered: no version conflicts (409), nothing is "
    "gone (410), no rate limit (429)",
    "* 500: response missing": "an unexpected error is a 500 problem body, but not promised",
    "* 415: response missing": "a body-less operation never looks at the Content-Type",
    "* 2??*.emailadres: type string, contract string:email": "'' when not given",
    "* 2??*.subject: type string, contract string:uri": "'' when not given",
    "* 2??*.websiteUrl: type string, contract string:uri": "'' when not given",
    "* body.emailadres: type string, contract string:email": "'' is accepted: not given",
    "* body.subject: type string, contract string:uri": "'' is accepted: not given",
    "* body.websiteUrl: type string, contract string:uri": "'' is accepted: not given",
    "* 400.invalidParams: optional (contract: required)": "a 400 that is no validation error "
    "(malformed JSON: parse_error) has no invalidParams",
}
# More than the contract, with the reason.
ADDITIONS: dict[str, str] = {
    "* [45]??.type: required (contract: optional)": "every problem body has a type",
    "* 400: response": "a 400 problem body where the contract has none (e.g. an unusable "
    "filter value)",
    "GET /klanten 404: response": "a page out of range",
    "* 408: response": "the body did not arrive in time",
    "* 413: response": "the body is too large",
    "* 503: response": "the database is unreachable (Retry-After)",
    "* 20[01]*.subjectIdentificatie": "the contract has it only in the subtypes of its "
    "discriminator (allOf); documented here on the klant itself",
    "* body.subjectIdentificatie": "likewise",
    "* body.klantnummer: optional (contract: required)": "kla-001: generated when not sent",
    "PATCH /klanten/{uuid} body.bronorganisatie: optional (contract: required)": "PATCH demands "
    "nothing",
    "PATCH /klanten/{uuid} body: required False, contract True": "an empty PATCH changes nothing",
}


def inlined(contract: dict[str, Any]) -> dict[str, Any]:
    """The contract with its shared request bodies and responses (``$ref`` into
    ``components``) written out, and its problem bodies read as JSON, which is what the diff
    compares."""
    doc = copy.deepcopy(contract)
    for item in doc["paths"].values():
        for op in item.values():
            if not isinstance(op, dict) or "responses" not in op:
                continue
            if "requestBody" in op:
                op["requestBody"] = resolve(doc, op["requestBody"])
            for status, response in list(op["responses"].items()):
                response = copy.deepcopy(resolve(doc, response))
                content = response.get("content", {})
                if "application/problem+json" in content:
                    content.setdefault("application/json", content["application/problem+json"])
                op["responses"][status] = response
    return doc


@pytest.fixture
async def served(anon):
    r = await anon.get(URL)
    assert r.status_code == 200
    return r.json()


async def test_surface_matches_contract(served):
    diff = surface_diff(inlined(load(CONTRACT)), served)
    problems, stale_problems = unlisted(diff.problems, KNOWN_PROBLEMS)
    additions, stale_additions = unlisted(diff.additions, ADDITIONS)
    report = "\n".join(
        [
            f"== {len(diff.problems)} problems, {len(diff.additions)} additions",
            *("PROBLEM  " + p for p in sorted(diff.problems)),
            *("ADDITION " + a for a in sorted(diff.additions)),
            "== not listed:",
            *problems,
            *additions,
            "== listed but no longer found:",
            *stale_problems,
            *stale_additions,
        ]
    )
    assert not (problems or additions or stale_problems or stale_additions), report
    assert diff.extensions == []


async def test_served_document_is_valid_openapi_303(served):
    assert served["openapi"] == "3.0.3"
    assert served["servers"] == [{"url": "/klanten/api/v1"}]
    assert served["components"]["securitySchemes"]["JWT-Claims"]["scheme"] == "bearer"
    validate(served)
