"""Query parameters of ``GET /klantcontacten``.

Every filter on a related table is ``uuid IN (SELECT <fk> ...)`` or a correlated ``EXISTS`` over
indexed foreign keys, never a join: a join would repeat a klantcontact once per matching row and
break both the page and the count.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import exists, select

from klantinteracties.api.partij_identificatoren.matching import identificator_filters
from klantinteracties.core.filters import (
    Clause,
    Filter,
    FilterGroup,
    FilterSet,
    contains_pattern,
    eq,
    icontains,
)
from klantinteracties.db.models import (
    betrokkene,
    digitaal_adres,
    internetaak,
    klantcontact,
    onderwerpobject,
)

k, b, o = klantcontact.c, betrokkene.c, onderwerpobject.c

# In the order of the relations in the representation, which is the order of "_expand".
EXPAND = (
    "gingOverOnderwerpobjecten",
    "omvatteBijlagen",
    "hadBetrokkenen",
    "hadBetrokkenen.wasPartij",
    "hadBetrokkenen.digitaleAdressen",
    "leiddeTotInterneTaken",
)

OBJECT_IDENTIFICATOR_FIELDS = {
    "CodeObjecttype": "code_objecttype",
    "CodeSoortObjectId": "code_soort_object_id",
    "ObjectId": "object_id",
    "CodeRegister": "code_register",
}


def _with_betrokkene(*conditions: Any) -> Clause:
    return k.uuid.in_(select(b.had_klantcontact_uuid).where(*conditions))


def has_betrokkene_with_partij(value: bool) -> Clause:
    clause = exists().where(b.had_klantcontact_uuid == k.uuid, b.was_partij_uuid.is_not(None))
    return clause if value else ~clause


def has_interne_taken(value: bool) -> Clause:
    clause = exists().where(internetaak.c.aanleidinggevend_klantcontact_uuid == k.uuid)
    return clause if value else ~clause


def digitaal_adres_contains(value: str) -> Clause:
    da = digitaal_adres.c
    adressen = select(da.verstrekt_door_betrokkene_uuid).where(
        da.adres.ilike(contains_pattern(value), escape="\\")
    )
    return _with_betrokkene(b.uuid.in_(adressen))


def _via_onderwerpobject(fk: str) -> Any:
    """Clause builder for klantcontacten linked to matching onderwerpobjecten through ``fk``
    (``klantcontact_uuid``: the contact was about it; ``was_klantcontact_uuid``: it *is* the
    contact)."""

    def build(*conditions: Any) -> Clause:
        return k.uuid.in_(select(o[fk]).where(*conditions))

    return build


def _object_identificator_group(prefix: str, fk: str) -> Any:
    """The identificator values of one prefix must all hold for the same onderwerpobject (the
    zaak with this id *and* this type), not for different objects of the same contact."""
    build = _via_onderwerpobject(fk)
    columns = {
        f"{prefix}__onderwerpobjectidentificator{suffix}": o[f"onderwerpobjectidentificator_{col}"]
        for suffix, col in OBJECT_IDENTIFICATOR_FIELDS.items()
    }
    return lambda values: build(*(columns[name] == value for name, value in values.items()))


def _onderwerpobject_filters(prefix: str, fk: str, about: str) -> list[Filter]:
    build = _via_onderwerpobject(fk)
    out = [
        Filter(
            f"{prefix}__uuid",
            "uuid",
            lambda v: build(o.uuid == v),
            description=f"Klantcontacten {about} het onderwerpobject met deze uuid.",
        ),
        Filter(
            f"{prefix}__url",
            "url",
            lambda v: build(o.uuid == v),
            description=f"Klantcontacten {about} het onderwerpobject met deze URL.",
        ),
    ]
    for suffix in OBJECT_IDENTIFICATOR_FIELDS:
        out.append(
            Filter(
                f"{prefix}__onderwerpobjectidentificator{suffix}",
                "string",
                group=prefix,
                description=f"Klantcontacten {about} een onderwerpobject met deze {suffix} "
                f"(exact). Alle `{prefix}__onderwerpobjectidentificator*` parameters gelden "
                "samen voor één en hetzelfde onderwerpobject.",
            )
        )
    return out


_IDENTIFICATOR_FILTERS, _IDENTIFICATOR_GROUP = identificator_filters(
    "hadBetrokkene__wasPartij__partijIdentificator",
    lambda partijen: _with_betrokkene(b.was_partij_uuid.in_(partijen)),
    "Klantcontacten met een betrokkene die een partij was",
)


KLANTCONTACT_FILTERS = FilterSet(
    filters=(
        Filter(
            "hadBetrokkene__uuid",
            "uuid",
            lambda v: _with_betrokkene(b.uuid == v),
            description="Klantcontacten met de betrokkene met deze uuid.",
        ),
        Filter(
            "hadBetrokkene__url",
            "url",
            lambda v: _with_betrokkene(b.uuid == v),
            description="Klantcontacten met de betrokkene met deze URL.",
        ),
        Filter(
            "hadBetrokkene__wasPartij",
            "bool",
            has_betrokkene_with_partij,
            description="true: klantcontacten met een betrokkene die een partij is; false: "
            "klantcontacten zonder zo'n betrokkene.",
        ),
        Filter(
            "hadBetrokkene__wasPartij__uuid",
            "uuid",
            lambda v: _with_betrokkene(b.was_partij_uuid == v),
            description="Klantcontacten met een betrokkene die de partij met deze uuid was.",
        ),
        Filter(
            "hadBetrokkene__wasPartij__url",
            "url",
            lambda v: _with_betrokkene(b.was_partij_uuid == v),
            description="Klantcontacten met een betrokkene die de partij met deze URL was.",
        ),
        *_IDENTIFICATOR_FILTERS,
        Filter(
            "hadBetrokkene__digitaaladres__adres__icontains",
            "string",
            digitaal_adres_contains,
            description="Klantcontacten met een betrokkene die een digitaal adres opgaf dat deze "
            "tekst bevat (hoofdletters tellen niet).",
            reads=("partijen",),
        ),
        Filter(
            "leiddeTotInterneTaken",
            "bool",
            has_interne_taken,
            description="true: klantcontacten die tot interne taken leidden; false: zonder.",
            reads=("internetaken",),
        ),
        *_onderwerpobject_filters("onderwerpobject", "klantcontact_uuid", "over"),
        *_onderwerpobject_filters("wasOnderwerpobject", "was_klantcontact_uuid", "die zijn"),
        Filter("nummer", "string", eq(k.nummer), description="Nummer (exact).", deprecated=True),
        Filter(
            "referentienummer",
            "string",
            eq(k.referentienummer),
            description="Referentienummer (exact).",
        ),
        Filter("kanaal", "string", eq(k.kanaal), description="Kanaal (exact)."),
        Filter(
            "onderwerp",
            "string",
            icontains(k.onderwerp),
            description="Onderwerp bevat deze tekst (hoofdletters tellen niet).",
        ),
        Filter(
            "inhoud",
            "string",
            icontains(k.inhoud),
            description="Inhoud bevat deze tekst (hoofdletters tellen niet).",
        ),
        Filter(
            "reactie",
            "string",
            icontains(k.reactie),
            description="Reactie bevat deze tekst (hoofdletters tellen niet).",
        ),
        Filter(
            "indicatieContactGelukt",
            "bool",
            eq(k.indicatie_contact_gelukt),
            description="Of het contact gelukt is.",
        ),
        Filter(
            "vertrouwelijk",
            "bool",
            eq(k.vertrouwelijk),
            description="Of het klantcontact vertrouwelijk is.",
        ),
        Filter(
            "plaatsgevondenOp",
            "datetime",
            eq(k.plaatsgevonden_op),
            description="Moment waarop het contact plaatsvond (exact).",
        ),
    ),
    groups=(
        _IDENTIFICATOR_GROUP,
        FilterGroup(
            "onderwerpobject", _object_identificator_group("onderwerpobject", "klantcontact_uuid")
        ),
        FilterGroup(
            "wasOnderwerpobject",
            _object_identificator_group("wasOnderwerpobject", "was_klantcontact_uuid"),
        ),
    ),
    expand=EXPAND,
)
