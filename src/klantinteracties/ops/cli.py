"""``klantinteracties healthcheck``: the health check of a container (its HEALTHCHECK or a
compose ``healthcheck``), so that no curl needs to be in the image."""

from __future__ import annotations

from typing import Annotated

import typer

from klantinteracties.settings import get_settings


def healthcheck(
    url: Annotated[
        str | None,
        typer.Option(help="The server's root URL; default: this machine at the configured port."),
    ] = None,
    live: Annotated[
        bool, typer.Option("--live", help="Only whether the process answers (/_health/live).")
    ] = False,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for the answer.")] = 5.0,
) -> None:
    """Exit 0 when the server is ready (or live, with --live), 1 when it is not."""
    import httpx

    from .health import LIVE, READY

    settings = get_settings()
    host = settings.host if settings.host not in ("0.0.0.0", "::", "") else "127.0.0.1"
    root = (url or f"http://{host}:{settings.port}").rstrip("/")
    try:
        response = httpx.get(root + (LIVE if live else READY), timeout=timeout)
    except httpx.HTTPError as exc:
        typer.echo(f"not reachable ({type(exc).__name__})", err=True)
        raise typer.Exit(1) from None
    typer.echo(response.text)
    if response.status_code != 200:
        raise typer.Exit(1)
