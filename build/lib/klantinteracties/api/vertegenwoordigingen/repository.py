from __future__ import annotations

from klantinteracties.core.repository import TableRepository
from klantinteracties.db.models import vertegenwoordigden

vertegenwoordigingen = TableRepository(vertegenwoordigden)
