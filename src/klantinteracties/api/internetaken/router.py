from __future__ import annotations

from klantinteracties.core.routing import Api


def register(api: Api) -> None:
    """Not implemented yet."""
