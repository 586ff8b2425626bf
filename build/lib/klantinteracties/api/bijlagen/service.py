"""Bijlagen: objects (usually documents) that came with a klantcontact."""

from __future__ import annotations

from klantinteracties.api.outputs import klantcontacten as outputs_klantcontacten
from klantinteracties.core.service import CrudService, FkSpec

from .filters import BIJLAGE_FILTERS
from .repository import bijlagen, klantcontacten_repo
from .schemas import Bijlage, BijlageIdentificator

COLLECTION = "bijlagen"
IDENTIFICATOR = "bijlageidentificator"


class BijlageService(CrudService):
    scope = "klantcontacten"
    collection = COLLECTION
    repo = bijlagen
    representation = outputs_klantcontacten.Bijlage
    input_model = Bijlage
    filterset = BIJLAGE_FILTERS
    fk_fields = {"was_bijlage_van_klantcontact": FkSpec(klantcontacten_repo, "Klantcontact")}
    group_fields = {IDENTIFICATOR: BijlageIdentificator}


bijlage_service = BijlageService()
