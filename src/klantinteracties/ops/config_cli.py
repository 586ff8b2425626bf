"""``klantinteracties config show``: the effective settings of this environment."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from klantinteracties.settings import get_settings

config_app = typer.Typer(help="Settings (environment variables).", no_args_is_help=True)


class Format(StrEnum):
    text = "text"
    json = "json"


@config_app.command("show")
def show(
    fmt: Annotated[Format, typer.Option("--format", help="text or json.")] = Format.text,
) -> None:
    """Every setting: its variable, effective value and where it came from (default or
    environment); secrets masked."""
    from klantinteracties.core.http import dumps

    from .config import as_dicts, as_text, rows

    table = rows(get_settings())
    if fmt is Format.json:
        typer.echo(dumps(as_dicts(table)).decode())
    else:
        typer.echo(as_text(table))
