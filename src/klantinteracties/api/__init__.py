"""The published APIs and the resource groups they are made of."""

from __future__ import annotations

from klantinteracties.core.routing import Api

KLANTINTERACTIES_PREFIX = "/klantinteracties/api/v1"


def klantinteracties_api() -> Api:
    from .categorieen import router as categorieen
    from .digitaleadressen import router as digitaleadressen
    from .partijen import router as partijen
    from .rekeningnummers import router as rekeningnummers
    from .vertegenwoordigingen import router as vertegenwoordigingen

    api = Api(prefix=KLANTINTERACTIES_PREFIX, version="0.9.0", title="klantinteracties")
    for group in (partijen, digitaleadressen, rekeningnummers, vertegenwoordigingen, categorieen):
        group.register(api)
    return api
