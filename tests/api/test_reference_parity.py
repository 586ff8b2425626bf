"""Query strings, authentication, the API root and page links behave as in the reference
(issue 19, points 1, 7, 9, 12, 13 and 14). Bodies: test_reference_parity_bodies.py."""

from __future__ import annotations

import pytest

from tests.api.klantcontacten_helpers import (
    BASE,
    KC,
    make_actor,
    make_internetaak,
    make_klantcontact,
    make_partij,
    ref,
)
from tests.helpers import invalid_params, problem, reasons

BSN = {
    "codeObjecttype": "natuurlijk_persoon",
    "codeSoortObjectId": "bsn",
    "objectId": "111222333",
    "codeRegister": "brp",
}


async def count(client, path: str, **params: str) -> int:
    r = await client.get(path, params=params)
    assert r.status_code == 200, r.text
    return int(r.json()["count"])


# ----- 1. an empty filter value is no filter ---------------------------------------------------
async def test_empty_filter_value_is_ignored_with_the_other_filters(client):
    await make_partij(client, BSN)
    await make_partij(client)
    assert await count(client, "/partijen", partijIdentificator__objectId="111222333") == 1
    # `nummer=` is no filter on nummer ''; the partij is still found by the other filter
    assert (
        await count(client, "/partijen", partijIdentificator__objectId="111222333", nummer="") == 1
    )
    assert await count(client, "/partijen", partijIdentificator__objectId="") == 2


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/partijen", "soortPartij"),  # a choice
        ("/partijen", "vertegenwoordigdePartij__uuid"),  # a uuid
        ("/partijen", "vertegenwoordigdePartij__url"),  # a url
        ("/partijen", "indicatieActief"),  # a boolean
        ("/partijen", "nummer"),  # text
        ("/categorie-relaties", "beginDatum"),  # a date
        ("/klantcontacten", "plaatsgevondenOp"),  # a date-time
        ("/internetaken", "status"),
        ("/actoren", "actoridentificatorObjectId"),
        ("/partijen", "categorierelatie__categorie__naam"),  # a comma-separated list
    ],
)
async def test_empty_value_of_every_kind_is_ignored(client, path, name):
    kc = await make_klantcontact(client)
    await make_internetaak(client, kc, await make_actor(client))
    await make_partij(client)
    partij = await make_partij(client)
    categorie = (await client.post("/categorieen", json={"naam": "vip"})).json()
    body = {"partij": ref(partij), "categorie": ref(categorie), "beginDatum": "2024-01-01"}
    assert (await client.post("/categorie-relaties", json=body)).status_code == 201
    everything = await count(client, path)
    assert everything >= 1
    assert await count(client, path, **{name: ""}) == everything


async def test_unknown_parameter_with_empty_value_is_still_refused(client):
    r = await client.get("/partijen", params={"bestaatNiet": ""})
    assert invalid_params(r) == {"nonFieldErrors": "unknown-parameters"}


# ----- 7. page and pageSize on a detail GET ----------------------------------------------------
async def test_page_parameters_are_accepted_on_a_detail_get(client):
    kc = await make_klantcontact(client)
    r = await client.get(kc["url"], params={"page": "2", "pageSize": "5"})
    assert r.status_code == 200 and r.json()["uuid"] == kc["uuid"]
    r = await client.get(kc["url"], params={"page": "1", "expand": "hadBetrokkenen"})
    assert r.status_code == 200 and r.json()["_expand"] == {"hadBetrokkenen": []}
    r = await client.get(kc["url"], params={"onderwerp": "x"})
    assert invalid_params(r) == {"nonFieldErrors": "unknown-parameters"}


# ----- 9. a URL needs a host with a top-level domain, localhost or an IP address ---------------
@pytest.mark.parametrize(
    "url",
    [
        "http://x/actoren/{}",
        "http://intranet:8000/actoren/{}",
        "mailto:a@example.nl",
        "http://exa mple.nl/actoren/{}",
        "http://256.1.1.1/actoren/{}",
    ],
)
async def test_url_filter_refuses_what_is_no_url(client, url):
    actor = await make_actor(client)
    r = await client.get("/actorklantcontacten", params={"actor__url": url.format(actor["uuid"])})
    assert invalid_params(r) == {"actor__url": "invalid"}
    assert reasons(r)["actor__url"] == "Voer een geldige URL in."


