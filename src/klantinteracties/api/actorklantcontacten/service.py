from __future__ import annotations

from klantinteracties.api.outputs import actoren as outputs_actoren
from klantinteracties.core.pairs import PairService
from klantinteracties.core.repository import TableRepository
from klantinteracties.core.service import FkSpec
from klantinteracties.db.models import actor, klantcontact

from .filters import ACTORKLANTCONTACT_FILTERS
from .repository import actorklantcontacten
from .schemas import ActorKlantcontact

SIDES = ("actor", "klantcontact")
UNIQUE_REASON = "Deze actor is al aan dit klantcontact gekoppeld; elk paar mag maar één keer."


class ActorKlantcontactService(PairService):
    scope = "actoren"
    collection = "actorklantcontacten"
    repo = actorklantcontacten
    representation = outputs_actoren.ActorKlantcontact
    input_model = ActorKlantcontact
    required = not_null = pair = SIDES
    pair_taken = UNIQUE_REASON
    filterset = ACTORKLANTCONTACT_FILTERS
    fk_fields = {
        "actor": FkSpec(TableRepository(actor), "Actor"),
        "klantcontact": FkSpec(TableRepository(klantcontact), "Klantcontact"),
    }


actorklantcontact_service = ActorKlantcontactService()
