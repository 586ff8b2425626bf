from __future__ import annotations

from klantinteracties.core.filters import Filter, FilterSet, eq
from klantinteracties.db.models import rekeningnummer

c = rekeningnummer.c

REKENINGNUMMER_FILTERS = FilterSet(
    filters=(
        Filter("uuid", "uuid", eq(c.uuid), description="Het rekeningnummer met deze uuid."),
        Filter("iban", "string", eq(c.iban), description="IBAN, exact gelijk."),
        Filter("bic", "string", eq(c.bic), description="BIC, exact gelijk."),
    )
)