@pytest.mark.parametrize(
    "host",
    [
        "http://localhost",
        "http://localhost:8000",
        "https://open-klant.gemeente.nl",
        "http://10.0.0.1",
        "http://[::1]:80",
    ],
)
async def test_url_filter_accepts_hosts_like_the_reference(client, host):
    actor = await make_actor(client)
    kc = await make_klantcontact(client)
    body = {"actor": ref(actor), "klantcontact": ref(kc)}
    assert (await client.post("/actorklantcontacten", json=body)).status_code == 201
    url = f"{host}/klantinteracties/api/v1/actoren/{actor['uuid']}"
    assert await count(client, "/actorklantcontacten", actor__url=url) == 1


async def test_url_fields_in_bodies_follow_the_same_rule(client):
    r = await client.post("/klantcontacten", json={**KC, "hoofdOnderwerpType": "http://x/zt/1"})
    assert invalid_params(r) == {"hoofdOnderwerpType": "invalid"}
    for url in ("http://localhost/zt/1", "https://catalogi.gemeente.nl/zt/1"):
        r = await client.post("/klantcontacten", json={**KC, "hoofdOnderwerpType": url})
        assert r.status_code == 201 and r.json()["hoofdOnderwerpType"] == url


# ----- 12. which 401 --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("header", "code"),
    [
        ("Bearer abc", "not_authenticated"),  # another scheme: no credentials at all
        ("Basic dXNlcjpwdw==", "not_authenticated"),
        ("", "not_authenticated"),
        ("Token", "authentication_failed"),  # the Token scheme without a key
        ("token  ", "authentication_failed"),
        ("Token a b", "authentication_failed"),  # a key with a space
        ("Token onbekend", "authentication_failed"),
    ],
)
async def test_401_subtypes(anon, header, code):
    r = await anon.get("/categorieen", headers={"Authorization": header})
    body = problem(r, 401)
    assert body["code"] == code
    kind = "NotAuthenticated" if code == "not_authenticated" else "AuthenticationFailed"
    assert body["type"].endswith(f"/ref/fouten/{kind}/")
    assert r.headers["WWW-Authenticate"] == "Token"


# ----- 13. the API root ----------------------------------------------------------------------
async def test_api_root_lists_maak_klantcontact(anon):
    body = (await anon.get("/")).json()
    assert body["maak-klantcontact"] == f"{BASE}/maak-klantcontact"
    assert body["partijen"] == f"{BASE}/partijen"
    assert list(body) == sorted(body)


# ----- 14. page links with sorted query parameters --------------------------------------------
async def test_page_links_have_their_parameters_sorted_by_name(client):
    for _ in range(3):
        await make_partij(client)
    params = {"soortPartij": "persoon", "pageSize": "1", "indicatieActief": "true"}
    body = (await client.get("/partijen", params=params)).json()
    assert body["count"] == 3
    assert body["next"] == (
        f"{BASE}/partijen?indicatieActief=true&page=2&pageSize=1&soortPartij=persoon"
    )
    body = (await client.get("/partijen", params={**params, "page": "3"})).json()
    assert body["next"] is None
    assert body["previous"] == (
        f"{BASE}/partijen?indicatieActief=true&page=2&pageSize=1&soortPartij=persoon"
    )
    body = (await client.get("/partijen", params={**params, "page": "2"})).json()
    # page 1 is written without page, as in the reference
    assert (
        body["previous"] == f"{BASE}/partijen?indicatieActief=true&pageSize=1&soortPartij=persoon"
    )


async def test_repeated_parameters_keep_their_order_in_links(client):
    for _ in range(2):
        await make_partij(client)
    r = await client.get("/partijen?pageSize=1&expand=digitaleAdressen&expand=betrokkenen")
    assert r.json()["next"] == (
        f"{BASE}/partijen?expand=digitaleAdressen&expand=betrokkenen&page=2&pageSize=1"
    )
