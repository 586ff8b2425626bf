"""The Contactgegevens API (/persoon, /organisatie), served by the same process as Klantinteracties.

The contract file is looked up in ``KI_SPEC_DIR`` (default: ``../shared/spec`` next to the repo).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import httpx
import pytest
import yaml

from klantinteracties.api.contactgegevens.service import today as dutch_today
from klantinteracties.core.auth import TokenStore
from klantinteracties.db.models import api_token
from tests.helpers import invalid_params, problem, reasons

BASE = "http://testserver.local/contactgegevens/api/v1"
SPEC_DIR = Path(os.environ.get("KI_SPEC_DIR", Path(__file__).parents[2].parent / "shared" / "spec"))
CONTRACT = SPEC_DIR / "contactgegevens-openapi.yaml"
MISSING = "6f2b9f2e-8e0b-4a3c-9d4e-0a8d1c1e2f3a"
EMPTY_ADRES = {
    "nummeraanduidingId": "",
    "straatnaam": "",
    "huisnummer": None,
    "huisnummertoevoeging": "",
    "postcode": "",
    "stad": "",
    "adresregel1": "",
    "adresregel2": "",
    "adresregel3": "",
    "land": "",
}
ADRES = {
    "nummeraanduidingId": "0363200000123456",
    "straatnaam": "Dam",
    "huisnummer": 1,
    "huisnummertoevoeging": "A",
    "postcode": "1012 JS",
    "stad": "Amsterdam",
    "adresregel1": "Dam 1A",
    "adresregel2": "1012 JS Amsterdam",
    "adresregel3": "",
    "land": "NL",
}
PERSOON = {"geboortedatum": "1980-02-29", "geslachtsnaam": "Vries"}
TOMORROW = (dt.date.today() + dt.timedelta(days=2)).isoformat()  # tomorrow in any time zone


def _client(app, token: str | None) -> httpx.AsyncClient:
    headers = {"Authorization": f"Token {token}"} if token else {}
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE, headers=headers)


@pytest.fixture
async def cg(app, token):
    async with _client(app, token) as c:
        yield c


@pytest.fixture
async def cg_anon(app, token):
    async with _client(app, None) as c:
        yield c


@pytest.fixture
def scoped_client(app, database, token):
    """A client whose token only has the given scopes."""

    async def make(*scopes: str) -> httpx.AsyncClient:
        async with database.session(write=True) as session:
            key = await TokenStore(api_token).create(session, f"t-{'-'.join(scopes)}", scopes)
        return _client(app, key)

    return make


# ----- persoon ------------------------------------------------------------------------------


async def test_persoon_create_minimal_and_retrieve(cg):
    r = await cg.post("/persoon", json=PERSOON)
    assert r.status_code == 201, r.text
    body = r.json()
    assert r.headers["Location"] == body["url"] == f"{BASE}/persoon/{body['uuid']}"
    assert r.headers["API-version"] == "1.1.1"
    assert body == {
        "uuid": body["uuid"],
        "url": body["url"],
        "geboortedatum": "1980-02-29",
        "overlijdensdatum": None,
        "geslachtsnaam": "Vries",
        "geslacht": "",
        "voorvoegsel": "",
        "voornamen": "",
        "adres": EMPTY_ADRES,
    }
    assert list(body) == [
        "uuid",
        "url",
        "geboortedatum",
        "overlijdensdatum",
        "geslachtsnaam",
        "geslacht",
        "voorvoegsel",
        "voornamen",
        "adres",
    ]
    assert list(body["adres"]) == list(EMPTY_ADRES)
    r = await cg.get(f"/persoon/{body['uuid']}")
    assert r.status_code == 200 and r.json() == body


async def test_persoon_full_put_patch_delete(cg):
    full = {
        **PERSOON,
        "overlijdensdatum": "2020-01-01",
        "geslacht": "v",
        "voorvoegsel": "de",
        "voornamen": "Anna Maria",
        "adres": ADRES,
    }
    r = await cg.post("/persoon", json=full)
    assert r.status_code == 201, r.text
    body = r.json()
    assert {k: body[k] for k in full} == full
    url = f"/persoon/{body['uuid']}"

    # PUT: required fields must be sent; omitted optional fields stay as they are
    r = await cg.put(url, json={"geboortedatum": "1981-03-01", "geslachtsnaam": "Jong"})
    assert r.status_code == 200, r.text
    assert r.json()["voornamen"] == "Anna Maria" and r.json()["adres"] == ADRES
    assert r.json()["geboortedatum"] == "1981-03-01" and r.json()["geslachtsnaam"] == "Jong"
    r = await cg.put(url, json={"geslachtsnaam": "Jong"})
    assert invalid_params(r) == {"geboortedatum": "required"}

    # PATCH: the address group is replaced as a whole; null empties it
    r = await cg.patch(url, json={"adres": {"stad": "Utrecht"}, "overlijdensdatum": None})
    assert r.status_code == 200, r.text
    assert r.json()["adres"] == {**EMPTY_ADRES, "stad": "Utrecht"}
    assert r.json()["overlijdensdatum"] is None
    r = await cg.patch(url, json={"adres": None, "geslacht": ""})
    assert r.json()["adres"] == EMPTY_ADRES and r.json()["geslacht"] == ""
    r = await cg.patch(url, json={})
    assert r.status_code == 200 and r.json()["geslachtsnaam"] == "Jong"

    r = await cg.delete(url)
    assert r.status_code == 204 and r.content == b""
    assert r.headers["API-version"] == "1.1.1"
    problem(await cg.get(url), 404)
    problem(await cg.put(url, json=PERSOON), 404)
    problem(await cg.delete(url), 404)


async def test_persoon_field_validation(cg):
    r = await cg.post("/persoon", json={})
    assert invalid_params(r) == {"geboortedatum": "required", "geslachtsnaam": "required"}
    r = await cg.post("/persoon", json={"geboortedatum": None, "geslachtsnaam": None})
    assert invalid_params(r) == {"geboortedatum": "null", "geslachtsnaam": "null"}
    r = await cg.post("/persoon", json={"geboortedatum": None, "geslachtsnaam": " "})
    assert invalid_params(r) == {"geboortedatum": "null", "geslachtsnaam": "blank"}
    r = await cg.post(
        "/persoon",
        json={
            "geboortedatum": "29-02-1980",
            "overlijdensdatum": "2020-13-01",
            "geslachtsnaam": "x" * 201,
            "geslacht": "x",
            "voorvoegsel": "x" * 11,
            "voornamen": "x" * 201,
        },
    )
    assert invalid_params(r) == {
        "geboortedatum": "invalid",
        "overlijdensdatum": "invalid",
        "geslachtsnaam": "max_length",
        "geslacht": "invalid_choice",
        "voorvoegsel": "max_length",
        "voornamen": "max_length",
    }
    r = await cg.post("/persoon", json={**PERSOON, "geslacht": None, "voornamen": True})
    assert invalid_params(r) == {"geslacht": "null", "voornamen": "invalid"}
    r = await cg.post("/persoon", json={**PERSOON, "geslacht": None})
    assert invalid_params(r) == {"geslacht": "null"}
    for geslacht in ("m", "v", "o", ""):
        r = await cg.post("/persoon", json={**PERSOON, "geslacht": geslacht})
        assert r.status_code == 201 and r.json()["geslacht"] == geslacht
    # snake_case and camelCase keys are both accepted; unknown keys are ignored
    r = await cg.post("/persoon", json={**PERSOON, "adres": {"nummeraanduiding_id": "1" * 16}})
    assert r.json()["adres"]["nummeraanduidingId"] == "1" * 16
    r = await cg.post("/persoon", json={**PERSOON, "uuid": MISSING, "bsn": "1"})
    assert r.status_code == 201 and r.json()["uuid"] != MISSING


async def test_persoon_patch_cannot_null_or_blank_required(cg):
    url = (await cg.post("/persoon", json=PERSOON)).json()["url"]
    r = await cg.patch(url, json={"geboortedatum": None})
    assert invalid_params(r) == {"geboortedatum": "null"}
    r = await cg.patch(url, json={"geslachtsnaam": ""})
    assert invalid_params(r) == {"geslachtsnaam": "blank"}
    assert (await cg.get(url)).json()["geslachtsnaam"] == "Vries"


async def test_persoon_date_rules(cg):
    r = await cg.post("/persoon", json={**PERSOON, "geboortedatum": TOMORROW})
    assert invalid_params(r) == {"geboortedatum": "invalid"}
    assert "toekomst" in reasons(r)["geboortedatum"]
    r = await cg.post("/persoon", json={**PERSOON, "overlijdensdatum": TOMORROW})
    assert invalid_params(r) == {"overlijdensdatum": "invalid"}
    r = await cg.post("/persoon", json={**PERSOON, "overlijdensdatum": "1980-02-28"})
    assert invalid_params(r) == {"overlijdensdatum": "invalid"}
    assert reasons(r)["overlijdensdatum"] == (
        "De overlijdensdatum kan niet vóór de geboortedatum liggen."
    )
    today = dutch_today().isoformat()  # "today" is the date in the Netherlands
    r = await cg.post("/persoon", json={"geboortedatum": today, "geslachtsnaam": "Kort"})
    assert r.status_code == 201, r.text  # today itself is allowed (as is dying the same day)
    r = await cg.post("/persoon", json={**PERSOON, "overlijdensdatum": PERSOON["geboortedatum"]})
    assert r.status_code == 201, r.text

    # PATCH: one date is compared with the stored other one; the sent field is named
    url = r.json()["url"]
    r = await cg.patch(url, json={"geboortedatum": "1990-01-01"})
    assert invalid_params(r) == {"geboortedatum": "invalid"}
    assert reasons(r)["geboortedatum"] == "De geboortedatum kan niet na de overlijdensdatum liggen."
    r = await cg.patch(url, json={"overlijdensdatum": "1970-01-01"})
    assert invalid_params(r) == {"overlijdensdatum": "invalid"}
    r = await cg.patch(url, json={"geboortedatum": "1990-01-01", "overlijdensdatum": "1991-01-01"})
    assert r.status_code == 200, r.text


# ----- organisatie --------------------------------------------------------------------------


async def test_organisatie_crud(cg):
    r = await cg.post("/organisatie", json={"handelsnaam": "Bakkerij De Korenaar"})
    assert r.status_code == 201, r.text
    body = r.json()
    assert r.headers["Location"] == body["url"] == f"{BASE}/organisatie/{body['uuid']}"
    assert list(body) == [
        "uuid",
        "url",
        "handelsnaam",
        "oprichtingsdatum",
        "opheffingsdatum",
        "adres",
    ]
    assert body["oprichtingsdatum"] is None and body["opheffingsdatum"] is None
    assert body["adres"] == EMPTY_ADRES
    url = f"/organisatie/{body['uuid']}"
    assert (await cg.get(url)).json() == body

    full = {
        "handelsnaam": "Korenaar BV",
        "oprichtingsdatum": "1999-05-01",
        "opheffingsdatum": "2010-01-01",
        "adres": ADRES,
    }
    r = await cg.put(url, json=full)
    assert r.status_code == 200, r.text
    assert {k: r.json()[k] for k in full} == full
    r = await cg.put(url, json={"handelsnaam": "Korenaar"})
    assert r.json()["adres"] == ADRES and r.json()["oprichtingsdatum"] == "1999-05-01"
    r = await cg.put(url, json={"adres": None})
    assert invalid_params(r) == {"handelsnaam": "required"}
    r = await cg.patch(url, json={"opheffingsdatum": None, "adres": {"land": "BE"}})
    assert r.json()["opheffingsdatum"] is None
    assert r.json()["adres"] == {**EMPTY_ADRES, "land": "BE"}

    r = await cg.delete(url)
    assert r.status_code == 204
    problem(await cg.get(url), 404)


async def test_organisatie_validation_and_dates(cg):
    r = await cg.post("/organisatie", json={})
    assert invalid_params(r) == {"handelsnaam": "required"}
    r = await cg.post("/organisatie", json={"handelsnaam": None})
    assert invalid_params(r) == {"handelsnaam": "null"}
    r = await cg.post("/organisatie", json={"handelsnaam": ""})
    assert invalid_params(r) == {"handelsnaam": "blank"}
    r = await cg.post(
        "/organisatie", json={"handelsnaam": "x" * 256, "oprichtingsdatum": "gisteren"}
    )
    assert invalid_params(r) == {"handelsnaam": "max_length", "oprichtingsdatum": "invalid"}
    r = await cg.post("/organisatie", json={"handelsnaam": "X", "oprichtingsdatum": TOMORROW})
    assert invalid_params(r) == {"oprichtingsdatum": "invalid"}
    r = await cg.post(
        "/organisatie",
        json={
            "handelsnaam": "X",
            "oprichtingsdatum": "2000-01-02",
            "opheffingsdatum": "2000-01-01",
        },
    )
    assert invalid_params(r) == {"opheffingsdatum": "invalid"}
    # a planned closure may lie in the future
    r = await cg.post(
        "/organisatie",
        json={"handelsnaam": "X", "oprichtingsdatum": "2000-01-01", "opheffingsdatum": TOMORROW},
    )
    assert r.status_code == 201, r.text
    r = await cg.patch(r.json()["url"], json={"oprichtingsdatum": "2999-01-01"})
    assert invalid_params(r) == {"oprichtingsdatum": "invalid"}  # future, reported once


# ----- adres --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("adres", "expected"),
    [
        ({"nummeraanduidingId": "123"}, {"adres.nummeraanduidingId": "invalid"}),
        ({"nummeraanduidingId": "1" * 17}, {"adres.nummeraanduidingId": "max_length"}),
        ({"postcode": "1012js"}, {"adres.postcode": "invalid"}),
        ({"postcode": "0123 AB"}, {"adres.postcode": "invalid"}),
        ({"huisnummer": 0}, {"adres.huisnummer": "min_value"}),
        ({"huisnummer": 100000}, {"adres.huisnummer": "max_value"}),
        ({"huisnummer": "een"}, {"adres.huisnummer": "invalid"}),
        ({"land": "nl"}, {"adres.land": "invalid"}),
        ({"land": "XX"}, {"adres.land": "invalid"}),
        (
            {"stad": "x" * 256, "adresregel1": "x" * 81},
            {
                "adres.stad": "max_length",
                "adres.adresregel1": "max_length",
            },
        ),
        ("Dam 1", {"adres.nonFieldErrors": "invalid"}),
    ],
)
async def test_adres_validation(cg, adres, expected):
    r = await cg.post("/persoon", json={**PERSOON, "adres": adres})
    assert invalid_params(r) == expected
    r = await cg.post("/organisatie", json={"handelsnaam": "X", "adres": adres})
    assert invalid_params(r) == expected


async def test_adres_hint_for_lowercase_land(cg):
    r = await cg.post("/organisatie", json={"handelsnaam": "X", "adres": {"land": "nl"}})
    assert "NL" in reasons(r)["adres.land"]


# ----- protocol -----------------------------------------------------------------------------


@pytest.mark.parametrize("collection", ["persoon", "organisatie"])
async def test_malformed_requests(cg, collection):
    problem(await cg.get(f"/{collection}/not-a-uuid"), 404)
    problem(await cg.get(f"/{collection}/{MISSING}"), 404)
    problem(await cg.patch(f"/{collection}/{MISSING}", json={}), 404)
    r = await cg.post(f"/{collection}", content=b"{", headers={"content-type": "application/json"})
    assert problem(r, 400)["code"] == "parse_error"
    r = await cg.post(f"/{collection}", content=b"x", headers={"content-type": "text/plain"})
    problem(r, 415)
    r = await cg.post(f"/{collection}", json=["x"])
    assert invalid_params(r) == {"nonFieldErrors": "invalid"}
    problem(await cg.post(f"/{collection}/{MISSING}", json={}), 405)
    problem(await cg.get(f"/{collection}/"), 404)


@pytest.mark.parametrize("collection", ["persoon", "organisatie"])
async def test_only_pagination_query_params(cg, collection):
    r = await cg.get(f"/{collection}", params={"geslachtsnaam": "x"})
    assert invalid_params(r) == {"nonFieldErrors": "unknown-parameters"}
    r = await cg.get(f"/{collection}", params={"expand": "adres"})
    assert invalid_params(r) == {"nonFieldErrors": "unknown-parameters"}
    r = await cg.get(f"/{collection}/{MISSING}", params={"geslachtsnaam": "x"})
    assert invalid_params(r) == {"nonFieldErrors": "unknown-parameters"}
    r = await cg.get(f"/{collection}", params={"page": 1, "pageSize": 10})
    assert r.status_code == 200
    assert r.json() == {"count": 0, "next": None, "previous": None, "results": []}


async def test_list_pagination_newest_first(cg):
    names = [f"Naam{i}" for i in range(3)]
    for name in names:
        await cg.post("/persoon", json={**PERSOON, "geslachtsnaam": name})
    r = await cg.get("/persoon", params={"pageSize": 2})
    page = r.json()
    assert page["count"] == 3
    assert [p["geslachtsnaam"] for p in page["results"]] == ["Naam2", "Naam1"]
    assert page["next"] == f"{BASE}/persoon?page=2&pageSize=2"
    r = await cg.get("/persoon", params={"pageSize": 2, "page": 2})
    assert [p["geslachtsnaam"] for p in r.json()["results"]] == ["Naam0"]
    assert r.json()["previous"] == f"{BASE}/persoon?pageSize=2"
    problem(await cg.get("/persoon", params={"page": 3, "pageSize": 2}), 404)


async def test_authentication_and_scopes(cg_anon, scoped_client):
    for path in ("/persoon", "/organisatie"):
        r = await cg_anon.get(path)
        assert problem(r, 401)["code"] == "not_authenticated"
        assert r.headers["API-version"] == "1.1.1"
        problem(await cg_anon.post(path, json={}), 401)
    async with await scoped_client("partijen:*") as other:
        problem(await other.get("/persoon"), 403)
    async with await scoped_client("contactgegevens:read") as reader:
        assert (await reader.get("/organisatie")).status_code == 200
        problem(await reader.post("/organisatie", json={"handelsnaam": "X"}), 403)
    async with await scoped_client("contactgegevens:write") as writer:
        r = await writer.post("/organisatie", json={"handelsnaam": "X"})
        assert r.status_code == 201


async def test_root_listing_without_token(cg_anon):
    r = await cg_anon.get("/")
    assert r.status_code == 200
    assert r.headers["API-version"] == "1.1.1"
    assert r.json() == {"organisatie": f"{BASE}/organisatie", "persoon": f"{BASE}/persoon"}


async def test_api_versions_per_prefix(cg_anon, app):
    r = await cg_anon.get("/openapi.json")
    assert r.headers["API-version"] == "1.1.1"
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver.local"
    ) as c:
        r = await c.get("/klantinteracties/api/v1/")
        assert r.headers["API-version"] == "0.9.0"
        assert "persoon" not in r.json()


async def test_served_documents(cg_anon):
    r = await cg_anon.get("/openapi.json")
    assert r.status_code == 200 and r.headers["Access-Control-Allow-Origin"] == "*"
    doc = r.json()
    assert doc["info"]["version"] == "1.1.1" and doc["info"]["title"] == "contactgegevens"
    assert doc["servers"] == [{"url": "/contactgegevens/api/v1"}]
    r = await cg_anon.get("/openapi.yaml")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/vnd.oai.openapi")
    assert yaml.safe_load(r.text)["paths"].keys() == doc["paths"].keys()
    r = await cg_anon.get("/schema")
    assert r.status_code == 200 and "text/html" in r.headers["content-type"]
    assert "/contactgegevens/api/v1/openapi.json" in r.text
    r = await cg_anon.get("/schema/openapi.json", follow_redirects=False)
    assert r.status_code in (302, 307) and r.headers["location"].endswith("/openapi.json")


def _operations(doc: dict) -> dict[tuple[str, str], tuple[str, list[str]]]:
    return {k: (op["operationId"], op.get("tags", [])) for k, op in _operations_full(doc).items()}


async def test_openapi_matches_contract_operations(cg_anon):
    if not CONTRACT.is_file():
        pytest.skip(f"contract not found at {CONTRACT} (set KI_SPEC_DIR to its folder)")
    contract = yaml.safe_load(CONTRACT.read_text())
    served = (await cg_anon.get("/openapi.json")).json()
    assert _operations(served) == _operations(contract)
    assert len(_operations(served)) == 12
    for key, op in _operations_full(contract).items():
        if "requestBody" in op:
            want = _writable(contract, op)
            assert want and _writable(served, _operations_full(served)[key]) == want, key


def _operations_full(doc: dict) -> dict[tuple[str, str], dict]:
    methods = {"get", "post", "put", "patch", "delete"}
    return {
        (path, method): op
        for path, item in doc["paths"].items()
        for method, op in item.items()
        if method in methods
    }


def _writable(doc: dict, op: dict) -> list[str]:
    """Writable request fields in declared order (the contract's order is the output order)."""
    ref = op["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    schema = doc["components"]["schemas"][ref.rsplit("/", 1)[1]]
    return [k for k, v in schema["properties"].items() if not v.get("readOnly")]


@pytest.mark.parametrize(
    ("collection", "body"),
    [
        ("persoon", {**PERSOON, "adres": ADRES}),
        ("organisatie", {"handelsnaam": "X", "adres": ADRES}),
    ],
)
async def test_list_statement_count(cg, count_statements, collection, body):
    async def list_count(add: int) -> int:
        for _ in range(add):
            assert (await cg.post(f"/{collection}", json=body)).status_code == 201
        with count_statements() as c:
            r = await cg.get(f"/{collection}")
        assert r.status_code == 200
        return c.count

    small = await list_count(2)
    large = await list_count(28)
    assert small == large == 1  # page (not full: no count; the token is cached)
