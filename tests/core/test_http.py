"""Cross-cutting HTTP behaviour: auth, problem bodies, headers, content negotiation."""

from __future__ import annotations

import uuid

import httpx
import orjson
import pytest

from klantinteracties.core.auth import TokenStore
from klantinteracties.db.models import api_token
from tests.helpers import invalid_params, problem


async def test_missing_token_is_401_with_challenge(anon):
    r = await anon.get("/categorieen")
    body = problem(r, 401)
    assert body["code"] == "not_authenticated"
    assert r.headers["WWW-Authenticate"] == "Token"
    assert body["type"].endswith("/ref/fouten/NotAuthenticated/")
    assert body["instance"].startswith("urn:uuid:")


@pytest.mark.parametrize("header", ["Token nope", "Bearer abc", "Token", "Token a b", "token  "])
async def test_wrong_or_malformed_token_is_401(anon, header):
    r = await anon.get("/categorieen", headers={"Authorization": header})
    assert problem(r, 401)["code"] in ("authentication_failed", "not_authenticated")


async def test_keyword_is_case_insensitive(anon, token):
    r = await anon.get("/categorieen", headers={"Authorization": f"token {token}"})
    assert r.status_code == 200


async def test_revoked_token_is_refused(anon, database, token):
    async with database.session(write=True) as session:
        await TokenStore(api_token).revoke(session, "tests")
    r = await anon.get("/categorieen", headers={"Authorization": f"Token {token}"})
    assert problem(r, 401)["code"] == "authentication_failed"


async def test_scopes_give_403_for_known_token_without_right(anon, database, token):
    async with database.session(write=True) as session:
        reader = await TokenStore(api_token).create(session, "reader", ["partijen:read"])
        other = await TokenStore(api_token).create(session, "other", ["contactgegevens:*"])
    headers = {"Authorization": f"Token {reader}"}
    assert (await anon.get("/categorieen", headers=headers)).status_code == 200
    r = await anon.post("/categorieen", json={"naam": "x"}, headers=headers)
    assert problem(r, 403)["code"] == "permission_denied"
    r = await anon.get("/categorieen", headers={"Authorization": f"Token {other}"})
    problem(r, 403)


async def test_key_is_stored_only_as_hash(anon, database, token):
    async with database.session() as session:
        rows = (await session.execute(api_token.select())).mappings().all()
    assert rows and all(token not in str(dict(r).values()) for r in rows)
    # and a stored hash cannot be used as a key
    stored = rows[0]["key_hash"]
    r = await anon.get("/categorieen", headers={"Authorization": f"Token {stored}"})
    assert problem(r, 401)["code"] == "authentication_failed"


async def test_api_root_needs_no_token_and_lists_collections(anon):
    r = await anon.get("/")
    assert r.status_code == 200
    body = r.json()
    assert body["categorieen"] == "http://testserver.local/klantinteracties/api/v1/categorieen"
    assert r.headers["API-version"] == "0.9.0"


async def test_api_version_header_everywhere(client):
    r = await client.post("/categorieen", json={})
    assert r.headers["API-version"] == "0.9.0"
    assert (await client.get("/categorieen", params={"x": 1})).headers["API-version"] == "0.9.0"
    r = await client.delete(r.json()["url"])
    assert r.status_code == 204 and r.headers["API-version"] == "0.9.0"


async def test_unknown_query_parameters_are_rejected(client):
    r = await client.get("/categorieen", params={"foo": "1", "bar": "2"})
    body = problem(r, 400)
    assert body["invalidParams"] == [
        {
            "name": "nonFieldErrors",
            "code": "unknown-parameters",
            "reason": body["invalidParams"][0]["reason"],
        }
    ]
    assert "bar" in body["invalidParams"][0]["reason"]
    created = (await client.post("/categorieen", json={})).json()
    r = await client.get(created["url"], params={"expand": "x"})
    assert invalid_params(r) == {"nonFieldErrors": "unknown-parameters"}


async def test_non_json_body_is_415(client):
    r = await client.post("/categorieen", content=b"naam=x", headers={"Content-Type": "text/plain"})
    assert problem(r, 415)["code"] == "unsupported_media_type"


async def test_malformed_json_is_400_parse_error(client):
    r = await client.post(
        "/categorieen", content=b'{"naam": ', headers={"Content-Type": "application/json"}
    )
    assert problem(r, 400)["code"] == "parse_error"


@pytest.mark.parametrize("payload", [[], "x", 3, None])
async def test_non_object_body_is_400(client, payload):
    r = await client.post(
        "/categorieen", content=orjson.dumps(payload), headers={"Content-Type": "application/json"}
    )
    assert invalid_params(r) == {"nonFieldErrors": "invalid"}


async def test_snake_case_body_keys_are_accepted(client):
    cat = (await client.post("/categorieen", json={"naam": "x"})).json()
    r = await client.post(
        "/categorie-relaties",
        json={"categorie": {"uuid": cat["uuid"]}, "begin_datum": "2020-02-02"},
    )
    assert r.status_code == 201 and r.json()["beginDatum"] == "2020-02-02"


