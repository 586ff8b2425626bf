"""Surface diff: every operation, query parameter, request field and response field of the
contracts, compared with the OpenAPI documents we serve.

A difference that could break a client of the contract is a *problem*; more than the contract
(an extra field, accepting null, a stricter promise in a response) is an *addition*. Both are
allowed only when listed below with the reason, so that every change of the surface is seen:
a new difference fails the test, and so does a listed one that no longer occurs. On failure the
whole diff is printed.
"""

from __future__ import annotations

from typing import Any

import pytest
from openapi_spec_validator import validate

from tests.conformance.contract import CONTACTGEGEVENS, KLANTINTERACTIES, load, operations
from tests.conformance.surface import surface_diff, unlisted

KI = "http://testserver.local/klantinteracties/api/v1/openapi.json"
CG = "http://testserver.local/contactgegevens/api/v1/openapi.json"

# Problems we accept, with the reason. "C<n>": section "Where the published contract is wrong" of
# docs/compatibility.md. "TODO <file>": a documentation gap for the owner of that file to close.
NULL = ": returns null (contract: never null)"
KNOWN_PROBLEMS: dict[str, dict[str, str]] = {
    KLANTINTERACTIES: {
        f"* 20[01]*.partijIdentificatie{NULL}": "C1: null when no sub-object was ever given",
        f"* 20[01]*.actorIdentificatie{NULL}": "C1: null when no sub-object was ever given",
        f"* 20[01]*.toegewezenAanActor.uuid{NULL}": "C7: uuid null for a taak without actoren",
        "[PU]* /partijen* body: required True, contract False": "C2: soortPartij is required",
        "[PU]* /actoren* body: required True, contract False": "C2: naam, soortActor required",
        "* body.partijIdentificatie.*: missing": "TODO api/partijen/schemas.py: the body model "
        "takes the sub-object as a plain object; document its three shapes (WithJsonSchema)",
        "* body.actorIdentificatie.*: missing": "TODO api/actoren/schemas.py: likewise",
        "POST /maak-klantcontact 201.*: missing": "TODO api/maak_klantcontact/router.py: "
        "document the 201 body with model_ref(outputs.MAAK_KLANTCONTACT_OUTPUT)",
        f"POST /maak-klantcontact 201.*{NULL}": "C3: null without betrokkene/onderwerpobject",
        "* ?pageSize: type string, contract integer": "C8: an unusable pageSize means the "
        "default, never a 400; our document must not promise a refusal",
        "* ?page: type string, contract integer": "C8: `last` and an empty page are accepted",
        "DELETE /onderwerpobjecten/{uuid} ?cascade: type string, contract boolean": "C8: only "
        "the word true switches it on, any other value means off",
        "* 20[01]*.hoofdOnderwerpType: type string, contract string:uri": "C5: '' when not given",
        "* 20[01]*.emailadres: type string, contract string:email": "C5: '' when not given",
        "* body*.hoofdOnderwerpType: type string, contract string:uri": "C5: '' is accepted "
        "(not given); our document says it with a pattern (URL or empty)",
    },
    CONTACTGEGEVENS: {
        "* ?pageSize: type string, contract integer": "C8: an unusable pageSize means the "
        "default, never a 400; our document must not promise a refusal",
        "* ?page: type string, contract integer": "C8: `last` and an empty page are accepted",
    },
}

# Additions, with the reason.
ACCEPTS_NULL = ": accepts null (contract: refuses null)"
ERRORS_DOCUMENTED = "the refusals (problem body) are documented; the contract documents none"
ADDITIONS: dict[str, dict[str, str]] = {
    KLANTINTERACTIES: {
        "* [45]??: response": ERRORS_DOCUMENTED,
        "* body*.url": "a relation's url may be sent back as received; it is ignored",
        "GET * 200*._expand.*._expand": "nested expand paths (a.b) put _expand inside the items",
        f"* body.partijIdentificatie{ACCEPTS_NULL}": "null clears the sub-object",
        f"* body.actorIdentificatie{ACCEPTS_NULL}": "null clears the sub-object",
        "PATCH /partijen/{uuid} body.*: optional (contract: required)": "C4: PATCH demands nothing",
        "PATCH /actoren/{uuid} body.*: optional (contract: required)": "C4: PATCH demands nothing",
        f"* /partij-identificatoren* body.uuid{ACCEPTS_NULL}": "the uuid is ignored there",
        f"* /partijen* body.partijIdentificatoren[].uuid{ACCEPTS_NULL}": "null: a new one",
        "* /partijen* body.partijIdentificatoren[].partijIdentificator: *": "TODO "
        "api/partij_identificatoren/schemas.py: documented optional and nullable because the "
        "model is shared; the service demands it (400 required), as the contract says",
        f"* /internetaken* body.toegewezenAanActor*{ACCEPTS_NULL}": "null: no actor",
        "POST /maak-klantcontact body.*": "C3: betrokkene/onderwerpobject may be null; the link "
        "fields of the parts are ignored; required fields are checked per part",
        "POST /maak-klantcontact 201.*: required (contract: optional)": "always present",
    },
    CONTACTGEGEVENS: {"* [45]??: response": ERRORS_DOCUMENTED},
}


