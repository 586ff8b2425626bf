"""Applications, their rights and their tokens, through the CLI and a running app."""

from __future__ import annotations

import asyncio
import datetime as dt

from sqlalchemy import select, text, update

from klantinteracties.core.auth import TokenStore
from klantinteracties.db.models import api_token, application
from tests.helpers import app_client, problem, status_within
from tests.test_cli import run_cli


async def _key(database, *args: str) -> str:
    code, out, err = await run_cli(database, "token", "create", *args)
    assert code == 0, err
    return out.strip()


async def test_application_lifecycle_reaches_a_running_server(database, token):
    code, _, err = await run_cli(
        database, "application", "create", "kiss", "--scope", "partijen:read",
        "--privilege", "geheimhouding", "--processing-activity", "pa-klantcontact",
    )  # fmt: skip
    assert code == 0, err
    key = await _key(database, "kiss-1", "--application", "kiss")
    second = await _key(database, "kiss-2", "--application", "kiss")
    code, shown, _ = await run_cli(database, "application", "show", "kiss")
    assert "privileges: geheimhouding" in shown and "pa-klantcontact" in shown
    assert "kiss-1" in shown and "kiss-2" in shown and key not in shown
    code, listing, _ = await run_cli(database, "application", "list")
    assert "kiss\tpartijen:read\tgeheimhouding\tpa-klantcontact" in listing

    async with app_client(database) as (http, _app):
        for k in (key, second):
            headers = {"Authorization": f"Token {k}"}
            assert (await http.get("/partijen", headers=headers)).status_code == 200
            assert (await http.get("/klantcontacten", headers=headers)).status_code == 403
        headers = {"Authorization": f"Token {key}"}
        code, _, _ = await run_cli(
            database, "application", "update", "kiss", "--scope", "klantcontacten:read"
        )
        assert code == 0
        await status_within(lambda: http.get("/klantcontacten", headers=headers), 200)
        assert (await http.get("/partijen", headers=headers)).status_code == 403
        code, _, _ = await run_cli(database, "application", "delete", "kiss")
        assert code == 0
        await status_within(lambda: http.get("/klantcontacten", headers=headers), 401)
    async with database.session() as session:
        left = (await session.execute(select(api_token.c.identifier))).scalars().all()
    assert "kiss-1" not in left and "kiss-2" not in left


async def test_cli_refuses_what_grants_nothing(database, token):
    for args in (
        ("application", "create", "x", "--privilege", "alles"),
        ("application", "create", "x", "--scope", "partij:read"),
        ("token", "create", "y", "--application", "x", "--scope", "*"),
        ("token", "create", "y", "--expires", "soon"),
        ("application", "update", "x"),
    ):
        code, out, err = await run_cli(database, *args)
        assert code == 2 and out == "" and len(err.strip().splitlines()) == 1, (args, err)
    code, _, err = await run_cli(database, "token", "create", "y", "--application", "nope")
    assert code == 1 and "No application" in err
    code, _, err = await run_cli(database, "application", "delete", "nope")
    assert code == 1


async def test_a_token_stops_working_when_it_expires(database, token):
    moment = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=1.5)
    async with database.session(write=True) as session:
        key = await TokenStore(api_token).create(session, "short", expires_at=moment)
    headers = {"Authorization": f"Token {key}"}
    async with app_client(database) as (http, _app):
        assert (await http.get("/partijen", headers=headers)).status_code == 200
        await asyncio.sleep(max((moment - dt.datetime.now(dt.UTC)).total_seconds(), 0) + 0.1)
        r = await http.get("/partijen", headers=headers)  # even while cached
        assert problem(r, 401)["code"] == "authentication_failed"
    await _key(database, "later", "--expires", "90d")
    _code, listing, _ = await run_cli(database, "token", "list")
    states = {line.split("\t")[0]: line.split("\t")[-1] for line in listing.splitlines()}
    assert states["short"] == "expired"
    until = (dt.datetime.now(dt.UTC) + dt.timedelta(days=90)).strftime("%Y-%m-%d")
    assert states["later"].startswith(f"active until {until}")


async def test_rotation_keeps_both_keys_until_the_grace_period_ends(database, token):
    old = await _key(database, "portal", "--scope", "partijen:read")
    code, new, err = await run_cli(database, "token", "rotate", "portal", "--grace", "2h")
    assert code == 0, err
    new = new.strip()
    assert new != old and len(new) == 64
    async with app_client(database) as (http, _app):
        for k in (old, new):
            r = await http.get("/partijen", headers={"Authorization": f"Token {k}"})
            assert r.status_code == 200
    code, listing, _ = await run_cli(database, "token", "list")
    assert "previous key until" in listing
    async with database.session(write=True) as session:  # the grace period is over
        past = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
        stmt = update(api_token).where(api_token.c.identifier == "portal")
        await session.execute(stmt.values(previous_expires_at=past))
        await session.commit()
    async with app_client(database, token_cache_seconds=0) as (http, _app):
        r = await http.get("/partijen", headers={"Authorization": f"Token {old}"})
        problem(r, 401)
        r = await http.get("/partijen", headers={"Authorization": f"Token {new}"})
        assert r.status_code == 200
    code, _, err = await run_cli(database, "token", "rotate", "nobody")
    assert code == 1 and "No active token" in err


async def test_existing_tokens_become_applications_with_their_scopes(database, token):
    """Migration 0004: a token of before applications keeps its name, key and scopes, and
    gets no privileges."""
    from alembic import command

    from klantinteracties.core.auth import hash_key
    from klantinteracties.migrate import alembic_config, upgrade

    async with database.write_engine.begin() as conn:
        await conn.run_sync(lambda c: command.downgrade(alembic_config(c), "0003"))
        await conn.execute(
            text(
                "INSERT INTO api_token (identifier, key_hash, key_prefix, scopes, description, "
                "created_at) VALUES ('legacy', :h, 'abcdefgh', :s, '', :t)"
            ),
            {"h": hash_key("legacy-key"), "s": '["partijen:read"]', "t": dt.datetime.now(dt.UTC)},
        )
    await upgrade(database.write_engine)
    async with database.session() as session:
        row = (
            await session.execute(select(application).where(application.c.name == "legacy"))
        ).mappings().one()
    assert row["scopes"] == ["partijen:read"] and row["privileges"] == []
    async with app_client(database, token_cache_seconds=0) as (http, _app):
        headers = {"Authorization": "Token legacy-key"}
        assert (await http.get("/partijen", headers=headers)).status_code == 200
        assert (await http.get("/klantcontacten", headers=headers)).status_code == 403