async def test_unknown_and_malformed_uuid_is_404(client):
    problem(await client.get("/categorieen/not-a-uuid"), 404)
    problem(await client.get("/categorieen/6f2b9f2e-8e0b-4a3c-9d4e-0a8d1c1e2f3a"), 404)
    problem(await client.delete("/categorieen/6f2b9f2e-8e0b-4a3c-9d4e-0a8d1c1e2f3a"), 404)


async def test_unknown_path_and_method(client):
    problem(await client.get("/nothing-here"), 404)
    assert problem(await client.get("/categorieen/"), 404)
    r = await client.delete("/categorieen")
    assert problem(r, 405)["code"] == "method_not_allowed"


async def test_head_is_answered_like_get_without_body(client):
    r = await client.head("/categorieen")
    assert r.status_code == 200 and r.content == b""
    assert r.headers["API-version"] == "0.9.0"


async def test_accept_header_that_excludes_json_is_406(client):
    r = await client.get("/categorieen", headers={"Accept": "application/xml"})
    assert problem(r, 406)["code"] == "not_acceptable"
    r = await client.get("/categorieen", headers={"Accept": "application/json; q=0.9, */*"})
    assert r.status_code == 200


async def test_served_openapi_documents(anon):
    r = await anon.get("/openapi.json")
    assert r.status_code == 200 and r.headers["Access-Control-Allow-Origin"] == "*"
    doc = r.json()
    assert doc["info"]["version"] == "0.9.0"
    ops = {op["operationId"] for path in doc["paths"].values() for op in path.values()}
    assert {"categorieenList", "categorieRelatiesPartialUpdate"} <= ops
    params = {p["name"] for p in doc["paths"]["/categorie-relaties"]["get"]["parameters"]}
    assert {"categorie__naam", "page", "pageSize"} <= params
    r = await anon.get("/openapi.yaml")
    assert r.status_code == 200 and "categorieenList" in r.text
    r = await anon.get("/schema")
    assert r.status_code == 200 and "text/html" in r.headers["content-type"]


async def test_every_response_is_json_even_for_unexpected_verbs(client: httpx.AsyncClient):
    r = await client.put("/categorieen", json={})
    assert r.headers["content-type"] == "application/json"


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        (None, "application/json"),  # like the reference; open-klant-client insists on it
        ("application/json", "application/json"),
        ("*/*", "application/json"),
        ("application/problem+json", "application/problem+json"),
        ("application/json, application/problem+json;q=0.9", "application/problem+json"),
        ("application/json, application/problem+json;q=0", "application/json"),
    ],
)
async def test_error_media_type(client: httpx.AsyncClient, accept, media_type):
    headers = {"Accept": accept} if accept else {}
    for response in (
        await client.get(f"/partijen/{uuid.uuid4()}", headers=headers),  # 404
        await client.post(
            "/categorieen", content=b"{", headers={**headers, "Content-Type": "application/json"}
        ),  # 400
        await client.get("/partijen", headers={**headers, "Authorization": "Token x"}),  # 401
    ):
        assert response.status_code >= 400
        assert response.headers["content-type"] == media_type
        assert response.json()["status"] == response.status_code


async def test_not_acceptable_is_plain_json(client: httpx.AsyncClient):
    r = await client.get("/partijen", headers={"Accept": "text/html"})
    assert r.status_code == 406 and r.headers["content-type"] == "application/json"
    assert r.json()["code"] == "not_acceptable"


async def test_nul_characters_are_refused_not_500(client):
    # PostgreSQL cannot store NUL in text; it must be a 400 on both databases.
    r = await client.get("/partijen", params={"nummer": "a\x00b"})
    assert invalid_params(r) == {"nummer": "invalid"}
    r = await client.post("/categorieen", json={"naam": "a\x00b"})
    assert invalid_params(r) == {"naam": "invalid"}
    body = {"soortPartij": "persoon", "indicatieActief": True, "bezoekadres": {"stad": "x\x00"}}
    r = await client.post("/partijen", json=body)
    assert invalid_params(r) == {"bezoekadres.stad": "invalid"}
    # a literal backslash followed by "u0000" is ordinary text
    r = await client.post("/categorieen", json={"naam": "\\u0000"})
    assert r.status_code == 201 and r.json()["naam"] == "\\u0000"


async def test_timestamps_beyond_the_calendar_are_400(client):
    r = await client.get(
        "/klantcontacten", params={"plaatsgevondenOp": "9999-12-31T23:00:00-05:00"}
    )
    assert invalid_params(r) == {"plaatsgevondenOp": "invalid"}
    body = {
        "kanaal": "t",
        "onderwerp": "o",
        "taal": "nld",
        "vertrouwelijk": False,
        "plaatsgevondenOp": "9999-12-31T23:00:00-05:00",
    }
    r = await client.post("/klantcontacten", json=body)
    assert invalid_params(r) == {"plaatsgevondenOp": "invalid"}
    body["plaatsgevondenOp"] = "2024-01-01T10:00:00+02:00"
    r = await client.post("/klantcontacten", json=body)
    assert r.json()["plaatsgevondenOp"] == "2024-01-01T08:00:00Z"
