"""A fixed dataset for the golden representation test, written straight into the tables.

Everything is fixed: uuids (``key``), timestamps, nummers and the insertion order (which is the
``id`` order that lists and to-many relations follow). Only values the API itself can store are
used: the stored ``identificatie_soort`` of a partij may lag behind its ``soortPartij`` (a PATCH of
only the soort keeps it), but the columns of another soort's sub-object are always empty, as the
services reset them; an internetaak is afgehandeld exactly when its status is ``verwerkt``; every
text fits its column and has no NUL.

Several parents have more than one child, inserted out of key order, so that list order is pinned;
some have none. Strings carry what a serializer can get wrong: quotes, backslash, control
characters, non-ASCII, an emoji, ``</script>``, U+2028 and the longest text a field takes (4000
characters: no field of either API stores more).
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import Table, insert

from klantinteracties.core.db import Database
from klantinteracties.db import models as m

# ----- awkward values ---------------------------------------------------------------------------
# 58 characters: fits every free text field of 80 and more.
AWKWARD = 'Zeg "hoi" \\ r1\nr2\tt é ß 漢字 😀 </script> \u2028 \x01\x1f e\u0301 \r!'
SHORT = 'é"\\\n\t😀<\u2028'  # 8 characters: for fields of 10
MEDIUM = '"q" \\ é ß 漢字 😀 </script>\n\u2028'  # fits 40
LONG_4000 = ('Lang "verhaal" \\ é ß 漢字 😀 </script>\u2028\n\t' * 200)[:4000]
LONG_1000 = ('Notitie é 漢字 😀 "\\\n' * 100)[:1000]


def key(kind: int, n: int) -> uuid.UUID:
    """A readable fixed uuid: ``kind`` names the table, ``n`` the row."""
    return uuid.UUID(f"{kind:08x}-0000-4000-8000-{n:012x}")


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).astimezone(dt.UTC)


# ----- column groups ------------------------------------------------------------------------------
ADRES_TEXT = (
    "nummeraanduiding_id",
    "straatnaam",
    "huisnummertoevoeging",
    "postcode",
    "stad",
    "adresregel1",
    "adresregel2",
    "adresregel3",
    "land",
)
FULL_ADRES: dict[str, Any] = {
    "nummeraanduiding_id": "0363200000123456",
    "straatnaam": AWKWARD,
    "huisnummer": 99999,
    "huisnummertoevoeging": "A-bis é",
    "postcode": "1234 AB",
    "stad": "'s-Hertogenbosch ß 漢字",
    "adresregel1": "Dorpsstraat 1",
    "adresregel2": AWKWARD,
    "adresregel3": "3e regel 😀",
    "land": "NL",
}
LINES_ADRES: dict[str, Any] = {
    "adresregel1": "Rue de la Loi 16",
    "adresregel2": "1000 Bruxelles",
    "land": "BE",
    "huisnummer": 1,
}


def adres(prefix: str, values: dict[str, Any] | None = None) -> dict[str, Any]:
    values = values or {}
    out: dict[str, Any] = {f"{prefix}_{name}": values.get(name, "") for name in ADRES_TEXT}
    out[f"{prefix}_huisnummer"] = values.get("huisnummer")
    return out


def naam(
    voorletters: str = "", voornaam: str = "", voorvoegsel: str = "", achternaam: str = ""
) -> dict[str, Any]:
    return {
        "contactnaam_voorletters": voorletters,
        "contactnaam_voornaam": voornaam,
        "contactnaam_voorvoegsel_achternaam": voorvoegsel,
        "contactnaam_achternaam": achternaam,
    }


def identificator(prefix: str, *values: str) -> dict[str, Any]:
    names = ("object_id", "code_objecttype", "code_register", "code_soort_object_id")
    padded = (*values, "", "", "", "")[:4]
    return {f"{prefix}_{name}": value for name, value in zip(names, padded, strict=True)}


# ----- keys ------------------------------------------------------------------------------------
P = {n: key(1, n) for n in range(1, 12)}  # partij
PI = {n: key(2, n) for n in range(1, 8)}  # partij_identificator
DA = {n: key(3, n) for n in range(1, 10)}  # digitaal_adres
RN = {n: key(4, n) for n in range(1, 6)}  # rekeningnummer
VT = {n: key(5, n) for n in range(1, 6)}  # vertegenwoordigden
CA = {n: key(6, n) for n in range(1, 6)}  # categorie
CR = {n: key(7, n) for n in range(1, 7)}  # categorie_relatie
KC = {n: key(8, n) for n in range(1, 8)}  # klantcontact
BE = {n: key(9, n) for n in range(1, 7)}  # betrokkene
OO = {n: key(10, n) for n in range(1, 6)}  # onderwerpobject
BL = {n: key(11, n) for n in range(1, 6)}  # bijlage
AC = {n: key(12, n) for n in range(1, 7)}  # actor
AK = {n: key(13, n) for n in range(1, 6)}  # actorklantcontact
IT = {n: key(14, n) for n in range(1, 6)}  # internetaak
PE = {n: key(15, n) for n in range(1, 6)}  # persoon
OR = {n: key(16, n) for n in range(1, 6)}  # organisatie
CONTACTPERSOON = {n: key(17, n) for n in range(1, 4)}  # partijIdentificatie.uuid


# ----- partijen family -----------------------------------------------------------------------
def partij_row(
    n: int,
    soort: str,
    *,
    nummer: str | None = None,
    notitie: str = "",
    geheim: bool | None = None,
    taal: str = "",
    actief: bool = True,
    bezoek: dict[str, Any] | None = None,
    correspondentie: dict[str, Any] | None = None,
    identificatie: str | None = None,
    contactnaam: dict[str, Any] | None = None,
    organisatie_naam: str = "",
    contactpersoon: uuid.UUID | None = None,
    werkgever: uuid.UUID | None = None,
) -> dict[str, Any]:
    return {
        "uuid": P[n],
        "nummer": nummer,
        "interne_notitie": notitie,
        "soort_partij": soort,
        "indicatie_geheimhouding": geheim,
        "voorkeurstaal": taal,
        "indicatie_actief": actief,
        **adres("bezoekadres", bezoek),
        **adres("correspondentieadres", correspondentie),
        "identificatie_soort": identificatie,
        **(contactnaam or naam()),
        "organisatie_naam": organisatie_naam,
        "contactpersoon_uuid": contactpersoon,
        "werkte_voor_partij_uuid": werkgever,
    }


PARTIJEN = [
    # 1: a persoon with everything
    partij_row(
        1,
        "persoon",
        nummer="0000000001",
        notitie=AWKWARD,
        geheim=True,
        taal="nld",
        bezoek=FULL_ADRES,
        identificatie="persoon",
        contactnaam=naam("J.P.", "Jan-Piet é", "van der", 'O\'Brien "Jr." \\ 漢字 😀'),
    ),
    # 2: a persoon without sub-object (never given: partijIdentificatie null)
    partij_row(2, "persoon", geheim=False, correspondentie=LINES_ADRES),
    # 3: a persoon whose sub-object has an empty contactnaam
    partij_row(3, "persoon", nummer="3", identificatie="persoon", notitie=LONG_1000),
    # 4: an organisatie with many identificatoren and relations
    partij_row(
        4,
        "organisatie",
        nummer="4444",
        taal="eng",
        bezoek=LINES_ADRES,
        correspondentie=FULL_ADRES,
        identificatie="organisatie",
        organisatie_naam='Bakkerij "De Gouden Krakeling" & Zn. \\ </script> ß 漢字 😀',
    ),
    # 5: an organisatie without sub-object
    partij_row(5, "organisatie", actief=False),
    # 6: a contactpersoon working for partij 4
    partij_row(
        6,
        "contactpersoon",
        identificatie="contactpersoon",
        contactnaam=naam(SHORT, "", SHORT, ""),
        contactpersoon=CONTACTPERSOON[1],
        werkgever=P[4],
    ),
    # 7: a contactpersoon without werkgever
    partij_row(
        7,
        "contactpersoon",
        identificatie="contactpersoon",
        contactnaam=naam("", "Émile", "", "Zoë"),
        contactpersoon=CONTACTPERSOON[2],
    ),
    # 8: now an organisatie; the stored sub-object is still that of a persoon
    partij_row(
        8,
        "organisatie",
        identificatie="persoon",
        contactnaam=naam("A.", "Anna", "de", "Vries"),
    ),
    # 9: now a persoon; the stored sub-object is still that of a contactpersoon
    partij_row(
        9,
        "persoon",
        identificatie="contactpersoon",
        contactnaam=naam("", "Kees", "", "Jansen"),
        contactpersoon=CONTACTPERSOON[3],
        werkgever=P[4],
    ),
    # 10: a persoon with nothing at all
    partij_row(10, "persoon", actief=False, geheim=None),
    # 11: now a contactpersoon; the stored sub-object is still that of an organisatie
    partij_row(11, "contactpersoon", identificatie="organisatie", organisatie_naam="Oud BV"),
]


def identificator_row(
    n: int,
    partij: uuid.UUID | None,
    objecttype: str,
    soort: str,
    object_id: str,
    register: str,
    sub_van: uuid.UUID | None = None,
    andere: str = "",
) -> dict[str, Any]:
    return {
        "uuid": PI[n],
        "identificeerde_partij_uuid": partij,
        "andere_partij_identificator": andere,
        "code_objecttype": objecttype,
        "code_soort_object_id": soort,
        "object_id": object_id,
        "code_register": register,
        "sub_identificator_van_uuid": sub_van,
    }


PARTIJ_IDENTIFICATOREN = [
    identificator_row(1, P[1], "natuurlijk_persoon", "bsn", "111222333", "brp"),
    identificator_row(2, P[4], "niet_natuurlijk_persoon", "kvk_nummer", "12345678", "hr"),
    identificator_row(3, P[4], "niet_natuurlijk_persoon", "rsin", "123456782", "hr", andere=MEDIUM),
    # a vestiging of partij 4's KvK number, held by partij 5
    identificator_row(4, P[5], "vestiging", "vestigingsnummer", "000012345678", "hr", PI[2]),
    # a KvK number of no partij, with a vestiging of no partij under it
    identificator_row(5, None, "niet_natuurlijk_persoon", "kvk_nummer", "87654321", "hr"),
    identificator_row(
        6, None, "vestiging", "vestigingsnummer", "000087654321", "hr", PI[5], andere=AWKWARD
    ),
    # partij 4 holds a second vestiging too (of another KvK number)
    identificator_row(7, P[4], "vestiging", "vestigingsnummer", "000099999999", "hr", PI[5]),
]


def digitaal_adres_row(
    n: int,
    soort: str,
    adres_: str,
    *,
    partij: uuid.UUID | None = None,
    betrokkene: uuid.UUID | None = None,
    standaard: bool = False,
    omschrijving: str = "",
    referentie: str = "",
    verificatie: dt.date | None = None,
    voorkeur: bool = False,
) -> dict[str, Any]:
    return {
        "uuid": DA[n],
        "verstrekt_door_partij_uuid": partij,
        "verstrekt_door_betrokkene_uuid": betrokkene,
        "adres": adres_,
        "soort_digitaal_adres": soort,
        "is_standaard_adres": standaard,
        "omschrijving": omschrijving,
        "referentie": referentie,
        "verificatie_datum": verificatie,
        "is_voorkeur": voorkeur,
    }


DIGITALE_ADRESSEN = [
    digitaal_adres_row(1, "telefoonnummer", "0612345678", partij=P[1], betrokkene=BE[1]),
    digitaal_adres_row(
        2,
        "email",
        "jan.de.vries+post@bäckerei.example",
        partij=P[1],
        standaard=True,
        omschrijving=MEDIUM,
        referentie="portaal-voorkeur_1",
        verificatie=dt.date(2024, 2, 29),
        voorkeur=True,
    ),
    digitaal_adres_row(
        3, "overig", AWKWARD, partij=P[1], standaard=True, verificatie=dt.date(1999, 12, 31)
    ),
    digitaal_adres_row(4, "email", "info@example.com", betrokkene=BE[2]),
    digitaal_adres_row(5, "telefoonnummer", "+31201234567"),
    digitaal_adres_row(6, "email", "post@krakeling.nl", partij=P[4], standaard=True, voorkeur=True),
    digitaal_adres_row(7, "telefoonnummer", "0031301234567", partij=P[6], betrokkene=BE[3]),
    digitaal_adres_row(8, "overig", "@jan 😀", betrokkene=BE[1], referentie="sociaal"),
    digitaal_adres_row(9, "email", "tweede@krakeling.nl", partij=P[4], omschrijving="tweede"),
]

REKENINGNUMMERS = [
    {"uuid": RN[1], "partij_uuid": P[1], "iban": "NL91ABNA0417164300", "bic": "ABNANL2A"},
    {"uuid": RN[2], "partij_uuid": P[1], "iban": "de89370400440532013000", "bic": "", "v": 1},
    {"uuid": RN[3], "partij_uuid": P[4], "iban": "BE68539007547034", "bic": "GEBABEBBXXX"},
    {"uuid": RN[4], "partij_uuid": None, "iban": "FR1420041010050500013M02606", "bic": ""},
    {"uuid": RN[5], "partij_uuid": P[6], "iban": "NL02RABO0123456789", "bic": "RABONL2U", "v": 1},
]
for _row in REKENINGNUMMERS:
    _row["is_voorkeur"] = bool(_row.pop("v", 0))

VERTEGENWOORDIGINGEN = [
    {"uuid": VT[n], "vertegenwoordigende_partij_uuid": a, "vertegenwoordigde_partij_uuid": b}
    for n, a, b in (
        (1, P[1], P[3]),
        (2, P[1], P[2]),
        (3, P[4], P[1]),
        (4, P[6], P[4]),
        (5, P[4], P[5]),
    )
]

CATEGORIEEN = [
    {"uuid": CA[1], "naam": "vip"},
    {"uuid": CA[2], "naam": AWKWARD},
    {"uuid": CA[3], "naam": ""},
    {"uuid": CA[4], "naam": "Ongebruikt"},
    {"uuid": CA[5], "naam": "Ééntje ß 漢字"},
]

CATEGORIE_RELATIES = [
    {
        "uuid": CR[n],
        "partij_uuid": partij,
        "categorie_uuid": categorie,
        "begin_datum": begin,
        "eind_datum": eind,
    }
    for n, partij, categorie, begin, eind in (
        (1, P[1], CA[2], dt.date(2020, 1, 1), dt.date(2030, 12, 31)),
        (2, P[1], CA[1], dt.date(2024, 2, 29), None),
        (3, P[4], CA[1], None, None),
        (4, None, CA[3], dt.date(2001, 9, 11), None),
        (5, P[5], None, None, dt.date(2025, 1, 1)),
        (6, P[4], CA[5], dt.date(1970, 1, 1), dt.date(1970, 1, 1)),
    )
]

# ----- klantcontacten family ------------------------------------------------------------------
METADATA = {
    "zaaknummer": "ZAAK-2024-0001",
    "aanvrager": 'Zeg "hoi" \\ é',
    "漢字 😀": "\u2028</script>\n\t",
    "leeg": "",
    "getal": "42",
    "Aa": "hoofdletter eerst",
}


def klantcontact_row(
    n: int,
    plaatsgevonden: str,
    *,
    nummer: str | None = None,
    referentie: str | None = None,
    kanaal: str = "telefoon",
    onderwerp: str = "vraag",
    inhoud: str = "",
    reactie: str = "",
    gelukt: bool | None = None,
    hoofd: str = "",
    verdere: bool = False,
    taal: str = "nld",
    vertrouwelijk: bool = False,
    metadata: dict[str, str] | None = None,
) -> dict[str, Any]:
    return {
        "uuid": KC[n],
        "nummer": nummer,
        "referentienummer": referentie,
        "kanaal": kanaal,
        "onderwerp": onderwerp,
        "inhoud": inhoud,
        "reactie": reactie,
        "indicatie_contact_gelukt": gelukt,
        "hoofd_onderwerp_type": hoofd,
        "verdere_actie_ondernomen": verdere,
        "taal": taal,
        "vertrouwelijk": vertrouwelijk,
        "plaatsgevonden_op": at(plaatsgevonden),
        "metadata_json": metadata if metadata is not None else {},
    }


KLANTCONTACTEN = [
    klantcontact_row(
        1,
        "2024-03-01T09:30:00+00:00",
        nummer="0000000001",
        referentie="1001",
        kanaal=MEDIUM,
        onderwerp=AWKWARD,
        inhoud=LONG_1000,
        reactie=LONG_4000,
        gelukt=True,
        hoofd="https://catalogi.example.nl/api/v1/zaaktypen/1?x=%22a%22&y=é",
        taal="eng",
        vertrouwelijk=True,
        metadata=METADATA,
    ),
    klantcontact_row(
        2, "2024-03-02T08:00:00.120000+00:00", verdere=True, kanaal="e-mail", gelukt=False
    ),
    klantcontact_row(3, "2023-12-31T23:59:59.000001+00:00", nummer="3", gelukt=False),
    # the same moment as 1: the newer row (higher id) comes first
    klantcontact_row(4, "2024-03-01T11:30:00+02:00", referentie="4", metadata={"a": "1"}),
    klantcontact_row(5, "1999-12-31T23:59:59.999999+00:00", onderwerp="zonder relaties"),
    klantcontact_row(6, "2025-06-15T12:00:00.123456+00:00", kanaal="balie", taal="fry"),
    klantcontact_row(7, "2024-03-01T09:30:00.5+00:00", onderwerp="halve seconde"),
]


def betrokkene_row(
    n: int,
    klantcontact: uuid.UUID,
    *,
    partij: uuid.UUID | None = None,
    bezoek: dict[str, Any] | None = None,
    correspondentie: dict[str, Any] | None = None,
    contactnaam: dict[str, Any] | None = None,
    rol: str = "klant",
    organisatienaam: str = "",
    initiator: bool = False,
) -> dict[str, Any]:
    return {
        "uuid": BE[n],
        "was_partij_uuid": partij,
        "had_klantcontact_uuid": klantcontact,
        **adres("bezoekadres", bezoek),
        **adres("correspondentieadres", correspondentie),
        **(contactnaam or naam()),
        "rol": rol,
        "organisatienaam": organisatienaam,
        "initiator": initiator,
    }


BETROKKENEN = [
    betrokkene_row(
        1,
        KC[1],
        partij=P[1],
        bezoek=FULL_ADRES,
        correspondentie=LINES_ADRES,
        contactnaam=naam("J.", "Jan", "de", "Vries 漢字"),
        initiator=True,
    ),
    betrokkene_row(
        2, KC[1], rol="vertegenwoordiger", organisatienaam=AWKWARD, contactnaam=naam(SHORT)
    ),
    betrokkene_row(3, KC[2], partij=P[6], contactnaam=naam("", "", "", "Alleen Achternaam")),
    betrokkene_row(4, KC[3], partij=P[1], correspondentie=FULL_ADRES),
    betrokkene_row(5, KC[1], partij=P[4], organisatienaam="Krakeling", initiator=True),
    betrokkene_row(6, KC[6], partij=P[4], contactnaam=naam("", "Zoë", "", "")),
]

ONDERWERPOBJECTEN = [
    {
        "uuid": OO[n],
        "klantcontact_uuid": kc,
        "was_klantcontact_uuid": was,
        **identificator("onderwerpobjectidentificator", *ident),
    }
    for n, kc, was, ident in (
        (1, KC[1], None, ("9f2a3c4e-1111-4222-8333-444455556666", "zaak", "openzaak", "uuid")),
        (2, KC[1], KC[6], ("", "klantcontact", "", "")),
        (3, None, KC[2], ()),
        (4, None, None, (AWKWARD, MEDIUM, "漢字", "😀")),
        (5, KC[3], KC[3], ("x", "", "", "")),
    )
]

BIJLAGEN = [
    {
        "uuid": BL[n],
        "was_bijlage_van_klantcontact_uuid": kc,
        **identificator("bijlageidentificator", *ident),
    }
    for n, kc, ident in (
        (1, KC[1], ("https://drc.example.nl/documenten/1", "DOCUMENT", "drc", "url")),
        (2, KC[1], ()),
        (3, None, (AWKWARD,)),
        (4, KC[2], ("", "", "", "uuid")),
        (5, KC[1], ("3", "DOCUMENT", "", "")),
    )
]

# ----- actoren and interne taken ---------------------------------------------------------------
IDENTIFICATIE_EMPTY = {
    "functie": "",
    "emailadres": "",
    "telefoonnummer": "",
    "faxnummer": "",
    "omschrijving": "",
}


def actor_row(
    n: int,
    naam_: str,
    soort: str,
    *,
    actief: bool = True,
    ident: tuple[str, ...] = (),
    identificatie: dict[str, str] | None = None,
) -> dict[str, Any]:
    return {
        "uuid": AC[n],
        "naam": naam_,
        "soort_actor": soort,
        "indicatie_actief": actief,
        **identificator("actoridentificator", *ident),
        "identificatie_soort": soort if identificatie is not None else None,
        **IDENTIFICATIE_EMPTY,
        **(identificatie or {}),
    }


ACTOREN = [
    actor_row(
        1,
        AWKWARD,
        "medewerker",
        ident=("12345", "medewerker", "ldap", "mdw-id"),
        identificatie={
            "functie": MEDIUM,
            "emailadres": "piet@gemeente.example.nl",
            "telefoonnummer": "0612345678",
        },
    ),
    actor_row(2, "Zonder identificatie", "medewerker", actief=False),
    actor_row(
        3,
        "Chatbot 😀",
        "geautomatiseerde_actor",
        ident=("bot-1",),
        identificatie={"functie": "antwoorden", "omschrijving": AWKWARD},
    ),
    actor_row(
        4,
        "Team Burgerzaken ß",
        "organisatorische_eenheid",
        identificatie={
            "omschrijving": "Balie & telefoon",
            "emailadres": "burgerzaken@gemeente.example.nl",
            "faxnummer": "020-123 45 67 é",
            "telefoonnummer": "+31201234567",
        },
    ),
    actor_row(5, "Leeg team", "organisatorische_eenheid", identificatie={}),
    actor_row(6, "Script", "geautomatiseerde_actor", ident=("", "", "", "soort")),
]

# Linked out of actor order: a klantcontact lists its actoren in link order.
ACTORKLANTCONTACTEN = [
    {"uuid": AK[n], "actor_uuid": a, "klantcontact_uuid": k}
    for n, a, k in (
        (1, AC[3], KC[1]),
        (2, AC[1], KC[1]),
        (3, AC[4], KC[1]),
        (4, AC[1], KC[2]),
        (5, AC[2], KC[6]),
    )
]


def internetaak_row(
    n: int,
    klantcontact: uuid.UUID,
    status: str,
    toegewezen: str,
    afgehandeld: str | None = None,
    *,
    nummer: str | None = None,
    referentie: str | None = None,
    handeling: str = "terugbellen",
    toelichting: str = "",
) -> dict[str, Any]:
    return {
        "uuid": IT[n],
        "nummer": nummer,
        "referentienummer": referentie,
        "gevraagde_handeling": handeling,
        "aanleidinggevend_klantcontact_uuid": klantcontact,
        "toelichting": toelichting,
        "status": status,
        "toegewezen_op": at(toegewezen),
        "afgehandeld_op": at(afgehandeld) if afgehandeld else None,
    }


INTERNETAKEN = [
    internetaak_row(
        1,
        KC[1],
        "te_verwerken",
        "2024-03-01T10:00:00.120000+00:00",
        nummer="0000000001",
        referentie="5001",
        handeling=AWKWARD,
        toelichting=LONG_1000,
    ),
    internetaak_row(
        2,
        KC[1],
        "verwerkt",
        "2024-03-01T10:00:00+00:00",
        "2024-03-04T16:45:30.000001+00:00",
        toelichting=AWKWARD,
    ),
    internetaak_row(3, KC[2], "verwerkt", "2024-03-02T08:05:00+01:00", "2024-03-02T09:00:00Z"),
    internetaak_row(4, KC[3], "te_verwerken", "2024-01-01T00:00:00.999999+00:00", nummer="4"),
    internetaak_row(5, KC[3], "te_verwerken", "2024-01-02T00:00:00+00:00", referentie="55"),
]

# Assignments in volgorde, which is not actor order.
ASSIGNMENTS = {IT[1]: [AC[2], AC[1]], IT[2]: [AC[4]], IT[3]: [], IT[4]: [AC[5], AC[1], AC[3]]}
INTERNETAAK_ACTOREN = [
    {"internetaak_uuid": taak, "actor_uuid": actor, "volgorde": i}
    for taak, actoren in ASSIGNMENTS.items()
    for i, actor in enumerate(actoren)
] + [{"internetaak_uuid": IT[5], "actor_uuid": AC[6], "volgorde": 0}]

# ----- Contactgegevens API -----------------------------------------------------------------------
PERSONEN = [
    {
        "uuid": PE[n],
        "geboortedatum": geboren,
        "overlijdensdatum": overleden,
        "geslachtsnaam": geslachtsnaam,
        "geslacht": geslacht,
        "voorvoegsel": voorvoegsel,
        "voornamen": voornamen,
        **adres("adres", adres_),
    }
    for n, geboren, overleden, geslachtsnaam, geslacht, voorvoegsel, voornamen, adres_ in (
        (1, dt.date(1980, 2, 29), None, AWKWARD, "v", "van der", "Anna Maria", FULL_ADRES),
        (2, dt.date(1900, 1, 1), dt.date(1999, 12, 31), "Oud", "", "", "", None),
        (3, dt.date(2000, 6, 15), None, "Müller ß", "m", SHORT, "Jürgen 漢字 😀", LINES_ADRES),
        (4, dt.date(1975, 5, 5), dt.date(1975, 5, 5), "Kort", "o", "", MEDIUM, None),
        (5, dt.date(2010, 10, 10), None, "Jansen", "m", "", "Kees", None),
    )
]

ORGANISATIES = [
    {
        "uuid": OR[n],
        "handelsnaam": handelsnaam,
        "oprichtingsdatum": opgericht,
        "opheffingsdatum": opgeheven,
        **adres("adres", adres_),
    }
    for n, handelsnaam, opgericht, opgeheven, adres_ in (
        (1, AWKWARD, dt.date(1850, 7, 1), dt.date(2099, 12, 31), FULL_ADRES),
        (2, "Zonder data", None, None, None),
        (3, "Alleen opgericht é", dt.date(2020, 2, 29), None, LINES_ADRES),
        (4, "Alleen opgeheven 漢字", None, dt.date(2000, 1, 1), None),
        (5, "Krakeling 😀", dt.date(1999, 1, 1), dt.date(1999, 1, 1), None),
    )
]

# ----- what goes where --------------------------------------------------------------------------
# In insertion order (parents before children); per table the rows go in the order listed.
TABLES: list[tuple[Table, list[dict[str, Any]]]] = [
    (m.partij, PARTIJEN),
    (m.partij_identificator, PARTIJ_IDENTIFICATOREN),
    (m.categorie, CATEGORIEEN),
    (m.categorie_relatie, CATEGORIE_RELATIES),
    (m.rekeningnummer, REKENINGNUMMERS),
    (m.vertegenwoordigden, VERTEGENWOORDIGINGEN),
    (m.klantcontact, KLANTCONTACTEN),
    (m.betrokkene, BETROKKENEN),
    (m.digitaal_adres, DIGITALE_ADRESSEN),
    (m.onderwerpobject, ONDERWERPOBJECTEN),
    (m.bijlage, BIJLAGEN),
    (m.actor, ACTOREN),
    (m.actorklantcontact, ACTORKLANTCONTACTEN),
    (m.internetaak, INTERNETAKEN),
    (m.internetaak_actor, INTERNETAAK_ACTOREN),
    (m.persoon, PERSONEN),
    (m.organisatie, ORGANISATIES),
]

# The uuids of every collection, in insertion order.
KEYS: dict[str, list[uuid.UUID]] = {
    "partijen": [r["uuid"] for r in PARTIJEN],
    "partij-identificatoren": [r["uuid"] for r in PARTIJ_IDENTIFICATOREN],
    "digitaleadressen": [r["uuid"] for r in DIGITALE_ADRESSEN],
    "rekeningnummers": [r["uuid"] for r in REKENINGNUMMERS],
    "vertegenwoordigingen": [r["uuid"] for r in VERTEGENWOORDIGINGEN],
    "categorieen": [r["uuid"] for r in CATEGORIEEN],
    "categorie-relaties": [r["uuid"] for r in CATEGORIE_RELATIES],
    "klantcontacten": [r["uuid"] for r in KLANTCONTACTEN],
    "betrokkenen": [r["uuid"] for r in BETROKKENEN],
    "onderwerpobjecten": [r["uuid"] for r in ONDERWERPOBJECTEN],
    "bijlagen": [r["uuid"] for r in BIJLAGEN],
    "actoren": [r["uuid"] for r in ACTOREN],
    "actorklantcontacten": [r["uuid"] for r in ACTORKLANTCONTACTEN],
    "internetaken": [r["uuid"] for r in INTERNETAKEN],
    "persoon": [r["uuid"] for r in PERSONEN],
    "organisatie": [r["uuid"] for r in ORGANISATIES],
}


async def seed(db: Database) -> None:
    """Insert the whole dataset (into tables the ``token`` fixture has just emptied)."""
    async with db.session(write=True) as session:
        for table, rows in TABLES:
            for row in rows:  # one by one, so that ids follow the listed order on any backend
                await session.execute(insert(table).values(**row))
        await session.commit()
