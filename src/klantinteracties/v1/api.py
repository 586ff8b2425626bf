"""The published v1 APIs, mounted beside the v2 ones by app.py."""

from __future__ import annotations

from klantinteracties.core.routing import Api

JWT_SCHEME = {
    "JWT-Claims": {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "JWT",
        "description": "ZGW: `Authorization: Bearer <JWT>`, HS256 met het geheim van de client.",
    }
}


def klanten_api() -> Api:
    from .klanten import router

    api = Api(prefix=router.PREFIX, version="1.0.0", title="Klanten API", security=JWT_SCHEME)
    router.register(api)
    return api
