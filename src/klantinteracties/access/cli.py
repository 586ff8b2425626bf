"""``klantinteracties application ...`` and ``klantinteracties token ...``."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import typer
from sqlalchemy.exc import IntegrityError

from klantinteracties.cli_db import fail, in_write_session
from klantinteracties.core.auth import (
    GROUPS,
    PRIVILEGES,
    TokenStore,
    unknown_privileges,
    unknown_scopes,
)
from klantinteracties.db.models import api_token

from . import v1_clients
from .applications import ApplicationStore, parse_duration, parse_moment

application_app = typer.Typer(
    help="Applications: the client systems, their rights and privileges.", no_args_is_help=True
)
token_app = typer.Typer(help="API tokens (Authorization: Token <key>).", no_args_is_help=True)

ScopeOpt = Annotated[
    list[str] | None,
    typer.Option("--scope", help="Right to grant; repeatable. '*', 'partijen:read', ..."),
]
PrivilegeOpt = Annotated[
    list[str] | None,
    typer.Option("--privilege", help=f"Privilege; repeatable: {' or '.join(PRIVILEGES)}."),
]
ActivityOpt = Annotated[
    str | None,
    typer.Option("--processing-activity", help="Processing activity id for the log (LDV)."),
]
# The v1 APIs' ZGW authentication (docs/v1.md): a client id, its JWT secret, v1 scopes.
ClientIdOpt = Annotated[
    str | None, typer.Option("--client-id", help="v1 (ZGW) client id: the JWT's client_id.")
]
SecretStdinOpt = Annotated[
    bool,
    typer.Option("--secret-stdin", help="Read the v1 client's JWT secret (HS256) from stdin."),
]
V1ScopeOpt = Annotated[
    list[str] | None,
    typer.Option("--v1-scope", help="v1 scope; repeatable: klanten.lezen, klanten.aanmaken, ..."),
]


def _store() -> TokenStore:
    return TokenStore(api_token)


def _check_rights(scopes: list[str] | None, privileges: list[str] | None) -> None:
    unknown = unknown_scopes(scopes or [])
    if unknown:
        forms = f"'*', 'audit:read' or <group>:read|write|* with group one of {', '.join(GROUPS)}"
        raise fail(f"Unknown scope {', '.join(map(repr, unknown))}; use {forms}.", 2)
    wrong = unknown_privileges(privileges or [])
    if wrong:
        raise fail(f"Unknown privilege {', '.join(map(repr, wrong))}; use {PRIVILEGES}.", 2)


def _check_name(name: str, what: str) -> str:
    if not name.strip():
        raise fail(f"A {what} needs a name (e.g. the client application).", 2)
    return name.strip()


@application_app.command("create")
def application_create(
    name: str,
    scope: ScopeOpt = None,
    privilege: PrivilegeOpt = None,
    processing_activity: ActivityOpt = None,
    description: Annotated[str, typer.Option(help="Free text: owner, contact.")] = "",
) -> None:
    """Create an application (without a token: see ``token create --application``)."""
    name = _check_name(name, "application")
    _check_rights(scope, privilege)
    apps = ApplicationStore(_store())
    try:
        in_write_session(
            lambda s: apps.create(
                s, name, scope or [], privilege or [], description, processing_activity
            )
        )
    except IntegrityError:
        raise fail(f"An application named {name!r} already exists.") from None
    typer.echo(f"Created application {name}.")


@application_app.command("list")
def application_list() -> None:
    """List applications with their rights."""
    for row in in_write_session(ApplicationStore(_store()).list):
        typer.echo("\t".join(_summary(row)))


def _summary(row: dict[str, Any]) -> list[str]:
    return [
        row["name"],
        ",".join(row["scopes"]) or "-",
        ",".join(row["privileges"]) or "-",
        row["processing_activity_id"] or "-",
    ]


@application_app.command("show")
def application_show(name: str) -> None:
    """An application's rights and its tokens (never their keys)."""
    store = _store()

    async def work(session: Any) -> Any:
        return (
            await ApplicationStore(store).get(session, name),
            await store.list_tokens(session, name),
            await v1_clients.client_of(session, name),
        )

    row, tokens, v1 = in_write_session(work)
    if row is None:
        raise fail(f"No application named {name!r}.")
    for label, value in zip(
        ("name", "scopes", "privileges", "processing activity"), _summary(row), strict=True
    ):
        typer.echo(f"{label}: {value}")
    typer.echo(f"description: {row['description']}")
    if v1 is not None:  # the secret is never shown
        typer.echo(f"v1 client id: {v1['client_id']}")
        typer.echo(f"v1 scopes: {','.join(v1['scopes']) or '-'}")
    for token in tokens:
        typer.echo("token: " + "\t".join(_token_line(token)))


@application_app.command("update")
def application_update(
    name: str,
    scope: ScopeOpt = None,
    privilege: PrivilegeOpt = None,
    no_privileges: Annotated[bool, typer.Option(help="Take every privilege away.")] = False,
    processing_activity: ActivityOpt = None,
    description: Annotated[str | None, typer.Option(help="Free text.")] = None,
    client_id: ClientIdOpt = None,
    secret_stdin: SecretStdinOpt = False,
    v1_scope: V1ScopeOpt = None,
) -> None:
    """Change what is given (a list given replaces the old one); takes effect within a second."""
    _check_rights(scope, privilege)
    v1 = _v1_values(client_id, secret_stdin, v1_scope)
    values: dict[str, Any] = {}
    if scope is not None:
        values["scopes"] = scope
    if privilege is not None or no_privileges:
        values["privileges"] = [] if no_privileges else privilege
    if processing_activity is not None:
        values["processing_activity_id"] = processing_activity or None
    if description is not None:
        values["description"] = description
    if not values and not v1:
        raise fail("Nothing to change: give --scope, --privilege, ... .", 2)
    apps = ApplicationStore(_store())
    if values and not in_write_session(lambda s: apps.update(s, name, **values)):
        raise fail(f"No application named {name!r}.")
    if v1:
        in_write_session(lambda s: _set_v1_client(s, name, v1))
    typer.echo(f"Updated application {name}.")


