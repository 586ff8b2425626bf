from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from klantinteracties.api.outputs import partijen as outputs_partijen
from klantinteracties.core.errors import InvalidParam, ValidationFailed
from klantinteracties.core.pairs import PairService
from klantinteracties.core.repository import TableRepository
from klantinteracties.core.service import FkSpec
from klantinteracties.db.models import partij

from .filters import VERTEGENWOORDIGING_FILTERS
from .repository import vertegenwoordigingen
from .schemas import Vertegenwoordiging

partijen_repo = TableRepository(partij)

SIDES = ("vertegenwoordigende_partij", "vertegenwoordigde_partij")
SELF_REASON = "Een partij kan niet haar eigen vertegenwoordiger zijn."
UNIQUE_REASON = "Deze partij vertegenwoordigt de andere partij al; elk paar mag maar één keer."


class VertegenwoordigingService(PairService):
    scope = "partijen"
    collection = "vertegenwoordigingen"
    repo = vertegenwoordigingen
    representation = outputs_partijen.Vertegenwoordigden
    input_model = Vertegenwoordiging
    required = not_null = pair = SIDES
    pair_taken = UNIQUE_REASON
    filterset = VERTEGENWOORDIGING_FILTERS
    fk_fields = {side: FkSpec(partijen_repo, "Partij") for side in SIDES}

    async def check_pair(self, session: AsyncSession, first: Any, second: Any) -> None:
        if first == second:
            raise ValidationFailed(
                [InvalidParam("vertegenwoordigdePartij", "invalid", SELF_REASON)]
            )


vertegenwoordiging_service = VertegenwoordigingService()
