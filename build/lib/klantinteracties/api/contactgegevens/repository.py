from __future__ import annotations

from klantinteracties.core.repository import TableRepository
from klantinteracties.db.models import organisatie, persoon

# Neither resource has relations or filters: the generic table queries are all they need.
personen = TableRepository(persoon)
organisaties = TableRepository(organisatie)