# Operations the contract does not have, marked as our extension (`x-extension: true`, a
# description saying so) in the served document: exactly these, with their operationId.
EXTENSIONS: dict[str, list[str]] = {
    KLANTINTERACTIES: [
        "POST /klantcontacten/_zoek: klantcontactenZoek",  # docs/compatibility.md, "_zoek"
        "POST /partijen/_zoek: partijenZoek",
    ],
    CONTACTGEGEVENS: [],
}


async def _served(anon: Any, url: str) -> dict[str, Any]:
    r = await anon.get(url)
    assert r.status_code == 200
    return r.json()  # type: ignore[no-any-return]


@pytest.mark.parametrize(("contract_file", "url"), [(KLANTINTERACTIES, KI), (CONTACTGEGEVENS, CG)])
async def test_surface_matches_contract(anon, contract_file, url):
    contract = load(contract_file)
    diff = surface_diff(contract, await _served(anon, url))
    problems, stale_problems = unlisted(diff.problems, KNOWN_PROBLEMS[contract_file])
    additions, stale_additions = unlisted(diff.additions, ADDITIONS[contract_file])
    report = "\n".join(
        [
            f"== {contract_file}: {len(diff.problems)} problems, {len(diff.additions)} additions",
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
    assert sorted(diff.extensions) == EXTENSIONS[contract_file]


@pytest.mark.parametrize(("contract_file", "url"), [(KLANTINTERACTIES, KI), (CONTACTGEGEVENS, CG)])
async def test_extensions_say_they_are_not_the_standard(anon, contract_file, url):
    marked = [op for op in operations(await _served(anon, url)).values() if "x-extension" in op]
    # A mark on an operation of the contract would hide nothing, but would be untrue.
    assert len(marked) == len(EXTENSIONS[contract_file])
    for op in marked:
        assert op["x-extension"] is True
        assert "niet in de standaard" in op["description"]


@pytest.mark.parametrize("url", [KI, CG])
async def test_served_document_is_valid_openapi_303(anon, url):
    doc = await _served(anon, url)
    assert doc["openapi"] == "3.0.3"
    validate(doc)  # raises with the offending location


def _doc(param: str, schema: dict[str, Any]) -> dict[str, Any]:
    """A one-operation document: GET /x with one query parameter and one response schema."""
    op = {
        "operationId": "xList",
        "parameters": [{"name": param, "in": "query", "schema": {"type": "string"}}],
        "responses": {"200": {"content": {"application/json": {"schema": schema}}}},
    }
    return {"paths": {"/x": {"get": op}}}


def test_diff_sees_renames_nullability_and_filters():
    """The diff itself: a renamed field or filter is a problem, and so is a flipped nullability
    in what a client receives; promising more than the contract is an addition."""
    contract = _doc(
        "naam",
        {
            "type": "object",
            "required": ["a"],
            "properties": {"a": {"type": "string"}, "b": {"type": "string", "nullable": True}},
        },
    )
    ours = _doc(
        "naam__exact",
        {
            "type": "object",
            "required": ["b"],
            "properties": {"A": {"type": "string"}, "b": {"type": "string"}, "c": {}},
        },
    )
    diff = surface_diff(contract, ours)
    assert sorted(diff.problems) == ["GET /x 200.a: missing", "GET /x ?naam: missing"]
    assert sorted(diff.additions) == [
        "GET /x 200.A",
        "GET /x 200.b: never null (contract: returns null)",
        "GET /x 200.b: required (contract: optional)",
        "GET /x 200.c",
        "GET /x ?naam__exact",
    ]
    ours["paths"]["/x/_zoek"] = {"post": {"operationId": "xZoek", "x-extension": True}}
    ours["paths"]["/y"] = {"post": {"operationId": "yCreate"}}
    diff = surface_diff(contract, ours)
    assert diff.extensions == ["POST /x/_zoek: xZoek"]
    assert "POST /y: operation" in diff.additions
    flipped = _doc(
        "naam", {"type": "object", "properties": {"a": {"type": "string", "nullable": True}}}
    )
    diff = surface_diff(contract, flipped)
    assert sorted(diff.problems) == [
        "GET /x 200.a: optional (contract: required)",
        "GET /x 200.a: returns null (contract: never null)",
        "GET /x 200.b: missing",
    ]
