"""``klantinteracties staff create | list | disable | reset-password``: the accounts of the beheer
web interface (docs/beheer.md)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from klantinteracties.cli_db import fail, in_write_session

from . import staff, totp
from .passwords import hash_password, too_weak

staff_app = typer.Typer(
    help="Staff accounts of the beheer web interface (/beheer/).", no_args_is_help=True
)

PasswordStdin = Annotated[
    bool,
    typer.Option(
        "--password-stdin", help="Read the password from the first line of standard input."
    ),
]


def _password(from_stdin: bool) -> str:
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    problem = too_weak(password)
    if problem:
        raise fail(problem, 2)
    return password


@staff_app.command("create")
def staff_create(
    name: str,
    role: Annotated[str, typer.Option(help="beheerder (read and write) or raadpleger (read).")],
    password_stdin: PasswordStdin = False,
    with_totp: Annotated[
        bool,
        typer.Option("--totp", help="Also set up a TOTP second factor; prints its URI once."),
    ] = False,
) -> None:
    """Create a staff account; without --password-stdin the password is asked twice."""
    name = name.strip()
    if not name or len(name) > 100:
        raise fail("A staff account needs a name of 1 to 100 characters.", 2)
    if role not in staff.ROLES:
        raise fail(f"Unknown role {role!r}; use {' or '.join(staff.ROLES)}.", 2)
    password = _password(password_stdin)

    secret = totp.new_secret() if with_totp else None

    async def work(session: AsyncSession) -> None:
        await staff.create(session, name, role, await hash_password(password), secret)

    try:
        in_write_session(work)
    except IntegrityError:
        raise fail(f"A staff account named {name!r} already exists.") from None
    typer.echo(f"Created staff account {name} ({role}).")
    if secret is not None:
        _show_totp(secret, name)


def _show_totp(secret: str, name: str) -> None:
    typer.echo("Second factor: add this URI to an authenticator app (shown only now):")
    typer.echo(totp.uri(secret, name))


@staff_app.command("totp")
def staff_totp(name: str) -> None:
    """Set up a (new) TOTP second factor; prints its URI once. Earlier codes stop working and
    the account's sessions end."""
    secret = totp.new_secret()
    if not in_write_session(lambda s: staff.set_totp(s, name, secret)):
        raise fail(f"No staff account named {name!r}.")
    _show_totp(secret, name)


@staff_app.command("list")
def staff_list() -> None:
    """Name, role, state and second factor of every staff account (never a secret)."""
    for row in in_write_session(staff.list_all):
        state = "disabled" if row["disabled_at"] else "active"
        factor = "totp" if row["totp"] else "-"
        typer.echo(f"{row['name']}\t{row['role']}\t{state}\t{factor}")


@staff_app.command("disable")
def staff_disable(name: str) -> None:
    """Disable an account: it cannot log in any more and its open sessions end."""
    if not in_write_session(lambda s: staff.disable(s, name)):
        raise fail(f"No staff account named {name!r}.")
    typer.echo(f"Disabled {name}; their sessions have ended.")


@staff_app.command("reset-password")
def staff_reset_password(name: str, password_stdin: PasswordStdin = False) -> None:
    """Give an account a new password; its open sessions end."""
    password = _password(password_stdin)

    async def work(session: AsyncSession) -> bool:
        return await staff.set_password(session, name, await hash_password(password))

    if not in_write_session(work):
        raise fail(f"No staff account named {name!r}.")
    typer.echo(f"New password set for {name}; their sessions have ended.")
