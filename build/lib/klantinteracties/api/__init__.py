"""The published APIs and the resource groups they are made of."""

from __future__ import annotations

from klantinteracties.core.routing import Api

KLANTINTERACTIES_PREFIX = "/klantinteracties/api/v1"


def klantinteracties_api() -> Api:
    from .actoren import router as actoren
    from .actorklantcontacten import router as actorklantcontacten
    from .betrokkenen import router as betrokkenen
    from .bijlagen import router as bijlagen
    from .categorieen import router as categorieen
    from .digitaleadressen import router as digitaleadressen
    from .internetaken import router as internetaken
    from .klantcontacten import router as klantcontacten
    from .maak_klantcontact import router as maak_klantcontact
    from .onderwerpobjecten import router as onderwerpobjecten
    from .outputs import KLANTINTERACTIES_OUTPUTS
    from .partij_identificatoren import router as partij_identificatoren
    from .partijen import router as partijen
    from .rekeningnummers import router as rekeningnummers
    from .vertegenwoordigingen import router as vertegenwoordigingen

    api = Api(prefix=KLANTINTERACTIES_PREFIX, version="0.9.0", title="klantinteracties")
    api.outputs = KLANTINTERACTIES_OUTPUTS
    for group in (
        partijen,
        partij_identificatoren,
        digitaleadressen,
        rekeningnummers,
        vertegenwoordigingen,
        categorieen,
        klantcontacten,
        betrokkenen,
        onderwerpobjecten,
        bijlagen,
        maak_klantcontact,
        actoren,
        actorklantcontacten,
        internetaken,
    ):
        group.register(api)
    return api
