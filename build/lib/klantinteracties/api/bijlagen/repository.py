from __future__ import annotations

from klantinteracties.core.repository import TableRepository
from klantinteracties.db.models import bijlage, klantcontact

bijlagen = TableRepository(bijlage)
klantcontacten_repo = TableRepository(klantcontact)
