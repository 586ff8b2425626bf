"""Vertrouwelijk (docs/privacy.md): for an application without the privilege, a klantcontact with
``vertrouwelijk: true`` is listed and found, but its onderwerp, inhoud and reactie read as "" in
every representation (the klantcontact, every expansion that embeds it, maak-klantcontact's
answer), substring filters never match its text, its bijlagen do not exist, and it cannot be
changed. Expand paths and filters are enumerated from the registry."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy import Column
from sqlalchemy.sql import visitors

from tests.access.privacy_data import (
    ALL_KINDS,
    KINDS,
    MASKED,
    SERVICES,
    TEXT,
    VERTROUWELIJK,
    Clients,
    Data,
    leaked,
    listing,
    objects,
    without,
)
from tests.core.test_rights_relations import sample
from tests.helpers import problem

UNPRIVILEGED = without(VERTROUWELIJK)


def sees_content(kind: str) -> bool:
    return VERTROUWELIJK in KINDS[kind]


def as_seen(data: Data, kind: str) -> dict[str, Any]:
    """V's representation as a token of this kind should get it."""
    v = data["V"]
    if sees_content(kind):
        return v
    return {**v, **dict.fromkeys(MASKED, ""), "omvatteBijlagen": []}


def expand_paths() -> list[tuple[str, str]]:
    """(collection, path): every expand path, and for each collection no expansion at all."""
    return [(n, p) for n, svc in SERVICES.items() for p in ("", *svc.filterset.expand)]


def embeds_klantcontact(collection: str, path: str) -> bool:
    """Whether a relation along the path renders klantcontacten."""
    current: Any = SERVICES[collection]
    for name in path.split(".") if path else ():
        current = {e.name: e for e in current.expansions}[name].target()
        if current.collection == "klantcontacten":
            return True
    return False


# ----- representations ----------------------------------------------------------------------
@ALL_KINDS
async def test_v_is_listed_with_its_content_masked_everywhere(
    kind: str, data: Data, tokens: Clients
) -> None:
    c, expected, seen_in = tokens[kind], as_seen(data, kind), set()
    for collection, path in expand_paths():
        params = {"expand": path} if path else {}
        responses = [await c.get(f"/{collection}", params={**params, "pageSize": 100})]
        for name in sorted(data.names(collection) - data.hidden(kind)):
            responses.append(await c.get(f"/{collection}/{data.uuid(name)}", params=params))
        for r in responses:
            assert r.status_code == 200, (r.request.url, r.text)
            if not sees_content(kind):
                assert not leaked(r.text, data.confidential()), r.request.url
            for obj in objects(r.json()):
                if obj.get("uuid") == data.uuid("V") and "onderwerp" in obj:
                    rest = {k: v for k, v in obj.items() if k != "_expand"}
                    assert rest == expected, r.request.url
                    seen_in.add((collection, path))
    # V itself is listed and shown, and every expansion that embeds a klantcontact showed it.
    wanted = {("klantcontacten", "")} | {
        (n, p) for n, p in expand_paths() if embeds_klantcontact(n, p)
    }
    assert wanted <= seen_in, wanted - seen_in
    assert len(wanted) > 2  # the registry offers such expansions (else this proves little)


# ----- filters ------------------------------------------------------------------------------
def masked_filters() -> list[tuple[str, str, str]]:
    """(collection, filter, masked column) for every filter whose SQL reads a masked column."""
    found = []
    for name, svc in SERVICES.items():
        for f in svc.filterset.filters:
            query = svc.filterset.parse_list({f.name: sample(f)}, {})
            for clause in query.clauses:
                for el in visitors.iterate(clause):
                    if (
                        isinstance(el, Column)
                        and getattr(el.table, "name", None) == "klantcontact"
                        and el.name in MASKED
                    ):
                        found.append((name, f.name, el.name))
    return sorted(set(found))


MASKED_FILTERS = masked_filters()


def test_the_masked_filters_are_found() -> None:
    assert {(c, f) for c, f, _ in MASKED_FILTERS} >= {
        ("klantcontacten", "onderwerp"),
        ("klantcontacten", "inhoud"),
        ("klantcontacten", "reactie"),
    }


@pytest.mark.parametrize("case", MASKED_FILTERS, ids=lambda c: f"{c[0]}?{c[1]}")
async def test_a_search_never_matches_withheld_text(
    case: tuple[str, str, str], data: Data, tokens: Clients
) -> None:
    collection, name, column = case
    part = TEXT[column][3:-3]  # a substring, in another case
    for kind, c in tokens.items():
        params = {name: part.upper()}
        responses = [await c.get(f"/{collection}", params=params)]
        if collection == "klantcontacten":
            responses.append(await c.post("/klantcontacten/_zoek", json=params))
        for r in responses:
            assert r.status_code == 200, r.text
            found = [data.name_of(item["uuid"]) for item in r.json()["results"]]
            if sees_content(kind):
                assert found and r.json()["count"] == len(found), (kind, r.request.url)
            else:
                assert (found, r.json()["count"]) == ([], 0), (kind, r.request.url)


