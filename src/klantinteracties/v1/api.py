"""The published v1 APIs, mounted beside the v2 ones by app.py."""

from __future__ import annotations

from klantinteracties.core.routing import Api


def klanten_api() -> Api:
    from .klanten import router

    api = Api(prefix=router.PREFIX, version="1.0.0", title="Klanten API")
    router.register(api)
    return api
