"""``klantinteracties setup apply FILE [--check]`` as a real process on the test database: apply
twice equals once, updates, the tokens it makes work over HTTP, kanalen at a real stand-in of
the Notificaties API, and files it refuses (with their place in the file, changing nothing)."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import select

from klantinteracties.core.db import Database
from klantinteracties.db.models import api_token, application, categorie
from klantinteracties.events.kanalen import KANALEN
from tests.events.receiver import running_receiver
from tests.helpers import app_client

KEY_A = "a" * 20 + "0123456789abcdef0123456789"  # 46 characters
KEY_B = "b" * 20 + "0123456789abcdef0123456789"

FILE = """
applications:
  - name: kiss
    description: "team KCC"
    scopes: ["partijen:read", "klantcontacten:write"]
    privileges: [geheimhouding]
    processingActivity: "https://register.example/va/1"
    tokens:
      - name: kiss-prod
        keyEnv: SETUP_TEST_KEY
        expires: 2099-06-30
  - name: forms
    scopes: ["internetaken:*"]
    tokens:
      - name: forms-prod
        keyFile: {key_file}
categorieen:
  - naam: Ondernemer
  - naam: Inwoner
"""


async def setup(db: Database, path: Path, *args: str, **env: str) -> tuple[int, str, str]:
    full = {**os.environ, "DATABASE_URL": db.url, "SETUP_TEST_KEY": KEY_A, **env}
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "klantinteracties",
        "setup",
        "apply",
        str(path),
        *args,
        env=full,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await proc.communicate()
    return proc.returncode or 0, out.decode(), err.decode()


def write(tmp_path: Path, text: str, key: str = KEY_B) -> Path:
    key_file = tmp_path / "forms.key"
    key_file.write_text(key + "\n")
    path = tmp_path / "setup.yaml"
    path.write_text(text.format(key_file=key_file))
    return path


async def state(db: Database) -> dict[str, Any]:
    """Everything setup writes, every column (updated_at too: an unchanged item is not
    rewritten)."""
    async with db.read_engine.connect() as conn:
        apps = (await conn.execute(select(application).order_by(application.c.name))).all()
        tokens = (await conn.execute(select(api_token).order_by(api_token.c.identifier))).all()
        cats = (await conn.execute(select(categorie.c.naam).order_by(categorie.c.naam))).all()
    return {"apps": apps, "tokens": tokens, "categorieen": cats}


async def test_apply_twice_is_apply_once_and_the_tokens_work(database, token, tmp_path):
    path = write(tmp_path, FILE)
    before = await state(database)
    code, out, err = await setup(database, path, "--check")
    assert code == 1, err
    assert out.splitlines() == [
        "application kiss: create",
        "token kiss-prod: create",
        "application forms: create",
        "token forms-prod: create",
        "categorie Ondernemer: create",
        "categorie Inwoner: create",
        "6 to change, 0 unchanged.",
    ]
    assert await state(database) == before  # --check wrote nothing

    code, out, err = await setup(database, path)
    assert code == 0, err
    assert "token kiss-prod: created" in out and KEY_A not in out + err
    once = await state(database)
    code, out, err = await setup(database, path)
    assert code == 0, err
    assert out.splitlines()[-1] == "0 changed, 6 unchanged."
    assert await state(database) == once
    code, out, _ = await setup(database, path, "--check")
    assert code == 0 and out.splitlines()[-1] == "0 to change, 6 unchanged."

    [kiss] = [a for a in once["apps"] if a.name == "kiss"]
    assert kiss.scopes == ["partijen:read", "klantcontacten:write"]
    assert kiss.privileges == ["geheimhouding"]
    assert kiss.processing_activity_id == "https://register.example/va/1"
    async with app_client(database) as (http, _app):
        for key, allowed, refused in (
            (KEY_A, "/partijen", "/internetaken"),
            (KEY_B, "/internetaken", "/partijen"),
        ):
            headers = {"Authorization": f"Token {key}"}
            assert (await http.get(allowed, headers=headers)).status_code == 200
            assert (await http.get(refused, headers=headers)).status_code == 403


async def test_changes_are_updates_and_a_new_key_replaces_the_old(database, token, tmp_path):
    path = write(tmp_path, FILE)
    assert (await setup(database, path))[0] == 0
    changed = FILE.replace('["internetaken:*"]', '["internetaken:read"]').replace(
        "2099-06-30", "2098-01-01"
    )
    path = write(tmp_path, changed + "  - naam: Nieuw\n")
    code, out, err = await setup(database, path, "--check", SETUP_TEST_KEY=KEY_B[::-1])
    assert code == 1, err
    assert out.splitlines() == [
        "application kiss: unchanged",
        "token kiss-prod: update (key, expires)",
        "application forms: update (scopes)",
        "token forms-prod: unchanged",
        "categorie Ondernemer: unchanged",
        "categorie Inwoner: unchanged",
        "categorie Nieuw: create",
        "3 to change, 4 unchanged.",
    ]
    code, _, err = await setup(database, path, SETUP_TEST_KEY=KEY_B[::-1])
    assert code == 0, err
    async with app_client(database) as (http, _app):
        old = await http.get("/partijen", headers={"Authorization": f"Token {KEY_A}"})
        new = await http.get("/partijen", headers={"Authorization": f"Token {KEY_B[::-1]}"})
        forms = {"Authorization": f"Token {KEY_B}"}
        write_attempt = await http.post("/internetaken", json={}, headers=forms)
    assert (old.status_code, new.status_code, write_attempt.status_code) == (401, 200, 403)
    tokens = {t.identifier: t for t in (await state(database))["tokens"]}
    assert f"{tokens['kiss-prod'].expires_at:%Y-%m-%d}" == "2098-01-01"


async def test_kanalen_are_registered_once(database, token, tmp_path):
    path = tmp_path / "kanalen.yaml"
    path.write_text("notifications:\n  registerKanalen: true\n")
    with running_receiver() as rx:
        env = {"KLANTINTERACTIES_NOTIFICATIONS_URL": rx.url}
        code, out, err = await setup(database, path, "--check", **env)
        assert code == 1, err
        assert [line for line in out.splitlines() if line.startswith("kanaal")] == [
            f"kanaal {k.naam}: create" for k in KANALEN
        ]
        assert not [r for r in rx.requests if r.method == "POST"]  # --check only looked
        assert (await setup(database, path, **env))[0] == 0
        code, out, _ = await setup(database, path, "--check", **env)
        assert code == 0 and out.splitlines()[-1] == f"0 to change, {len(KANALEN)} unchanged."
    posted = [r.json()["naam"] for r in rx.requests if r.method == "POST"]
    assert posted == [k.naam for k in KANALEN]

    code, _, err = await setup(database, path)  # no Notificaties API configured
    assert code == 2 and "KLANTINTERACTIES_NOTIFICATIONS_URL is not set" in err


async def test_a_wrong_file_is_refused_with_places_and_changes_nothing(database, token, tmp_path):
    before = await state(database)
    path = tmp_path / "wrong.yaml"
    path.write_text(
        "applications:\n"
        "  - name: kiss\n"
        "    scopez: ['*']\n"
        "    tokens:\n"
        "      - name: t\n"
        "        key: 'never here'\n"
        "staff:\n"
        "  - name: someone\n"
        "colour: red\n"
    )
    code, out, err = await setup(database, path)
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        f"{path}: staff: staff accounts belong to the beheer UI, which this version does not "
        "have yet; remove the section",
        f"{path}: applications[0].tokens[0].key: unknown key",
        f"{path}: applications[0].scopez: unknown key",
        f"{path}: colour: unknown key",
    ]
    path.write_text(
        "applications:\n"
        "  - name: kiss\n"
        "    scopes: ['partij:read']\n"
        "    tokens:\n"
        "      - {name: t, keyEnv: SETUP_TEST_UNSET, expires: 90d}\n"
        "      - {name: u, keyEnv: SETUP_TEST_SHORT}\n"
        "      - {name: u, keyFile: /nonexistent/key, keyEnv: SETUP_TEST_KEY}\n"
        "categorieen: [{naam: A}, {naam: A}]\n"
    )
    code, _, err = await setup(database, path, SETUP_TEST_SHORT="short")
    assert code == 2
    assert [line.removeprefix(f"{path}: ") for line in err.splitlines()] == [
        "applications[0].scopes: unknown scope 'partij:read'",
        "applications[0].tokens[0].expires: not a date or date-time such as 2027-06-30 (a "
        "period such as 90d is not taken: it would move at every apply)",
        "applications[0].tokens[2].name: 'u' is named twice",
        "applications[0].tokens[2]: give keyEnv or keyFile (one of them)",
        "categorieen[1].naam: 'A' is named twice",
    ]
    path.write_text(
        "applications:\n"
        "  - name: kiss\n"
        "    tokens:\n"
        "      - {name: t, keyEnv: SETUP_TEST_UNSET}\n"
        "      - {name: u, keyEnv: SETUP_TEST_SHORT}\n"
    )
    code, _, err = await setup(database, path, SETUP_TEST_SHORT="short")
    assert code == 2
    assert [line.removeprefix(f"{path}: ") for line in err.splitlines()] == [
        "applications[0].tokens[0].keyEnv: environment variable SETUP_TEST_UNSET is not set",
        "applications[0].tokens[1]: the key in environment variable SETUP_TEST_SHORT needs 32 "
        "characters or more, no spaces",
    ]
    assert await state(database) == before


async def test_one_key_for_two_tokens_is_refused(database, token, tmp_path):
    before = await state(database)
    path = write(tmp_path, FILE, key=KEY_A)  # forms-prod's file holds kiss-prod's key
    code, _, err = await setup(database, path)
    assert code == 2 and err.endswith(
        "applications[1].tokens[0]: the same key as another token; each needs its own\n"
    )
    assert await state(database) == before
    # The key of a token the file does not name.
    assert (await setup(database, write(tmp_path, FILE)))[0] == 0
    applied = await state(database)
    other = tmp_path / "other.yaml"
    other.write_text(
        "applications:\n  - name: x\n    tokens: [{name: x, keyEnv: SETUP_TEST_KEY}]\n"
    )
    code, _, err = await setup(database, other)
    assert code == 2 and err.endswith("token x: its key is already another token's key\n")
    assert KEY_A not in err and await state(database) == applied


def test_the_example_file_is_one_setup_apply_takes():
    from klantinteracties.ops.setup_file import load

    example = load(Path(__file__).resolve().parents[2] / "docs" / "setup.example.yaml")
    assert [a.name for a in example.applications] == ["kiss", "formulieren", "privacy-office"]
    assert example.applications[0].tokens[0].key_env == "KISS_API_KEY"
