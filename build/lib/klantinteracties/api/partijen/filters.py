"""Query parameters of ``GET /partijen``."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, true

from klantinteracties.core.filters import Clause, Filter, FilterGroup, FilterSet, eq
from klantinteracties.db.models import (
    categorie,
    categorie_relatie,
    partij,
    partij_identificator,
    vertegenwoordigden,
)

from .schemas import SOORTEN

p = partij.c

# query-parameter suffix -> identificator column
IDENTIFICATOR_FIELDS = {
    "codeObjecttype": "code_objecttype",
    "codeSoortObjectId": "code_soort_object_id",
    "objectId": "object_id",
    "codeRegister": "code_register",
}
IDENTIFICATOR_GROUP = "identificator"
OWN, PARENT = "partijIdentificator", "subIdentificatorVan"
EXPAND = ("betrokkenen", "betrokkenen.hadKlantcontact", "categorieRelaties", "digitaleAdressen")


# Made once: building an alias of a table costs more than the rest of the filter.
_OWN = partij_identificator.alias("own")
_PARENT = partij_identificator.alias("parent")


def identificator_clause(values: dict[str, Any]) -> Clause:
    """One identificator of the partij must match every given ``partijIdentificator__*`` value,
    and its parent every given ``subIdentificatorVan__*`` value.

    All conditions concern the *same* identificator row: a search on a BSN must not find a partij
    whose KvK number happens to be that value, and a vestigingsnummer under a KvK number must be
    one vestiging, not any vestiging of a partij that also has some identificator under it.
    """
    own = _OWN
    conditions = []
    parent_values = {k: v for k, v in values.items() if k.startswith(f"{PARENT}__")}
    for name, value in values.items():
        if name.startswith(f"{OWN}__"):
            conditions.append(own.c[IDENTIFICATOR_FIELDS[name.split("__")[1]]] == value)
    if parent_values:
        parent = _PARENT
        conditions.append(parent.c.uuid == own.c.sub_identificator_van_uuid)
        for name, value in parent_values.items():
            conditions.append(parent.c[IDENTIFICATOR_FIELDS[name.split("__")[1]]] == value)
    # IN, not a correlated EXISTS: SQLite then looks the identificator up by its index and the
    # partijen by uuid, instead of probing every partij (PostgreSQL plans both the same way).
    matching = select(own.c.identificeerde_partij_uuid).where(*conditions)
    return p.uuid.in_(matching)


def _identificator_filters() -> list[Filter]:
    out: list[Filter] = []
    for prefix, about in ((OWN, "een partij-identificator"), (PARENT, "de subIdentificatorVan")):
        for suffix in IDENTIFICATOR_FIELDS:
            description = (
                f"Partijen met {about} met deze {suffix}. Alle `partijIdentificator__*` en "
                "`subIdentificatorVan__*` parameters gelden samen voor één en dezelfde "
                "identificator van de partij."
            )
            out.append(
                Filter(
                    f"{prefix}__{suffix}",
                    "string",
                    group=IDENTIFICATOR_GROUP,
                    description=description,
                )
            )
    return out


def represented_by(value: Any) -> Clause:
    """Partijen that the given partij represents (it is their vertegenwoordigende partij)."""
    t = vertegenwoordigden.c
    return p.uuid.in_(
        select(t.vertegenwoordigde_partij_uuid).where(t.vertegenwoordigende_partij_uuid == value)
    )


def in_categorieen(names: list[str]) -> Clause:
    if not names:
        return true()  # nothing asked for: no filtering
    cr, cat = categorie_relatie.c, categorie.c
    return p.uuid.in_(
        select(cr.partij_uuid)
        .join(categorie, cat.uuid == cr.categorie_uuid)
        .where(cat.naam.in_(names))
    )


def _adres_filters() -> list[Filter]:
    out: list[Filter] = []
    for group, label in (
        ("bezoekadres", "bezoekadres"),
        ("correspondentieadres", "adres voor post"),
    ):
        for suffix, column in (
            ("NummeraanduidingId", "nummeraanduiding_id"),
            ("Adresregel1", "adresregel1"),
            ("Adresregel2", "adresregel2"),
            ("Adresregel3", "adresregel3"),
            ("Land", "land"),
        ):
            out.append(
                Filter(
                    f"{group}{suffix}",
                    "string",
                    eq(p[f"{group}_{column}"]),
                    description=f"{suffix} van het {label} (exact).",
                )
            )
    return out


PARTIJ_FILTERS = FilterSet(
    filters=(
        Filter(
            "vertegenwoordigdePartij__uuid",
            "uuid",
            represented_by,
            description="Partijen die door de partij met deze uuid vertegenwoordigd worden.",
        ),
        Filter(
            "vertegenwoordigdePartij__url",
            "url",
            represented_by,
            description="Partijen die door de partij met deze URL vertegenwoordigd worden.",
        ),
        *_identificator_filters(),
        Filter(
            "categorierelatie__categorie__naam",
            "csv",
            in_categorieen,
            description="Partijen met een categorie met een van deze namen (komma-gescheiden).",
        ),
        Filter("nummer", "string", eq(p.nummer), description="Nummer (exact).", deprecated=True),
        Filter(
            "indicatieGeheimhouding",
            "bool",
            eq(p.indicatie_geheimhouding),
            description="Of de gegevens geheim gehouden moeten worden.",
        ),
        Filter(
            "indicatieActief",
            "bool",
            eq(p.indicatie_actief),
            description="Of de contactgegevens nog gebruikt mogen worden.",
        ),
        Filter(
            "soortPartij",
            "enum",
            eq(p.soort_partij),
            enum=SOORTEN,
            description="Soort partij.",
        ),
        *_adres_filters(),
    ),
    groups=(FilterGroup(IDENTIFICATOR_GROUP, identificator_clause),),
    expand=EXPAND,
)
