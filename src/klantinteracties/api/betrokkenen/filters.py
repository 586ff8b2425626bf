from __future__ import annotations

from typing import Any

from sqlalchemy import select

from klantinteracties.core.filters import Clause, Filter, FilterGroup, FilterSet, eq
from klantinteracties.db.models import betrokkene, digitaal_adres, klantcontact, partij
from klantinteracties.db.models import partij_identificator as pi_table

c = betrokkene.c
da = digitaal_adres.c
kc = klantcontact.c
pi = pi_table.c

PARTIJ_IDENTIFICATOR = "wasPartij__partijIdentificator__"
_IDENTIFICATOR_COLUMNS = {
    f"{PARTIJ_IDENTIFICATOR}codeObjecttype": pi.code_objecttype,
    f"{PARTIJ_IDENTIFICATOR}codeSoortObjectId": pi.code_soort_object_id,
    f"{PARTIJ_IDENTIFICATOR}objectId": pi.object_id,
    f"{PARTIJ_IDENTIFICATOR}codeRegister": pi.code_register,
}


def _by_identificator(values: dict[str, Any]) -> Clause:
    # Deliberately stricter than the reference: all given values must hold for one and the same
    # identificator, so "BSN 123" does not match a partij with some BSN and, elsewhere, id 123.
    conditions = [_IDENTIFICATOR_COLUMNS[name] == value for name, value in values.items()]
    owners = select(pi.identificeerde_partij_uuid).where(*conditions)
    return c.was_partij_uuid.in_(owners)


def _via_klantcontact(column: Any) -> Any:
    return lambda v: c.had_klantcontact_uuid.in_(select(kc.uuid).where(column == v))


def _via_digitaal_adres(column: Any) -> Any:
    return lambda v: c.uuid.in_(select(da.verstrekt_door_betrokkene_uuid).where(column == v))


def _via_partij_nummer(value: str) -> Clause:
    return c.was_partij_uuid.in_(select(partij.c.uuid).where(partij.c.nummer == value))


def _exact(name: str, column: Any, what: str) -> Filter:
    return Filter(name, "string", eq(column), description=f"{what}, exact gelijk.")


def _identificator_filter(suffix: str, what: str) -> Filter:
    return Filter(
        f"{PARTIJ_IDENTIFICATOR}{suffix}",
        "string",
        group="partij_identificator",
        description=f"Betrokkenen die een partij waren met een identificator met deze {what}. "
        "Samen opgegeven moeten deze filters voor dezelfde identificator gelden.",
    )


BETROKKENE_FILTERS = FilterSet(
    filters=(
        _exact("contactnaamVoorletters", c.contactnaam_voorletters, "Voorletters"),
        _exact("contactnaamVoornaam", c.contactnaam_voornaam, "Voornaam"),
        _exact(
            "contactnaamVoorvoegselAchternaam",
            c.contactnaam_voorvoegsel_achternaam,
            "Voorvoegsel van de achternaam",
        ),
        _exact("contactnaamAchternaam", c.contactnaam_achternaam, "Achternaam"),
        _exact("organisatienaam", c.organisatienaam, "Organisatienaam"),
        Filter(
            "hadKlantcontact__uuid",
            "uuid",
            eq(c.had_klantcontact_uuid),
            description="Betrokkenen bij het klantcontact met deze uuid.",
        ),
        Filter(
            "hadKlantcontact__url",
            "url",
            eq(c.had_klantcontact_uuid),
            description="Betrokkenen bij het klantcontact met deze URL.",
        ),
        Filter(
            "hadKlantcontact__nummer",
            "string",
            _via_klantcontact(kc.nummer),
            description="Betrokkenen bij het klantcontact met dit nummer.",
            deprecated=True,
        ),
        Filter(
            "hadKlantcontact__referentienummer",
            "string",
            _via_klantcontact(kc.referentienummer),
            description="Betrokkenen bij het klantcontact met dit referentienummer.",
        ),
        Filter(
            "verstrektedigitaalAdres__adres",
            "string",
            _via_digitaal_adres(da.adres),
            description="Betrokkenen die een digitaal adres met precies dit adres opgaven.",
        ),
        Filter(
            "verstrektedigitaalAdres__uuid",
            "uuid",
            _via_digitaal_adres(da.uuid),
            description="Betrokkenen die het digitale adres met deze uuid opgaven.",
        ),
        Filter(
            "verstrektedigitaalAdres__url",
            "url",
            _via_digitaal_adres(da.uuid),
            description="Betrokkenen die het digitale adres met deze URL opgaven.",
        ),
        Filter(
            "wasPartij__uuid",
            "uuid",
            eq(c.was_partij_uuid),
            description="Betrokkenen die de partij met deze uuid waren.",
        ),
        Filter(
            "wasPartij__url",
            "url",
            eq(c.was_partij_uuid),
            description="Betrokkenen die de partij met deze URL waren.",
        ),
        Filter(
            "wasPartij__nummer",
            "string",
            _via_partij_nummer,
            description="Betrokkenen die de partij met dit nummer waren.",
            deprecated=True,
        ),
        _identificator_filter("codeObjecttype", "objecttype"),
        _identificator_filter("codeSoortObjectId", "soort object-id"),
        _identificator_filter("objectId", "object-id"),
        _identificator_filter("codeRegister", "register"),
    ),
    groups=(FilterGroup("partij_identificator", _by_identificator),),
    expand=("digitaleAdressen",),
)
