"""Rights through relations (issue 16): an expand path or a filter that looks into another rights
group needs the token's read right on that group, besides the route's own right.

Every case is generated from the registries (the services the APIs register, their filtersets and
expansions), so a new expand path or filter is covered the moment it exists; and the filters'
declared ``reads`` are checked against the tables their SQL actually reads.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import Table
from sqlalchemy.sql import visitors
from sqlalchemy.sql.selectable import Alias

from klantinteracties.api import klantinteracties_api
from klantinteracties.api.contactgegevens.router import contactgegevens_api
from klantinteracties.api.maak_klantcontact import router as maak_router
from klantinteracties.api.maak_klantcontact.service import part_services as maak_parts
from klantinteracties.core.expand import expand_scopes
from klantinteracties.core.filters import Filter
from klantinteracties.core.registry import registered_services
from klantinteracties.core.service import CrudService
from klantinteracties.db.models import api_token, application, metadata
from tests.api.klantcontacten_helpers import (
    BSN,
    MISSING,
    make_actor,
    make_adres,
    make_betrokkene,
    make_internetaak,
    make_klantcontact,
    make_partij,
    ref,
)
from tests.helpers import problem

BASE = "http://testserver.local/klantinteracties/api/v1"
klantinteracties_api(), contactgegevens_api()  # registers every resource group's service
SERVICES: dict[str, CrudService] = registered_services()
GROUPS = sorted({s.scope for s in SERVICES.values()})
# Tables that no service lists as its own: each belongs to one group. A new table must be added
# here (or get a service), else test_every_table_has_a_group fails.
LINK_TABLES = {"internetaak_actor": "internetaken"}
# The processing log is no resource group: only the audit API reads it, with audit:read.
# Tables no v2 rights group reads: credentials, logs, queues, the beheer's staff accounts and
# sessions, the import's bookkeeping, and the v1 Klanten API's side table (read only through
# the v1 API, under its own v1 scopes).
NOT_RESOURCES = {
    api_token.name,
    application.name,
    "processing_log",
    "processing_log_key",
    "outbox",
    "import_checkpoint",
    "v1_client",
    "v1_klant",
    "staff",
    "staff_login_failure",
    "staff_session",
}
OWNER_KINDS = ("read", "write", "*")  # a token with the route's own group only, in each form
DOC = Path(__file__).parents[2] / "docs" / "privacy.md"


# ----- the registry, as cases ------------------------------------------------------------------
def expand_cases() -> list[tuple[str, str, set[str]]]:
    """(collection, expand path, groups needed besides the collection's own)."""
    return [
        (name, path, expand_scopes(svc, [path]) - {svc.scope})
        for name, svc in SERVICES.items()
        for path in svc.filterset.expand
    ]


def filter_cases() -> list[tuple[str, Filter, set[str]]]:
    return [
        (name, f, set(f.reads) - {svc.scope})
        for name, svc in SERVICES.items()
        for f in svc.filterset.filters
    ]


def sample(f: Filter) -> str:
    """A query-string value that the filter accepts."""
    if f.kind in ("uuid", "url"):
        key = str(uuid.uuid4())
        return key if f.kind == "uuid" else f"{BASE}/x/{key}"
    if f.kind == "enum":
        return f.enum[0]
    return {"bool": "true", "date": "2024-01-01", "datetime": "2024-01-01T00:00:00Z"}.get(
        f.kind, "x"
    )


CROSS_EXPAND = [c for c in expand_cases() if c[2]]
SAME_EXPAND = [c for c in expand_cases() if not c[2]]
CROSS_FILTERS = [c for c in filter_cases() if c[2]]


def case_id(case: tuple[str, Any, set[str]]) -> str:
    name, what, _ = case
    return f"{name}:{what if isinstance(what, str) else what.name}"


# ----- declarations match what the code reads --------------------------------------------------
def table_groups() -> dict[str, str]:
    groups = dict(LINK_TABLES)
    for svc in SERVICES.values():
        assert groups.setdefault(svc.repo.table.name, svc.scope) == svc.scope, svc.collection
    return groups


def tables_in(clause: Any) -> set[str]:
    """Every table a clause reads, through aliases and subqueries."""
    found: set[str] = set()
    for element in visitors.iterate(clause):
        for candidate in (element, getattr(element, "table", None)):
            while isinstance(candidate, Alias):
                candidate = candidate.element
            if isinstance(candidate, Table):
                found.add(candidate.name)
    return found


def test_every_table_has_a_group() -> None:
    assert set(metadata.tables) - NOT_RESOURCES == set(table_groups())


@pytest.mark.parametrize("case", filter_cases(), ids=case_id)
def test_filter_reads_are_the_groups_its_sql_reads(case: tuple[str, Filter, set[str]]) -> None:
    """A filter whose clause reads another group's table must declare that group in ``reads``
    (and declares nothing it does not read): forgetting it fails here."""
    name, f, declared = case
    svc = SERVICES[name]
    query = svc.filterset.parse_list({f.name: sample(f)}, {})
    assert query.clauses, f.name  # the clause is really built, so its tables are really seen
    groups = table_groups()
    read = {groups[t] for clause in query.clauses for t in tables_in(clause)} - {svc.scope}
    assert read == declared, f"{name}?{f.name} reads {sorted(read)}, declares {sorted(declared)}"
    assert query.reads - {svc.scope} == declared  # and parsing hands them to the check


def test_expand_paths_resolve_to_registered_services() -> None:
    """Every offered path follows declared expansions to a registered service, whose group is
    therefore the group the path needs: there is nothing to declare per path."""
    registered = {id(s) for s in SERVICES.values()}
    for svc in SERVICES.values():
        for exp in svc.expansions:
            assert id(exp.target()) in registered, (svc.collection, exp.name)
        for path in svc.filterset.expand:
            assert expand_scopes(svc, [path]) <= set(GROUPS)


def test_maak_klantcontact_writes_only_its_own_group() -> None:
    """Its parts are klantcontacten-group resources, so klantcontacten:write is the whole right;
    the response shows them without expansion (a wasPartij is the reference the client sent)."""
    assert {svc.scope for svc in maak_parts().values()} == {maak_router.SCOPE}


# ----- the documentation lists every cross-group path -----------------------------------------
def rights_table() -> str:
    cases = [(n, f"expand={path}", extra) for n, path, extra in CROSS_EXPAND]
    cases += [(n, f.name, extra) for n, f, extra in CROSS_FILTERS]
    rows = ["| Endpoint (own group) | Parameter | Also needs read on |", "|---|---|---|"]
    for name, param, extra in sorted(cases, key=lambda c: c[0]):  # stable: expand first
        own = SERVICES[name].scope
        rows.append(f"| `/{name}` ({own}) | `{param}` | {', '.join(sorted(extra))} |")
    return "\n".join(rows)


def test_privacy_doc_lists_every_cross_group_path() -> None:
    text = DOC.read_text()
    start, end = "<!-- rights-table:start -->\n", "\n<!-- rights-table:end -->"
    table = text[text.index(start) + len(start) : text.index(end)]
    assert table == rights_table(), "docs/privacy.md is out of date; the table should be:\n" + (
        rights_table()
    )


# ----- through HTTP, per token kind -------------------------------------------------------------
Clients = Callable[..., httpx.AsyncClient]  # the fixture as_token (tests/conftest.py)


@pytest.fixture
async def graph(client: httpx.AsyncClient) -> dict[str, dict[str, Any]]:
    """One connected item per expandable collection: a partij with a BSN, its contact, the
    betrokkene, the address it gave and the task that followed."""
    partij = await make_partij(client, BSN)
    kc = await make_klantcontact(client, inhoud="geheime inhoud")
    betrokkene = await make_betrokkene(client, kc, partij)
    adres = await make_adres(client, betrokkene)
    await make_internetaak(client, kc, await make_actor(client))
    return {
        "partijen": partij,
        "klantcontacten": kc,
        "betrokkenen": betrokkene,
        "digitaleadressen": adres,
    }


def denied(r: httpx.Response, missing: set[str]) -> None:
    body = problem(r, 403)
    assert body["code"] == "permission_denied"
    assert all(g in body["detail"] for g in missing), body["detail"]


@pytest.mark.parametrize("case", CROSS_EXPAND, ids=case_id)
async def test_expand_needs_read_on_every_group_along_the_path(
    case: tuple[str, str, set[str]], as_token: Any, graph: dict[str, dict[str, Any]]
) -> None:
    name, path, extra = case
    own = SERVICES[name].scope
    detail = f"/{name}/{graph[name]['uuid']}"
    for kind in OWNER_KINDS:
        c = await as_token(f"{own}:{kind}")
        denied(await c.get(f"/{name}", params={"expand": path}), extra)
        denied(await c.get(detail, params={"expand": path}), extra)
    for left_out in extra:  # every group along the path counts, not only the last
        c = await as_token(f"{own}:read", *(f"{g}:read" for g in extra - {left_out}))
        denied(await c.get(detail, params={"expand": path}), {left_out})
    for scopes in ([f"{own}:read", *(f"{g}:read" for g in extra)], ["*"]):
        c = await as_token(*scopes)
        r = await c.get(detail, params={"expand": path})
        assert r.status_code == 200, r.text
        assert path.split(".")[0] in r.json()["_expand"]
        r = await c.get(f"/{name}", params={"expand": path})
        assert r.status_code == 200, r.text


@pytest.mark.parametrize("case", SAME_EXPAND, ids=case_id)
async def test_expand_within_the_group_needs_only_the_own_right(
    case: tuple[str, str, set[str]], as_token: Any, graph: dict[str, dict[str, Any]]
) -> None:
    name, path, _ = case
    c = await as_token(f"{SERVICES[name].scope}:read")
    r = await c.get(f"/{name}/{graph[name]['uuid']}", params={"expand": path})
    assert r.status_code == 200, r.text


@pytest.mark.parametrize("case", CROSS_FILTERS, ids=case_id)
async def test_cross_group_filter_needs_read_on_that_group(
    case: tuple[str, Filter, set[str]], as_token: Any
) -> None:
    name, f, extra = case
    own = SERVICES[name].scope
    params = {f.name: sample(f)}
    for kind in OWNER_KINDS:
        denied(await (await as_token(f"{own}:{kind}")).get(f"/{name}", params=params), extra)
    for scopes in ([f"{own}:read", *(f"{g}:write" for g in extra)], ["*"]):
        r = await (await as_token(*scopes)).get(f"/{name}", params=params)
        assert r.status_code == 200, r.text


@pytest.mark.parametrize("name", sorted(n for n in SERVICES if SERVICES[n].filterset.filters))
async def test_filters_within_the_group_need_only_the_own_right(name: str, as_token: Any) -> None:
    svc = SERVICES[name]
    prefix = "/contactgegevens/api/v1" if svc.scope == "contactgegevens" else ""
    c = await as_token(f"{svc.scope}:read")
    for f in svc.filterset.filters:
        if set(f.reads) - {svc.scope}:
            continue
        r = await c.get(f"{prefix}/{name}", params={f.name: sample(f)})
        assert r.status_code == 200, (f.name, r.text)


# ----- the cases of the issue, with their data ---------------------------------------------------
async def test_partijen_token_cannot_read_contact_content(
    as_token: Any, graph: dict[str, dict[str, Any]]
) -> None:
    partij = f"/partijen/{graph['partijen']['uuid']}"
    expand = {"expand": "betrokkenen.hadKlantcontact"}
    r = await (await as_token("partijen:read")).get(partij, params=expand)
    denied(r, {"klantcontacten"})
    assert "geheime inhoud" not in r.text
    r = await (await as_token("partijen:read", "klantcontacten:read")).get(partij, params=expand)
    betrokkene = r.json()["_expand"]["betrokkenen"][0]
    assert betrokkene["_expand"]["hadKlantcontact"]["inhoud"] == "geheime inhoud"


async def test_klantcontacten_token_cannot_read_or_search_partij_data(
    as_token: Any, graph: dict[str, dict[str, Any]]
) -> None:
    c = await as_token("klantcontacten:write")
    kc = f"/klantcontacten/{graph['klantcontacten']['uuid']}"
    r = await c.get(kc, params={"expand": "hadBetrokkenen.wasPartij"})
    denied(r, {"partijen"})
    assert BSN["objectId"] not in r.text
    bsn = {"hadBetrokkene__wasPartij__partijIdentificator__objectId": BSN["objectId"]}
    denied(await c.get("/klantcontacten", params=bsn), {"partijen"})
    # Without the filter on partij data, the same token lists the contacts as before.
    assert (await c.get("/klantcontacten")).json()["count"] == 1
    both = await as_token("klantcontacten:read", "partijen:read")
    assert (await both.get("/klantcontacten", params=bsn)).json()["count"] == 1


async def test_a_bad_expand_is_a_400_before_rights_are_looked_at(as_token: Any) -> None:
    r = await (await as_token("partijen:read")).get("/partijen", params={"expand": "nergens"})
    problem(r, 400)


async def test_maak_klantcontact_with_a_partij_needs_no_partijen_right(
    as_token: Any, client: httpx.AsyncClient
) -> None:
    partij = await make_partij(client, BSN)
    c = await as_token("klantcontacten:write")
    body = {
        "klantcontact": {"kanaal": "post", "onderwerp": "o", "taal": "nld", "vertrouwelijk": False},
        "betrokkene": {"rol": "klant", "initiator": True, "wasPartij": ref(partij)},
    }
    r = await c.post("/maak-klantcontact", json=body)
    assert r.status_code == 201, r.text
    assert r.json()["betrokkene"]["wasPartij"] == {"uuid": partij["uuid"], "url": partij["url"]}
    assert BSN["objectId"] not in r.text


async def test_a_relation_write_only_says_whether_the_uuid_exists(
    as_token: Any, client: httpx.AsyncClient
) -> None:
    """Documented in docs/privacy.md: a klantcontacten token learns that a partij uuid does not
    exist, nothing else; uuids are random, so this reveals nothing one could look for."""
    kc = await make_klantcontact(client)
    c = await as_token("klantcontacten:write")
    body = {"hadKlantcontact": ref(kc), "wasPartij": {"uuid": MISSING}, "rol": "klant"}
    r = await c.post("/betrokkenen", json={**body, "initiator": True})
    assert problem(r, 400)["invalidParams"][0]["reason"] == "Partij met deze uuid bestaat niet."
