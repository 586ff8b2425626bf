"""The response models per collection: ``(representation, with _expand)``.

Each representation model is the declaration its service's responses are built from in the
database (core/shape.py); here they describe the responses in the served OpenAPI documents
(``Api.outputs``). The ``_expand`` models only document which keys a request can expand. The
conformance tests hold both the models and the real responses against the published contracts.
"""

from __future__ import annotations

from typing import Any

from . import actoren, contactgegevens, expand, klantcontacten, partijen

Outputs = dict[str, tuple[Any, Any]]

KLANTINTERACTIES_OUTPUTS: Outputs = {
    "partijen": (partijen.Partij, expand.ExpandPartij),
    "partij-identificatoren": (partijen.PartijIdentificator, None),
    "digitaleadressen": (partijen.DigitaalAdres, expand.ExpandDigitaalAdres),
    "rekeningnummers": (partijen.Rekeningnummer, None),
    "vertegenwoordigingen": (partijen.Vertegenwoordigden, None),
    "categorieen": (partijen.Categorie, None),
    "categorie-relaties": (partijen.CategorieRelatie, None),
    "klantcontacten": (klantcontacten.Klantcontact, expand.ExpandKlantcontact),
    "betrokkenen": (klantcontacten.Betrokkene, expand.ExpandBetrokkene),
    "onderwerpobjecten": (klantcontacten.Onderwerpobject, None),
    "bijlagen": (klantcontacten.Bijlage, None),
    "actoren": (actoren.Actor, None),
    "actorklantcontacten": (actoren.ActorKlantcontact, None),
    "internetaken": (actoren.InterneTaak, None),
}

CONTACTGEGEVENS_OUTPUTS: Outputs = {
    "persoon": (contactgegevens.Persoon, None),
    "organisatie": (contactgegevens.Organisatie, None),
}

# Not a collection: documented by the maak-klantcontact router itself.
MAAK_KLANTCONTACT_OUTPUT = klantcontacten.MaakKlantcontactResultaat