def _v1_values(
    client_id: str | None, secret_stdin: bool, scopes: list[str] | None
) -> dict[str, Any]:
    unknown = v1_clients.unknown_v1_scopes(scopes or [])
    if unknown:
        known = ", ".join(v1_clients.V1_SCOPES)
        raise fail(f"Unknown v1 scope {', '.join(map(repr, unknown))}; use {known}.", 2)
    values: dict[str, Any] = {}
    if client_id is not None:
        values["client_id"] = _check_name(client_id, "v1 client id")
    if secret_stdin:
        secret = typer.get_text_stream("stdin").read().strip()
        if not secret:
            raise fail("--secret-stdin: stdin held no secret.", 2)
        values["secret"] = secret
    if scopes is not None:
        values["scopes"] = scopes
    return values


async def _set_v1_client(session: Any, name: str, values: dict[str, Any]) -> None:
    client_id = values.get("client_id")
    if client_id is not None and await v1_clients.client_id_taken(session, client_id, name):
        raise fail(f"Another application has v1 client id {client_id!r}.")
    try:
        await v1_clients.set_client(session, name, **values)
    except LookupError:
        raise fail(f"No application named {name!r}.") from None
    except ValueError as exc:
        raise fail(str(exc), 2) from None
    await session.commit()


@application_app.command("delete")
def application_delete(name: str) -> None:
    """Delete an application and its tokens; they stop working within a second."""
    apps = ApplicationStore(_store())
    if not in_write_session(lambda s: apps.delete(s, name)):
        raise fail(f"No application named {name!r}.")
    typer.echo(f"Deleted application {name} and its tokens.")


@token_app.command("create")
def token_create(
    identifier: Annotated[str, typer.Argument(help="Unique name, e.g. the client application.")],
    application: Annotated[
        str | None, typer.Option(help="The application it belongs to (else one of its own).")
    ] = None,
    scope: ScopeOpt = None,
    privilege: PrivilegeOpt = None,
    expires: Annotated[
        str | None, typer.Option(help="When it stops working: 90d, 12h, 30m or an ISO date.")
    ] = None,
    description: Annotated[str, typer.Option(help="Free text: owner, contact.")] = "",
) -> None:
    """Create a token. The key is shown once and only its hash is stored. Without
    --application, the token gets an application of the same name with --scope ('*' by
    default) and --privilege."""
    identifier = _check_name(identifier, "token")
    if application is not None and (scope or privilege):
        raise fail("Rights belong to the application: give --application or --scope, not both.", 2)
    _check_rights(scope, privilege)
    expires_at = _moment(expires)
    store = _store()

    async def work(session: Any) -> str:
        return await store.create(
            session,
            identifier,
            scope or ["*"],
            description,
            privileges=privilege or [],
            application=application,
            expires_at=expires_at,
        )

    try:
        key = in_write_session(work)
    except IntegrityError:
        also = "" if application else " (or an application of that name: use --application)"
        raise fail(f"A token named {identifier!r} already exists{also}.") from None
    except LookupError:
        raise fail(f"No application named {application!r}.") from None
    typer.echo(key)


def _moment(raw: str | None) -> dt.datetime | None:
    if raw is None:
        return None
    try:
        return parse_moment(raw)
    except ValueError:
        raise fail("--expires takes 90d, 12h, 30m or an ISO date such as 2027-06-30.", 2) from None


@token_app.command("rotate")
def token_rotate(
    identifier: str,
    grace: Annotated[
        str, typer.Option(help="How long the current key keeps working: 7d, 12h, 30m.")
    ] = "1d",
) -> None:
    """A new key for a token; the current key keeps working for --grace, so clients can switch
    without downtime. Prints the new key."""
    try:
        period = parse_duration(grace)
    except ValueError:
        raise fail("--grace takes a duration such as 7d, 12h or 30m.", 2) from None
    store = _store()
    key = in_write_session(lambda s: store.rotate(s, identifier, period))
    if key is None:
        raise fail(f"No active token named {identifier!r}.")
    typer.echo(key)


def _token_line(row: dict[str, Any]) -> list[str]:
    now = dt.datetime.now(dt.UTC)
    if row["revoked_at"]:
        state = "revoked"
    elif row["expires_at"] and row["expires_at"] <= now:
        state = "expired"
    else:
        state = "active"
        if row["expires_at"]:
            state += f" until {row['expires_at']:%Y-%m-%dT%H:%MZ}"
        if row["previous_expires_at"] and row["previous_expires_at"] > now:
            state += f", previous key until {row['previous_expires_at']:%Y-%m-%dT%H:%MZ}"
    return [row["identifier"], f"{row['key_prefix']}…", row["application"], state]


@token_app.command("list")
def token_list() -> None:
    """List tokens (never their keys): name, key prefix, application, scopes, state."""
    for row in in_write_session(_store().list_tokens):
        line = _token_line(row)
        line.insert(3, ",".join(row["scopes"]))
        typer.echo("\t".join(line))


@token_app.command("revoke")
def token_revoke(identifier: str) -> None:
    """Revoke a token; it stops working in every server process within a second."""
    store = _store()
    if not in_write_session(lambda s: store.revoke(s, identifier)):
        raise fail(f"No active token named {identifier!r}.")
    typer.echo(f"Revoked {identifier}.")
