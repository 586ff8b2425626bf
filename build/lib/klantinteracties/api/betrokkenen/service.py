"""Betrokkenen: who took part in a klantcontact, possibly as a known partij.

A betrokkene outlives its partij (deleting the partij only clears ``wasPartij``) but not its
klantcontact. The digitale adressen it gave keep existing when it is deleted; they merely lose the
link (both through the foreign keys' ON DELETE rules).
"""

from __future__ import annotations

from klantinteracties.api.outputs import klantcontacten as outputs_klantcontacten
from klantinteracties.core.adres import Adres
from klantinteracties.core.contactnaam import Contactnaam
from klantinteracties.core.expand import Expansion
from klantinteracties.core.registry import service_for
from klantinteracties.core.service import CrudService, FkSpec

from .filters import BETROKKENE_FILTERS
from .repository import betrokkenen, klantcontacten_repo, partijen_repo
from .schemas import Betrokkene

COLLECTION = "betrokkenen"


# Looked up by collection, not imported: these services expand to betrokkenen themselves.
_digitaal_adres_service = service_for("digitaleadressen")
_partij_service = service_for("partijen")
_klantcontact_service = service_for("klantcontacten")


class BetrokkeneService(CrudService):
    scope = "klantcontacten"
    collection = COLLECTION
    repo = betrokkenen
    representation = outputs_klantcontacten.Betrokkene
    input_model = Betrokkene
    required = ("had_klantcontact", "rol", "initiator")
    filterset = BETROKKENE_FILTERS
    fk_fields = {
        "was_partij": FkSpec(partijen_repo, "Partij"),
        "had_klantcontact": FkSpec(klantcontacten_repo, "Klantcontact"),
    }
    group_fields = {
        "bezoekadres": Adres,
        "correspondentieadres": Adres,
        "contactnaam": Contactnaam,
    }
    # In field order, which is the order of the keys in "_expand". Only digitaleAdressen may be
    # requested on /betrokkenen (see the FilterSet); wasPartij and hadKlantcontact serve the
    # nested expand paths of /klantcontacten and /digitaleadressen.
    expansions = (
        Expansion("wasPartij", False, "was_partij_uuid", "uuid", _partij_service),
        Expansion(
            "hadKlantcontact",
            False,
            "had_klantcontact_uuid",
            "uuid",
            _klantcontact_service,
        ),
        Expansion(
            "digitaleAdressen",
            True,
            "uuid",
            "verstrekt_door_betrokkene_uuid",
            _digitaal_adres_service,
        ),
    )


betrokkene_service = BetrokkeneService()
