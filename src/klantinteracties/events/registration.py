"""Registering this register's kanalen at the Notificaties API: what ``notifications
register-kanalen`` and ``setup apply`` do."""

from __future__ import annotations

from .client import NotificationsClient
from .kanalen import KANALEN, Kanaal


async def registered(client: NotificationsClient) -> dict[str, bool]:
    """Per kanaal of ours whether the Notificaties API has it."""
    return {kanaal.naam: bool(await client.kanalen(kanaal.naam)) for kanaal in KANALEN}


async def register(client: NotificationsClient, kanaal: Kanaal, documentation_link: str) -> None:
    await client.create_kanaal(
        {
            "naam": kanaal.naam,
            # One page documents them all; the anchor points at the kanaal's own part.
            "documentatieLink": f"{documentation_link}#{kanaal.naam}" if documentation_link else "",
            "filters": list(kanaal.kenmerken),
        }
    )
