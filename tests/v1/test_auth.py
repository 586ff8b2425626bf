"""ZGW authentication of the v1 API: JWT edge cases, v1 scopes, and the CLI that grants them."""

from __future__ import annotations

import asyncio
import os
import sys
import time

import pytest

from tests.helpers import problem
from tests.v1.helpers import SECRET, V1, bearer, make_jwt, persoon, v1_http


async def test_valid_token_and_missing_credentials(v1_anon):
    assert (await v1_anon.get("/klanten", headers=bearer(make_jwt()))).status_code == 200
    assert problem(await v1_anon.get("/klanten"), 401)["code"] == "not_authenticated"
    # A v2 token is no v1 credential.
    r = await v1_anon.get("/klanten", headers={"Authorization": "Token abc"})
    assert r.status_code == 401


@pytest.mark.parametrize(
    ("token", "why"),
    [
        (lambda: make_jwt(secret="verkeerd"), "wrong secret"),
        (lambda: make_jwt(client_id="onbekend"), "unknown client"),
        (lambda: make_jwt(client_id=None), "no client_id"),
        (lambda: make_jwt(iat=time.time() - 7200), "expired (iat too old)"),
        (lambda: make_jwt(iat=time.time() + 3600), "iat in the future"),
        (lambda: make_jwt(exp=int(time.time()) - 60), "expired (exp)"),
        (lambda: make_jwt(alg="none"), "alg none"),
        (lambda: make_jwt(alg="HS512"), "other alg"),
        (lambda: "abc.def", "malformed"),
        (lambda: "a.b.c", "garbage"),
        (lambda: make_jwt(iat="gisteren"), "iat no number"),
    ],
)
async def test_refused_tokens(v1_anon, token, why):
    r = await v1_anon.get("/klanten", headers=bearer(token()))
    body = problem(r, 401)
    assert body["code"] == "authentication_failed", why
    assert SECRET not in r.text


async def test_iat_within_leeway_is_accepted(v1_anon):
    r = await v1_anon.get("/klanten", headers=bearer(make_jwt(iat=time.time() + 5)))
    assert r.status_code == 200
    r = await v1_anon.get("/klanten", headers=bearer(make_jwt(iat=time.time() - 3600 + 30)))
    assert r.status_code == 200


async def test_missing_scope(v1_anon, database):
    from klantinteracties.access.v1_clients import set_client

    async with database.session(write=True) as session:
        await set_client(session, "tests", scopes=["klanten.lezen"])
        await session.commit()
    headers = bearer(make_jwt())
    assert (await v1_anon.get("/klanten", headers=headers)).status_code == 200
    r = await v1_anon.post("/klanten", json=persoon(), headers=headers)
    assert problem(r, 403)["code"] == "permission_denied"
    r = await v1_anon.patch(f"{V1}/klanten/00000000-0000-0000-0000-000000000000", json={},
                        headers=headers)  # fmt: skip
    assert r.status_code == 403
    r = await v1_anon.delete(f"{V1}/klanten/00000000-0000-0000-0000-000000000000", headers=headers)
    assert r.status_code == 403
    async with database.session(write=True) as session:
        await set_client(session, "tests", scopes=[])
        await session.commit()
    assert (await v1_anon.get("/klanten", headers=headers)).status_code == 403


async def _cli(database, *args: str, stdin: str = "") -> tuple[int, str, str]:
    env = {**os.environ, "DATABASE_URL": database.url}
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "klantinteracties", *args, env=env,
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = await proc.communicate(stdin.encode())
    return proc.returncode or 0, out.decode(), err.decode()


async def test_cli_grants_v1_access(app, database, token):
    code, _, err = await _cli(database, "application", "create", "kcc", "--scope", "*")
    assert code == 0, err
    code, _, err = await _cli(
        database, "application", "update", "kcc", "--client-id", "kcc-v1", "--secret-stdin",
        "--v1-scope", "klanten.lezen", "--v1-scope", "klanten.aanmaken", stdin="s3cret-kcc\n",
    )  # fmt: skip
    assert code == 0, err
    code, shown, _ = await _cli(database, "application", "show", "kcc")
    assert "v1 client id: kcc-v1" in shown and "klanten.aanmaken,klanten.lezen" in shown
    assert "s3cret" not in shown
    async with v1_http(app) as c:
        headers = bearer(make_jwt("kcc-v1", "s3cret-kcc"))
        r = await c.post("/klanten", json=persoon(), headers=headers)
        assert r.status_code == 201, r.text
        assert (await c.delete(r.json()["url"], headers=headers)).status_code == 403
        code, _, _ = await _cli(database, "application", "update", "kcc", "--v1-scope",
                                "klanten.verwijderen")  # fmt: skip
        assert code == 0
        assert (await c.delete(r.json()["url"], headers=headers)).status_code == 204
    code, _, err = await _cli(database, "application", "update", "kcc", "--v1-scope", "klant.x")
    assert code == 2 and "Unknown v1 scope" in err
    code, _, err = await _cli(database, "application", "update", "tests", "--client-id", "kcc-v1",
                              "--secret-stdin", stdin="x")  # fmt: skip
    assert code == 1 and "Another application" in err
    code, _, err = await _cli(database, "application", "update", "kcc", "--secret-stdin")
    assert code == 2
