"""The steps of ``import openklant`` from the reference's database (Open Klant 2.18 tables).

Each step reads one ``klantinteracties_*`` or ``contactgegevens_*`` table (alias ``x``) with the
joins that turn its integer foreign keys into the uuids our tables relate by, and names every
column as our table does. Steps run in this order so that a row's relations exist before it;
the two self-references (a contactpersoon's werkgever, a sub-identificator's parent) get steps
of their own after the rows they point at. docs/migration.md has the mapping field by field.
"""

from __future__ import annotations

import json

from klantinteracties.api.partij_identificatoren.rules import hierarchy_problem, object_id_problem
from klantinteracties.db import models as m
from klantinteracties.db.models.base import ADRES_FIELDS

from .steps import Row, Step

ADRES_NAMES = [name for name, _ in ADRES_FIELDS] + ["huisnummer"]
CONTACTNAAM = ("voorletters", "voornaam", "voorvoegsel_achternaam", "achternaam")
IDENTIFICATOR = ("object_id", "code_objecttype", "code_register", "code_soort_object_id")


def _adres(prefix: str) -> str:
    return ", ".join(f"x.{prefix}_{n}" for n in ADRES_NAMES)


def _identificator(prefix: str) -> str:
    return ", ".join(f"x.{prefix}_{n}" for n in IDENTIFICATOR)


def _contactnaam(alias: str, out: str) -> str:
    return ", ".join(f"{alias}.contactnaam_{n} AS {out}_{n}" for n in CONTACTNAAM)


def _sql(table: str, columns: str, joins: str = "", where: str = "") -> dict[str, str]:
    return {"table": table, "columns": columns, "joins": joins, "where": where}


# ----- conversions ------------------------------------------------------------------------------
OWN_PREFIXES = ("pe_", "org_", "cp_", "has_", "_stale_")


def partij(row: Row) -> tuple[Row, list[str]]:
    """partijIdentificatie: the sub-record of the partij's own soort (what the reference shows);
    a sub-record of another soort (left from an earlier soort) is not shown there and not kept."""
    soort = row["soort_partij"]
    out = {k: v for k, v in row.items() if not k.startswith(OWN_PREFIXES)}
    out.update({f"contactnaam_{n}": "" for n in CONTACTNAAM})
    out.update(identificatie_soort=None, organisatie_naam="", contactpersoon_uuid=None)
    notes = [
        f"partijIdentificatie of soort {other} not imported: the partij is a {soort}"
        for other in ("persoon", "organisatie", "contactpersoon")
        if other != soort and row[f"has_{other}"]
    ]
    # The reference keeps a voorkeur that points at an address the partij no longer has.
    notes += [
        f"the voorkeur {what} is one of another partij: not imported"
        for what in ("digitaal_adres", "rekeningnummer")
        if row[f"_stale_{what}"]
    ]
    if not row[f"has_{soort}"]:
        return out, notes
    out["identificatie_soort"] = soort
    if soort == "organisatie":
        out["organisatie_naam"] = row["org_naam"]
    else:
        prefix = "pe" if soort == "persoon" else "cp"
        out.update({f"contactnaam_{n}": row[f"{prefix}_{n}"] for n in CONTACTNAAM})
        if soort == "contactpersoon":
            out["contactpersoon_uuid"] = row["cp_uuid"]
    return out, notes


def partij_identificator(row: Row) -> tuple[Row, list[str]]:
    notes = []
    problem = hierarchy_problem(row)
    if problem is not None:
        notes.append(problem.reason)
    reason = object_id_problem(row["code_soort_object_id"], row["object_id"])
    if reason is not None:
        notes.append(f"partijIdentificatorObjectId: {reason}")
    return row, notes


def klantcontact(row: Row) -> tuple[Row, list[str]]:
    value = row["metadata_json"]
    row["metadata_json"] = json.loads(value) if isinstance(value, str) else value
    return row, []


ACTOR_SOORTEN = {
    "medewerker": ("md", ("functie", "emailadres", "telefoonnummer")),
    "geautomatiseerde_actor": ("ga", ("functie", "omschrijving")),
    "organisatorische_eenheid": (
        "oe",
        ("omschrijving", "emailadres", "faxnummer", "telefoonnummer"),
    ),
}
ACTOR_FIELDS = ("functie", "emailadres", "telefoonnummer", "faxnummer", "omschrijving")


