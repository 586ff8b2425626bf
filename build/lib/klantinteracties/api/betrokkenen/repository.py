from __future__ import annotations

from klantinteracties.core.repository import TableRepository
from klantinteracties.db.models import betrokkene, digitaal_adres, klantcontact, partij

betrokkenen = TableRepository(betrokkene)
partijen_repo = TableRepository(partij)
klantcontacten_repo = TableRepository(klantcontact)
# Only for the reverse relation digitaleAdressen (refs of the addresses a betrokkene gave).
digitale_adressen_repo = TableRepository(digitaal_adres)
