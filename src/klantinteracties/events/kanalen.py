"""The kanalen this register publishes on, as the Notificaties API knows them (DIGEST §8.1).

One list: the messages are built from it, ``notifications register-kanalen`` registers it, and
the documentation names it. Only these three resources notify; every other resource (betrokkenen,
digitale adressen, actoren, the Contactgegevens API) does not, as in the reference.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kanaal:
    naam: str  # the kanaal, e.g. "partijen"
    resource: str  # the message's "resource", e.g. "partij"
    collection: str  # the API collection whose writes notify, e.g. "partijen"
    # The fields of the representation copied into "kenmerken" (wire names, camelCase); also
    # the kanaal's "filters" at the Notificaties API.
    kenmerken: tuple[str, ...]


KANALEN: tuple[Kanaal, ...] = (
    Kanaal("partijen", "partij", "partijen", ("nummer", "interneNotitie", "soortPartij")),
    Kanaal(
        "internetaken",
        "internetaak",
        "internetaken",
        ("nummer", "gevraagdeHandeling", "toelichting", "status"),
    ),
    Kanaal(
        "klantcontacten",
        "klantcontact",
        "klantcontacten",
        ("hoofdOnderwerpType", "indicatieContactGelukt", "verdereActieOndernomen"),
    ),
    # The v1 Klanten API's klanten (klantinteracties/v1): a v1 write notifies here as well as on
    # "partijen", through which it is stored.
    Kanaal("klanten", "klant", "klanten", ("subjectType",)),
)

BY_COLLECTION = {kanaal.collection: kanaal for kanaal in KANALEN}

# The CloudEvent types of zaak links (onderwerpobjecten that point at a zaak, DIGEST §8.2).
ZAAK_GEKOPPELD = "nl.overheid.zaken.zaak-gekoppeld"
ZAAK_ONTKOPPELD = "nl.overheid.zaken.zaak-ontkoppeld"