def actor(row: Row) -> tuple[Row, list[str]]:
    """actorIdentificatie: the sub-record of the actor's own soort, as the reference shows it."""
    out = {k: v for k, v in row.items() if not k.startswith(("md_", "ga_", "oe_"))}
    out.update({name: "" for name in ACTOR_FIELDS}, identificatie_soort=None)
    notes = []
    for soort, (prefix, names) in ACTOR_SOORTEN.items():
        present = row[f"{prefix}_present"]
        if soort != row["soort_actor"]:
            if present:
                notes.append(
                    f"actorIdentificatie of soort {soort} not imported: not the actor's soort"
                )
            continue
        if present:
            out["identificatie_soort"] = soort
            out.update({name: row[f"{prefix}_{name}"] for name in names})
    return out, notes


# ----- the steps --------------------------------------------------------------------------------
PARTIJ_COLUMNS = (
    "x.uuid, x.nummer, x.interne_notitie, x.soort_partij, x.indicatie_geheimhouding, "
    "x.voorkeurstaal, x.indicatie_actief, "
    f"{_adres('bezoekadres')}, {_adres('correspondentieadres')}, "
    f"{_contactnaam('pe', 'pe')}, o.naam AS org_naam, cp.uuid AS cp_uuid, "
    f"{_contactnaam('cp', 'cp')}, pe.id IS NOT NULL AS has_persoon, "
    "o.id IS NOT NULL AS has_organisatie, cp.id IS NOT NULL AS has_contactpersoon, "
    "(vda.id IS NOT NULL AND vda.partij_id IS DISTINCT FROM x.id) AS _stale_digitaal_adres, "
    "(vrn.id IS NOT NULL AND vrn.partij_id IS DISTINCT FROM x.id) AS _stale_rekeningnummer"
)
PARTIJ_JOINS = (
    "LEFT JOIN klantinteracties_persoon pe ON pe.partij_id = x.id "
    "LEFT JOIN klantinteracties_organisatie o ON o.partij_id = x.id "
    "LEFT JOIN klantinteracties_contactpersoon cp ON cp.partij_id = x.id "
    "LEFT JOIN klantinteracties_digitaaladres vda ON vda.id = x.voorkeurs_digitaal_adres_id "
    "LEFT JOIN klantinteracties_rekeningnummer vrn ON vrn.id = x.voorkeurs_rekeningnummer_id"
)
IDENTIFICATOR_COLUMNS = (
    "x.uuid, p.uuid AS identificeerde_partij_uuid, x.andere_partij_identificator, "
    "x.partij_identificator_code_objecttype AS code_objecttype, "
    "x.partij_identificator_code_soort_object_id AS code_soort_object_id, "
    "x.partij_identificator_object_id AS object_id, "
    "x.partij_identificator_code_register AS code_register, "
    "s.uuid AS sub_identificator_van_uuid"
)
IDENTIFICATOR_JOINS = (
    "LEFT JOIN klantinteracties_partij p ON p.id = x.partij_id "
    "LEFT JOIN klantinteracties_partijidentificator s ON s.id = x.sub_identificator_van_id"
)
ACTOR_COLUMNS = (
    f"x.uuid, x.naam, x.soort_actor, x.indicatie_actief, {_identificator('actoridentificator')}, "
    "md.id IS NOT NULL AS md_present, md.functie AS md_functie, md.emailadres AS md_emailadres, "
    "md.telefoonnummer AS md_telefoonnummer, ga.id IS NOT NULL AS ga_present, "
    "ga.functie AS ga_functie, ga.omschrijving AS ga_omschrijving, "
    "oe.id IS NOT NULL AS oe_present, oe.omschrijving AS oe_omschrijving, "
    "oe.emailadres AS oe_emailadres, oe.faxnummer AS oe_faxnummer, "
    "oe.telefoonnummer AS oe_telefoonnummer"
)
ACTOR_JOINS = (
    "LEFT JOIN klantinteracties_medewerker md ON md.actor_id = x.id "
    "LEFT JOIN klantinteracties_geautomatiseerdeactor ga ON ga.actor_id = x.id "
    "LEFT JOIN klantinteracties_organisatorischeeenheid oe ON oe.actor_id = x.id"
)
KLANTCONTACT_COLUMNS = (
    "x.uuid, x.nummer, x.referentienummer, x.kanaal, x.onderwerp, x.inhoud, x.reactie, "
    "x.indicatie_contact_gelukt, x.hoofd_onderwerp_type, x.verdere_actie_ondernomen, x.taal, "
    "x.vertrouwelijk, x.plaatsgevonden_op, x.metadata AS metadata_json"
)
BETROKKENE_COLUMNS = (
    "x.uuid, p.uuid AS was_partij_uuid, k.uuid AS had_klantcontact_uuid, "
    f"{_adres('bezoekadres')}, {_adres('correspondentieadres')}, "
    + ", ".join(f"x.contactnaam_{n}" for n in CONTACTNAAM)
    + ", x.rol, x.organisatienaam, x.initiator"
)
PARTIJ_JOIN = "LEFT JOIN klantinteracties_partij p ON p.id = x.partij_id"
KLANTCONTACT_JOIN = "LEFT JOIN klantinteracties_klantcontact k ON k.id = x.klantcontact_id"
ADRES = _adres("adres")

