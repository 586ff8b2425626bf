"""Finding rows through the identificatoren of a related partij (a BSN, a KvK number).

Several resources filter on ``<relation>__partijIdentificator__<field>``. All such parameters given
together must hold for one and the same identificator (deliberately stricter than the reference):
a search for BSN 123 must never match a partij that has some BSN and, elsewhere, a KvK number 123.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Select, select

from klantinteracties.core.filters import Clause, Filter, FilterGroup
from klantinteracties.db.models import partij_identificator

# query-parameter suffix -> identificator column
FIELDS = {
    "codeObjecttype": "code_objecttype",
    "codeSoortObjectId": "code_soort_object_id",
    "objectId": "object_id",
    "codeRegister": "code_register",
}


def partijen_with_identificator(values: dict[str, Any]) -> Select[Any]:
    """The uuids of partijen with one identificator matching every value; the keys are
    parameter names ending in ``__<field>``."""
    pi = partij_identificator.c
    conditions = [pi[FIELDS[name.rsplit("__", 1)[1]]] == value for name, value in values.items()]
    return select(pi.identificeerde_partij_uuid).where(*conditions)


def identificator_filters(
    prefix: str, to_clause: Callable[[Select[Any]], Clause], subject: str
) -> tuple[list[Filter], FilterGroup]:
    """The four ``<prefix>__<field>`` filters and the group that combines them.

    ``to_clause`` turns the selected partij uuids into a condition on the listed resource;
    ``subject`` starts each description (e.g. "Betrokkenen die een partij waren").
    """
    filters = [
        Filter(
            f"{prefix}__{suffix}",
            "string",
            group=prefix,
            description=f"{subject} met een identificator met deze {suffix} (exact). Samen "
            "opgegeven gelden deze parameters voor één en dezelfde identificator.",
            reads=("partijen",),  # identificatoren (a BSN) are partijen data
        )
        for suffix in FIELDS
    ]
    group = FilterGroup(prefix, lambda values: to_clause(partijen_with_identificator(values)))
    return filters, group