# ----- bijlagen -----------------------------------------------------------------------------
@ALL_KINDS
async def test_the_bijlage_of_v_does_not_exist_without_the_privilege(
    kind: str, data: Data, tokens: Clients
) -> None:
    c, bijlage = tokens[kind], data.uuid("V_bijlage")
    present = [bijlage] if sees_content(kind) else []
    assert (await listing(c, "bijlagen"))[:2] == (present, len(present))
    by_kc = await listing(c, "bijlagen", klantcontact__uuid=data.uuid("V"))
    assert by_kc[:2] == (present, len(present))
    r = await c.get(f"/bijlagen/{bijlage}")
    if sees_content(kind):
        assert r.status_code == 200 and r.json() == data["V_bijlage"]
    else:
        assert problem(r, 404)["code"] == "not_found"
    r = await c.get(f"/klantcontacten/{data.uuid('V')}", params={"expand": "omvatteBijlagen"})
    expected = [data["V_bijlage"]] if sees_content(kind) else []
    assert r.json()["_expand"]["omvatteBijlagen"] == expected
    assert [b["uuid"] for b in r.json()["omvatteBijlagen"]] == present


# ----- writes -------------------------------------------------------------------------------
@UNPRIVILEGED
async def test_v_cannot_be_changed_nor_given_a_bijlage(
    kind: str, data: Data, tokens: Clients, client: httpx.AsyncClient
) -> None:
    c, v = tokens[kind], f"/klantcontacten/{data.uuid('V')}"
    body = {"kanaal": "post", "onderwerp": "nieuw", "taal": "nld", "vertrouwelijk": False}
    for r in (await c.patch(v, json={"onderwerp": "nieuw"}), await c.put(v, json=body)):
        assert problem(r, 403)["code"] == "permission_denied", r.request.method
    bijlage = {
        "wasBijlageVanKlantcontact": {"uuid": data.uuid("V")},
        "bijlageidentificator": {"objectId": "doc-2", "codeObjecttype": "document"},
    }
    r = await c.post("/bijlagen", json=bijlage)
    assert problem(r, 403)["code"] == "permission_denied"
    assert (await client.get(v)).json() == data["V"]
    assert (await listing(client, "bijlagen"))[1] == 1  # nothing stored
    # With the privilege the same writes go through (the 403s above are the privilege's).
    assert (await client.post("/bijlagen", json=bijlage)).status_code == 201
    assert (await client.patch(v, json={"onderwerp": "nieuw"})).status_code == 200


@UNPRIVILEGED
async def test_a_confidential_klantcontact_can_be_made_and_deleted_unseen(
    kind: str, tokens: Clients, client: httpx.AsyncClient
) -> None:
    c = tokens[kind]
    kc = {"kanaal": "post", "taal": "nld", "vertrouwelijk": True, **TEXT}
    r = await c.post("/klantcontacten", json=kc)
    assert r.status_code == 201, r.text
    made = r.json()
    assert [made[f] for f in MASKED] == ["", "", ""] and made["vertrouwelijk"] is True
    stored = (await client.get(f"/klantcontacten/{made['uuid']}")).json()
    assert {f: stored[f] for f in MASKED} == TEXT
    body = {"klantcontact": kc, "betrokkene": {"rol": "klant", "initiator": True}}
    r = await c.post("/maak-klantcontact", json=body)
    assert r.status_code == 201, r.text
    shown = r.json()["klantcontact"]
    assert [shown[f] for f in MASKED] == ["", "", ""]
    assert not leaked(r.text, {f: t for f, t in TEXT.items()})
    stored = (await client.get(f"/klantcontacten/{shown['uuid']}")).json()
    assert {f: stored[f] for f in MASKED} == TEXT
    for key in (made["uuid"], shown["uuid"]):
        assert (await c.delete(f"/klantcontacten/{key}")).status_code == 204
        assert (await client.get(f"/klantcontacten/{key}")).status_code == 404


async def test_maak_klantcontact_shows_the_content_with_the_privilege(
    tokens: Clients,
) -> None:
    kc = {"kanaal": "post", "taal": "nld", "vertrouwelijk": True, **TEXT}
    body = {"klantcontact": kc, "betrokkene": {"rol": "klant", "initiator": True}}
    r = await tokens["vertrouwelijk"].post("/maak-klantcontact", json=body)
    assert r.status_code == 201, r.text
    assert {f: r.json()["klantcontact"][f] for f in MASKED} == TEXT


# ----- cost ---------------------------------------------------------------------------------
async def test_masking_costs_no_statement(
    data: Data, tokens: Clients, count_statements: Any
) -> None:
    reads = [
        (f"/klantcontacten/{data.uuid('V')}", {"expand": "omvatteBijlagen"}),
        ("/klantcontacten", {"pageSize": 2}),  # a full page: the count is a statement
        ("/klantcontacten", {"onderwerp": "vertrouwelijk"}),
        ("/bijlagen", {}),
        (f"/partijen/{data.uuid('O')}", {"expand": "betrokkenen.hadKlantcontact"}),
    ]
    for path, params in reads:
        statements = {}
        for kind, c in tokens.items():
            await c.get(path, params=params)  # the token is checked and cached
            with count_statements() as counter:
                assert (await c.get(path, params=params)).status_code == 200
            statements[kind] = counter.count
        assert len(set(statements.values())) == 1, (path, statements)