STEPS: tuple[Step, ...] = (
    Step(
        "categorieen",
        m.categorie,
        source=_sql("klantinteracties_categorie", "x.uuid, x.naam"),
    ),
    Step(
        "partijen",
        m.partij,
        convert=partij,
        source=_sql("klantinteracties_partij", PARTIJ_COLUMNS, PARTIJ_JOINS),
    ),
    Step(
        "partijen-werkgevers",
        m.partij,
        resource="partijen",
        update_only=True,
        refs=(("werkte_voor_partij_uuid", m.partij),),
        source=_sql(
            "klantinteracties_contactpersoon",
            "p.uuid, w.uuid AS werkte_voor_partij_uuid",
            "JOIN klantinteracties_partij p ON p.id = x.partij_id "
            "LEFT JOIN klantinteracties_partij w ON w.id = x.werkte_voor_partij_id",
            "p.soort_partij = 'contactpersoon'",
        ),
    ),
    Step(
        "partij-identificatoren",
        m.partij_identificator,
        refs=(("identificeerde_partij_uuid", m.partij),),
        convert=partij_identificator,
        source=_sql(
            "klantinteracties_partijidentificator",
            IDENTIFICATOR_COLUMNS,
            IDENTIFICATOR_JOINS,
            "x.sub_identificator_van_id IS NULL",
        ),
    ),
    Step(
        "partij-identificatoren-sub",
        m.partij_identificator,
        resource="partij-identificatoren",
        refs=(
            ("identificeerde_partij_uuid", m.partij),
            ("sub_identificator_van_uuid", m.partij_identificator),
        ),
        convert=partij_identificator,
        source=_sql(
            "klantinteracties_partijidentificator",
            IDENTIFICATOR_COLUMNS,
            IDENTIFICATOR_JOINS,
            "x.sub_identificator_van_id IS NOT NULL",
        ),
    ),
    Step(
        "rekeningnummers",
        m.rekeningnummer,
        refs=(("partij_uuid", m.partij),),
        source=_sql(
            "klantinteracties_rekeningnummer",
            "x.uuid, p.uuid AS partij_uuid, x.iban, x.bic, "
            "(p.voorkeurs_rekeningnummer_id IS NOT DISTINCT FROM x.id) AS is_voorkeur",
            PARTIJ_JOIN,
        ),
    ),
    Step(
        "vertegenwoordigingen",
        m.vertegenwoordigden,
        refs=(
            ("vertegenwoordigende_partij_uuid", m.partij),
            ("vertegenwoordigde_partij_uuid", m.partij),
        ),
        source=_sql(
            "klantinteracties_vertegenwoordigden",
            "x.uuid, a.uuid AS vertegenwoordigende_partij_uuid, "
            "b.uuid AS vertegenwoordigde_partij_uuid",
            "JOIN klantinteracties_partij a ON a.id = x.vertegenwoordigende_partij_id "
            "JOIN klantinteracties_partij b ON b.id = x.vertegenwoordigde_partij_id",
        ),
    ),
    Step(
        "categorie-relaties",
        m.categorie_relatie,
        refs=(("partij_uuid", m.partij), ("categorie_uuid", m.categorie)),
        source=_sql(
            "klantinteracties_categorierelatie",
            "x.uuid, p.uuid AS partij_uuid, c.uuid AS categorie_uuid, x.begin_datum, x.eind_datum",
            f"{PARTIJ_JOIN} LEFT JOIN klantinteracties_categorie c ON c.id = x.categorie_id",
        ),
    ),
    Step(
        "klantcontacten",
        m.klantcontact,
        convert=klantcontact,
        source=_sql("klantinteracties_klantcontact", KLANTCONTACT_COLUMNS),
    ),
    Step(
        "betrokkenen",
        m.betrokkene,
        refs=(("was_partij_uuid", m.partij), ("had_klantcontact_uuid", m.klantcontact)),
        source=_sql(
            "klantinteracties_betrokkene", BETROKKENE_COLUMNS, f"{PARTIJ_JOIN} {KLANTCONTACT_JOIN}"
        ),
    ),
    Step(
        "digitaleadressen",
        m.digitaal_adres,
        refs=(
            ("verstrekt_door_partij_uuid", m.partij),
            ("verstrekt_door_betrokkene_uuid", m.betrokkene),
        ),
        source=_sql(
            "klantinteracties_digitaaladres",
            "x.uuid, p.uuid AS verstrekt_door_partij_uuid, "
            "b.uuid AS verstrekt_door_betrokkene_uuid, x.adres, x.soort_digitaal_adres, "
            "x.is_standaard_adres, x.omschrijving, x.referentie, x.verificatie_datum, "
            "(p.voorkeurs_digitaal_adres_id IS NOT DISTINCT FROM x.id) AS is_voorkeur",
            f"{PARTIJ_JOIN} LEFT JOIN klantinteracties_betrokkene b ON b.id = x.betrokkene_id",
        ),
    ),
    Step(
        "onderwerpobjecten",
        m.onderwerpobject,
        refs=(("klantcontact_uuid", m.klantcontact), ("was_klantcontact_uuid", m.klantcontact)),
        source=_sql(
            "klantinteracties_onderwerpobject",
            "x.uuid, k.uuid AS klantcontact_uuid, w.uuid AS was_klantcontact_uuid, "
            + _identificator("onderwerpobjectidentificator"),
            f"{KLANTCONTACT_JOIN} "
            "LEFT JOIN klantinteracties_klantcontact w ON w.id = x.was_klantcontact_id",
        ),
    ),
    Step(
        "bijlagen",
        m.bijlage,
        refs=(("was_bijlage_van_klantcontact_uuid", m.klantcontact),),
        source=_sql(
            "klantinteracties_bijlage",
            "x.uuid, k.uuid AS was_bijlage_van_klantcontact_uuid, "
            + _identificator("bijlageidentificator"),
            KLANTCONTACT_JOIN,
        ),
    ),
    Step(
        "actoren",
        m.actor,
        convert=actor,
        source=_sql("klantinteracties_actor", ACTOR_COLUMNS, ACTOR_JOINS),
    ),
    Step(
        "actorklantcontacten",
        m.actorklantcontact,
        refs=(("actor_uuid", m.actor), ("klantcontact_uuid", m.klantcontact)),
        source=_sql(
            "klantinteracties_actorklantcontact",
            "x.uuid, a.uuid AS actor_uuid, k.uuid AS klantcontact_uuid",
            f"LEFT JOIN klantinteracties_actor a ON a.id = x.actor_id {KLANTCONTACT_JOIN}",
        ),
    ),
    Step(
        "internetaken",
        m.internetaak,
        refs=(("aanleidinggevend_klantcontact_uuid", m.klantcontact),),
        source=_sql(
            "klantinteracties_internetaak",
            "x.uuid, x.nummer, x.referentienummer, x.gevraagde_handeling, "
            "k.uuid AS aanleidinggevend_klantcontact_uuid, x.toelichting, x.status, "
            "x.toegewezen_op, x.afgehandeld_op",
            KLANTCONTACT_JOIN,
        ),
    ),
    # toegewezenAanActoren: no uuid of its own; the order is the through rows' order.
    Step(
        "internetaak-actoren",
        m.internetaak_actor,
        key=("internetaak_uuid", "actor_uuid"),
        refs=(("internetaak_uuid", m.internetaak), ("actor_uuid", m.actor)),
        source=_sql(
            "klantinteracties_internetakenactorenthoughmodel",
            "t.uuid AS internetaak_uuid, a.uuid AS actor_uuid, "
            "(SELECT count(*) FROM klantinteracties_internetakenactorenthoughmodel e "
            "WHERE e.internetaak_id = x.internetaak_id AND e.id < x.id) AS volgorde",
            "JOIN klantinteracties_internetaak t ON t.id = x.internetaak_id "
            "JOIN klantinteracties_actor a ON a.id = x.actor_id",
        ),
    ),
    Step(
        "personen",
        m.persoon,
        source=_sql(
            "contactgegevens_persoon",
            "x.uuid, x.geboortedatum, x.overlijdensdatum, x.geslachtsnaam, x.geslacht, "
            f"x.voorvoegsel, x.voornamen, {ADRES}",
        ),
    ),
    Step(
        "organisaties",
        m.organisatie,
        source=_sql(
            "contactgegevens_organisatie",
            f"x.uuid, x.handelsnaam, x.oprichtingsdatum, x.opheffingsdatum, {ADRES}",
        ),
    ),
)
