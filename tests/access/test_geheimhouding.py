"""Geheimhouding (docs/privacy.md): for an application without the privilege, a partij with
``indicatieGeheimhouding: true`` and every row that belongs to it do not exist, on every path:
lists and counts, details, filters (also across relations, also in ``_zoek``), references,
expansions and writes. Lists, filters and expand paths are enumerated from the registry, so a new
resource, filter or expand path is covered (or, for a filter, fails until it is given a case).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from klantinteracties.access.visibility import install
from klantinteracties.core.view import RULES
from tests.access.privacy_data import (
    ALL_KINDS,
    BSN_S,
    GEHEIMHOUDING,
    IBAN_S,
    KINDS,
    KVK_S,
    SECRET_ROWS,
    SERVICES,
    Clients,
    Data,
    identificator,
    leaked,
    listing,
    without,
)
from tests.core.test_rights_relations import sample, tables_in
from tests.helpers import problem

UNPRIVILEGED = without(GEHEIMHOUDING)


def sees_secrets(kind: str) -> bool:
    return GEHEIMHOUDING in KINDS[kind]


# ----- lists, counts and details ------------------------------------------------------------
@ALL_KINDS
async def test_every_list_leaves_hidden_rows_out_and_counts_agree(
    kind: str, data: Data, tokens: Clients, client: httpx.AsyncClient
) -> None:
    wrong = []
    hidden = {data.uuid(n) for n in data.hidden(kind)}
    for collection in SERVICES:
        everything, _, _ = await listing(client, collection)
        expected = [k for k in everything if k not in hidden]
        got, count, text = await listing(tokens[kind], collection)
        if got != expected or count != len(expected):
            wrong.append((collection, [data.name_of(k) for k in got], count))
        if not sees_secrets(kind) and leaked(text, data.secrets()):
            wrong.append((collection, leaked(text, data.secrets())))
    assert not wrong
    # The data really has secret rows in the lists (else the test above proves nothing).
    assert {data.rows[n][0] for n in SECRET_ROWS} >= {"partijen", "betrokkenen"}


@ALL_KINDS
async def test_a_hidden_row_is_not_found(kind: str, data: Data, tokens: Clients) -> None:
    for name in SECRET_ROWS:
        collection, row = data.rows[name]
        r = await tokens[kind].get(f"/{collection}/{row['uuid']}")
        if sees_secrets(kind):
            assert r.status_code == 200 and r.json() == row, (name, r.text)
        else:
            assert problem(r, 404)["code"] == "not_found", name
            assert not leaked(r.text, data.secrets()), name


# ----- filters ------------------------------------------------------------------------------
Case = tuple[str, Callable[[Data], dict[str, str]], set[str], set[str]]


def group(prefix: str, ident: dict[str, str]) -> Callable[[Data], dict[str, str]]:
    return lambda d: {f"{prefix}{k}": v for k, v in ident.items()}


def one(name: str, value: Callable[[Data], str]) -> Callable[[Data], dict[str, str]]:
    return lambda d: {name: value(d)}


def key(row: str) -> Callable[[Data], str]:
    return lambda d: d.uuid(row)


def url(row: str) -> Callable[[Data], str]:
    return lambda d: str(d[row]["url"])


def nummer(row: str) -> Callable[[Data], str]:
    return lambda d: str(d[row]["nummer"])


BSN_ID, KVK_ID = identificator("bsn", BSN_S), identificator("kvk_nummer", KVK_S)
# (collection, parameters made from the data, rows found without the privilege, rows found
# with it). The values reach a secret partij's rows, so with the privilege they find something.
FILTER_CASES: list[Case] = [
    ("partijen", one("vertegenwoordigdePartij__uuid", key("S")), set(), {"O"}),
    ("partijen", one("vertegenwoordigdePartij__url", url("S")), set(), {"O"}),
    ("partijen", group("partijIdentificator__", BSN_ID), set(), {"S"}),
    ("partijen", group("subIdentificatorVan__", KVK_ID), set(), {"ORG"}),
    ("partijen", one("categorierelatie__categorie__naam", lambda d: "categorie-S"), set(), {"S"}),
    ("partijen", one("nummer", nummer("S")), set(), {"S"}),
    ("partijen", one("indicatieGeheimhouding", lambda d: "true"), set(), {"S", "SO"}),
    (
        "partij-identificatoren",
        one("partijIdentificatorObjectId", lambda d: BSN_S),
        set(),
        {"S_bsn"},
    ),
    (
        "digitaleadressen",
        one("verstrektDoorBetrokkene__rol", lambda d: "vertegenwoordiger"),
        set(),
        {"BS_adres"},
    ),
    (
        "digitaleadressen",
        one("verstrektDoorBetrokkene__uuid", key("BO")),
        {"BO_adres"},
        {"BO_adres", "MIX_adres"},
    ),
    ("digitaleadressen", one("verstrektDoorBetrokkene__url", url("BS")), set(), {"BS_adres"}),
    (
        "digitaleadressen",
        one("verstrektDoorPartij__soortPartij", lambda d: "persoon"),
        {"O_adres"},
        {"O_adres", "S_adres", "MIX_adres"},
    ),
    (
        "digitaleadressen",
        group("verstrektDoorPartij__partijIdentificator__", BSN_ID),
        set(),
        {"S_adres", "MIX_adres"},
    ),
    (
        "digitaleadressen",
        one("verstrektDoorPartij__uuid", key("S")),
        set(),
        {"S_adres", "MIX_adres"},
    ),
    (
        "digitaleadressen",
        one("adres__icontains", lambda d: "geheim"),
        set(),
        {"S_adres", "BS_adres", "MIX_adres"},
    ),
    ("rekeningnummers", one("iban", lambda d: IBAN_S), set(), {"S_iban"}),
    ("vertegenwoordigingen", one("vertegenwoordigdePartij__uuid", key("S")), set(), {"REP_OS"}),
    ("vertegenwoordigingen", one("vertegenwoordigdePartij__url", url("O")), set(), {"REP_SO"}),
    ("vertegenwoordigingen", one("vertegenwoordigendePartij__uuid", key("O")), set(), {"REP_OS"}),
    ("categorie-relaties", one("partij__nummer", nummer("S")), set(), {"S_cat"}),
    ("categorie-relaties", one("partij__uuid", key("S")), set(), {"S_cat"}),
    ("klantcontacten", one("hadBetrokkene__uuid", key("BS")), set(), {"K"}),
    ("klantcontacten", one("hadBetrokkene__url", url("BS2")), set(), {"KS"}),
    (
        "klantcontacten",
        one("hadBetrokkene__wasPartij", lambda d: "true"),
        {"K", "V"},
        {"K", "KS", "V"},
    ),
    ("klantcontacten", one("hadBetrokkene__wasPartij__uuid", key("S")), set(), {"K", "KS"}),
    ("klantcontacten", one("hadBetrokkene__wasPartij__url", url("S")), set(), {"K", "KS"}),
    (
        "klantcontacten",
        group("hadBetrokkene__wasPartij__partijIdentificator__", BSN_ID),
        set(),
        {"K", "KS"},
    ),
    (
        "klantcontacten",
        one("hadBetrokkene__digitaaladres__adres__icontains", lambda d: "geheim"),
        set(),
        {"K"},
    ),
    (
        "betrokkenen",
        one("verstrektedigitaalAdres__adres", lambda d: d["MIX_adres"]["adres"]),
        set(),
        {"BO"},
    ),
    ("betrokkenen", one("verstrektedigitaalAdres__uuid", key("MIX_adres")), set(), {"BO"}),
    ("betrokkenen", one("verstrektedigitaalAdres__url", url("BS_adres")), set(), {"BS"}),
    ("betrokkenen", one("wasPartij__nummer", nummer("S")), set(), {"BS", "BS2"}),
    ("betrokkenen", group("wasPartij__partijIdentificator__", BSN_ID), set(), {"BS", "BS2"}),
    ("betrokkenen", one("wasPartij__uuid", key("S")), set(), {"BS", "BS2"}),
]
ZOEK = ("partijen", "klantcontacten")


def cross_filters() -> set[tuple[str, str]]:
    """Every filter whose SQL reads a table that geheimhouding hides, other than the list's
    own (whose rows the rule of the list itself leaves out): these go through relations."""
    install()
    hidden = {
        t for t, rules in RULES.hidden.items() if any(r.privilege == GEHEIMHOUDING for r in rules)
    }
    found = set()
    for name, svc in SERVICES.items():
        for f in svc.filterset.filters:
            query = svc.filterset.parse_list({f.name: sample(f)}, {})
            tables = set().union(*(tables_in(c) for c in query.clauses))
            if (tables - {svc.repo.table.name}) & hidden:
                found.add((name, f.name))
    return found


def test_every_filter_through_a_hidden_table_has_a_case() -> None:
    covered = {(c, name) for c, params, _, _ in FILTER_CASES for name in params(_NO_DATA)}
    assert cross_filters() - covered == set()


class _Anything(Data):
    """Stands in for the data when only the parameter names of a case are wanted."""

    def uuid(self, name: str) -> str:
        return name

    def __getitem__(self, name: str) -> dict[str, Any]:
        return {"uuid": name, "url": name, "nummer": name, "adres": name}


_NO_DATA = _Anything()


def case_id(case: Case) -> str:
    return f"{case[0]}?{'&'.join(case[1](_NO_DATA))}"


@pytest.mark.parametrize("case", FILTER_CASES, ids=case_id)
async def test_filters_never_match_through_a_hidden_row(
    case: Case, data: Data, tokens: Clients
) -> None:
    collection, params, without, with_privilege = case
    for kind, c in tokens.items():
        expected = with_privilege if sees_secrets(kind) else without
        responses = [await c.get(f"/{collection}", params={**params(data), "pageSize": 100})]
        if collection in ZOEK:  # the same search with the filters in the body
            responses.append(await c.post(f"/{collection}/_zoek?pageSize=100", json=params(data)))
        for r in responses:
            assert r.status_code == 200, r.text
            body = r.json()
            found = {data.name_of(item["uuid"]) for item in body["results"]}
            assert (found, body["count"]) == (expected, len(expected)), (kind, r.request.url)
            if not sees_secrets(kind):
                assert not leaked(r.text, data.secrets()), kind


# ----- representations and expansions -------------------------------------------------------
def visible_rows(data: Data, kind: str, collection: str) -> list[str]:
    return sorted(data.names(collection) - data.hidden(kind))


@ALL_KINDS
async def test_no_expand_path_shows_a_hidden_row(kind: str, data: Data, tokens: Clients) -> None:
    c, shown = tokens[kind], []
    paths = [(n, p) for n, svc in SERVICES.items() for p in ("", *svc.filterset.expand)]
    for collection, path in paths:
        params = {"expand": path} if path else {}
        responses = [await c.get(f"/{collection}", params={**params, "pageSize": 100})]
        for name in visible_rows(data, kind, collection):
            responses.append(await c.get(f"/{collection}/{data.uuid(name)}", params=params))
        for r in responses:
            assert r.status_code == 200, (r.request.url, r.text)
        texts = " ".join(r.text for r in responses)
        shown.append((collection, path, leaked(texts, data.secrets())))
    if sees_secrets(kind):  # every list with an expand path shows some secret row
        assert all(found for _, path, found in shown if path), shown
    else:
        assert [s for s in shown if s[2]] == []


@ALL_KINDS
async def test_references_to_hidden_rows_are_left_out(
    kind: str, data: Data, tokens: Clients
) -> None:
    c = tokens[kind]

    async def get(name: str) -> dict[str, Any]:
        collection, row = data.rows[name]
        r = await c.get(f"/{collection}/{row['uuid']}")
        assert r.status_code == 200, r.text
        return r.json()  # type: ignore[no-any-return]

    def refs(*names: str) -> list[dict[str, Any]]:
        return [{"uuid": data.uuid(n), "url": data[n]["url"]} for n in names]

    k, bo = await get("K"), await get("BO")
    cp, vestiging = await get("C"), await get("ORG_vestiging")
    werkte_voor = cp["partijIdentificatie"]["werkteVoorPartij"]
    if sees_secrets(kind):
        assert k["hadBetrokkenen"] == refs("BS", "BO")
        assert bo["digitaleAdressen"] == refs("BO_adres", "MIX_adres")
        assert werkte_voor == refs("SO")[0]
        assert vestiging["subIdentificatorVan"] == refs("SO_kvk_nummer")[0]
    else:
        assert k["hadBetrokkenen"] == refs("BO")
        assert bo["digitaleAdressen"] == refs("BO_adres")
        assert werkte_voor is None
        assert vestiging["subIdentificatorVan"] is None
    o = await get("O")
    assert o == {**data["O"], **({} if sees_secrets(kind) else {"vertegenwoordigden": []})}


# ----- writes -------------------------------------------------------------------------------
@UNPRIVILEGED
async def test_writes_to_a_hidden_row_are_not_found(
    kind: str, data: Data, tokens: Clients, client: httpx.AsyncClient
) -> None:
    c = tokens[kind]
    for name in SECRET_ROWS:
        collection, row = data.rows[name]
        path = f"/{collection}/{row['uuid']}"
        body = {k: v for k, v in row.items() if k not in ("uuid", "url")}
        for r in (
            await c.patch(path, json={}),
            await c.put(path, json=body),
            await c.delete(path),
        ):
            assert problem(r, 404)["code"] == "not_found", (name, r.request.method)
        r = await client.get(path)
        assert r.status_code == 200 and r.json() == row, name  # nothing changed


@UNPRIVILEGED
async def test_a_hidden_partij_cannot_be_linked_to(
    kind: str, data: Data, tokens: Clients, client: httpx.AsyncClient
) -> None:
    c, before = tokens[kind], await counts(client)
    s = {"uuid": data.uuid("S")}
    writes: list[tuple[str, dict[str, Any], str]] = [
        ("/betrokkenen", {"hadKlantcontact": {"uuid": data.uuid("K")}, "wasPartij": s,
                          "rol": "klant", "initiator": True}, "wasPartij.uuid"),
        ("/digitaleadressen", {"verstrektDoorPartij": s, "adres": "x@example.com",
                               "soortDigitaalAdres": "email"}, "verstrektDoorPartij.uuid"),
        ("/rekeningnummers", {"partij": s, "iban": "NL20INGB0001234567"}, "partij.uuid"),
        ("/maak-klantcontact", {
            "klantcontact": {"kanaal": "post", "onderwerp": "o", "taal": "nld",
                             "vertrouwelijk": False},
            "betrokkene": {"rol": "klant", "initiator": True, "wasPartij": s},
        }, "betrokkene.wasPartij.uuid"),
    ]  # fmt: skip
    for path, body, field in writes:
        params = problem(await c.post(path, json=body), 400)["invalidParams"]
        assert [(p["name"], p["reason"]) for p in params] == [
            (field, "Partij met deze uuid bestaat niet.")
        ], path
    assert await counts(client) == before
    # The same writes with the privilege are accepted: the 400 above is the secret's.
    for path, body, _ in writes:
        assert (await client.post(path, json=body)).status_code == 201, path


async def counts(client: httpx.AsyncClient) -> dict[str, int]:
    return {name: (await listing(client, name))[1] for name in SERVICES}


@UNPRIVILEGED
async def test_making_a_partij_secret_is_refused_and_not_stored(
    kind: str, data: Data, tokens: Clients, client: httpx.AsyncClient
) -> None:
    c, before = tokens[kind], await counts(client)
    body = {"soortPartij": "persoon", "indicatieActief": True, "indicatieGeheimhouding": True}
    assert problem(await c.post("/partijen", json=body), 403)["code"] == "permission_denied"
    o = f"/partijen/{data.uuid('O')}"
    r = await c.patch(o, json={"indicatieGeheimhouding": True})
    assert problem(r, 403)["code"] == "permission_denied"
    put = {k: v for k, v in data["O"].items() if k not in ("uuid", "url")}
    r = await c.put(o, json={**put, "indicatieGeheimhouding": True})
    assert problem(r, 403)["code"] == "permission_denied"
    assert await counts(client) == before
    assert (await client.get(o)).json() == data["O"]
    assert (
        await c.post("/partijen", json={**body, "indicatieGeheimhouding": False})
    ).status_code == 201


# ----- cost ---------------------------------------------------------------------------------
async def test_the_rules_cost_no_statement(
    data: Data, tokens: Clients, count_statements: Any
) -> None:
    reads = [
        ("/partijen", {}),
        ("/partijen", {"expand": "betrokkenen.hadKlantcontact,digitaleAdressen"}),
        (f"/partijen/{data.uuid('O')}", {"expand": "betrokkenen.hadKlantcontact"}),
        ("/klantcontacten", {"expand": "hadBetrokkenen.wasPartij"}),
        (f"/klantcontacten/{data.uuid('K')}", {"expand": "hadBetrokkenen.digitaleAdressen"}),
        ("/betrokkenen", {"wasPartij__partijIdentificator__objectId": BSN_S}),
        ("/digitaleadressen", {"pageSize": 2}),  # a full page: the count is a statement
    ]
    for path, params in reads:
        statements = {}
        for kind, c in tokens.items():
            await c.get(path, params=params)  # the token is checked and cached
            with count_statements() as counter:
                assert (await c.get(path, params=params)).status_code == 200
            statements[kind] = counter.count
        assert len(set(statements.values())) == 1, (path, statements)
