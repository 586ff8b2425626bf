"""Betrokkenen: who took part in a klantcontact, possibly as a known partij.

A betrokkene outlives its partij (deleting the partij only clears ``wasPartij``) but not its
klantcontact. The digitale adressen it gave keep existing when it is deleted; they merely lose the
link (both through the foreign keys' ON DELETE rules).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import RowMapping
from sqlalchemy.ext.asyncio import AsyncSession

from klantinteracties.core.adres import Adres
from klantinteracties.core.contactnaam import Contactnaam
from klantinteracties.core.context import Ctx
from klantinteracties.core.expand import Expansion
from klantinteracties.core.registry import service_for
from klantinteracties.core.repository import group_by
from klantinteracties.core.service import CrudService, FkSpec

from .filters import BETROKKENE_FILTERS
from .repository import betrokkenen, digitale_adressen_repo, klantcontacten_repo, partijen_repo
from .schemas import Betrokkene

COLLECTION = "betrokkenen"


# Looked up by collection, not imported: these services expand to betrokkenen themselves.
_digitaal_adres_service = service_for("digitaleadressen")
_partij_service = service_for("partijen")
_klantcontact_service = service_for("klantcontacten")


def _load_digitale_adressen(session: AsyncSession, keys: list[Any]) -> Any:
    return _digitaal_adres_service().repo.rows_by(session, "verstrekt_door_betrokkene_uuid", keys)


def _load_partijen(session: AsyncSession, keys: list[Any]) -> Any:
    return _partij_service().repo.rows_by(session, "uuid", keys)


def _load_klantcontacten(session: AsyncSession, keys: list[Any]) -> Any:
    return _klantcontact_service().repo.rows_by(session, "uuid", keys)


class BetrokkeneService(CrudService):
    scope = "klantcontacten"
    collection = COLLECTION
    repo = betrokkenen
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
        Expansion("wasPartij", False, "was_partij_uuid", "uuid", _load_partijen, _partij_service),
        Expansion(
            "hadKlantcontact",
            False,
            "had_klantcontact_uuid",
            "uuid",
            _load_klantcontacten,
            _klantcontact_service,
        ),
        Expansion(
            "digitaleAdressen",
            True,
            "uuid",
            "verstrekt_door_betrokkene_uuid",
            _load_digitale_adressen,
            _digitaal_adres_service,
        ),
    )

    async def represent(
        self, session: AsyncSession, ctx: Ctx, rows: Sequence[RowMapping]
    ) -> list[dict[str, Any]]:
        keys = [r["uuid"] for r in rows]
        adressen = group_by(
            await digitale_adressen_repo.keys_by(session, "verstrekt_door_betrokkene_uuid", keys),
            "verstrekt_door_betrokkene_uuid",
        )
        return [
            {
                "uuid": str(r["uuid"]),
                "url": ctx.url(self.collection, r["uuid"]),
                "wasPartij": ctx.ref("partijen", r["was_partij_uuid"]),
                "hadKlantcontact": ctx.ref("klantcontacten", r["had_klantcontact_uuid"]),
                "digitaleAdressen": ctx.refs(
                    "digitaleadressen", [a["uuid"] for a in adressen.get(r["uuid"], [])]
                ),
                "bezoekadres": Adres.output("bezoekadres", r),
                "correspondentieadres": Adres.output("correspondentieadres", r),
                "contactnaam": Contactnaam.output("contactnaam", r),
                "volledigeNaam": Contactnaam.volledige_naam_van("contactnaam", r),
                "rol": r["rol"],
                "organisatienaam": r["organisatienaam"],
                "initiator": r["initiator"],
            }
            for r in rows
        ]


betrokkene_service = BetrokkeneService()
