"""The rows of the reference database the import tests start from: every table, relation
kind and voorkeur, and the odd cases an import must report."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

U = {
    name: uuid.uuid4()
    for name in (
        "cat",
        "p1",
        "p2",
        "p3",
        "p4",
        "p5",
        "cp3",
        "i1",
        "i2",
        "i3",
        "da1",
        "da2",
        "da3",
        "da4",
        "r1",
        "r2",
        "v1",
        "cr1",
        "k1",
        "k2",
        "k3",
        "b1",
        "b2",
        "o1",
        "bl1",
        "a1",
        "a2",
        "a3",
        "ak1",
        "t1",
        "gp1",
        "go1",
    )
}
WHEN = dt.datetime(2024, 3, 5, 9, 30, 15, 123456, tzinfo=dt.UTC)
ADRES = {
    "nummeraanduiding_id": "0363200000123456",
    "straatnaam": "Dam",
    "huisnummer": 1,
    "huisnummertoevoeging": "A",
    "postcode": "1012JS",
    "stad": "Amsterdam",
    "adresregel1": "Dam 1A",
    "adresregel2": "1012 JS Amsterdam",
    "adresregel3": "",
    "land": "NL",
}


def pid(objecttype: str, soort: str, object_id: str, register: str) -> dict[str, str]:
    """The partij_identificator_* columns of a partijidentificator row."""
    names = ("code_objecttype", "code_soort_object_id", "object_id", "code_register")
    values = (objecttype, soort, object_id, register)
    return {f"partij_identificator_{n}": v for n, v in zip(names, values, strict=True)}


def adres(prefix: str) -> dict[str, Any]:
    return {f"{prefix}_{k}": v for k, v in ADRES.items()}


async def seed_rows(ins: Any) -> None:
    await ins("klantinteracties_categorie", id=1, uuid=U["cat"], naam="Ondernemer")
    await _partijen(ins)
    await _klantcontacten(ins)
    await _actoren(ins)
    await ins(
        "contactgegevens_persoon",
        id=1,
        uuid=U["gp1"],
        geboortedatum=dt.date(1980, 2, 29),
        overlijdensdatum=None,
        geslachtsnaam="Jansen",
        geslacht="v",
        voorvoegsel="de",
        voornamen="Anna",
        **adres("adres"),
    )
    await ins(
        "contactgegevens_organisatie",
        id=1,
        uuid=U["go1"],
        handelsnaam="Bakkerij",
        oprichtingsdatum=dt.date(1999, 1, 1),
        opheffingsdatum=None,
        **adres("adres"),
    )


async def _partijen(ins: Any) -> None:
    p = "klantinteracties_partij"
    await ins(
        p,
        id=1,
        uuid=U["p1"],
        nummer="0000000001",
        soort_partij="persoon",
        interne_notitie="vaste klant",
        indicatie_geheimhouding=True,
        voorkeurstaal="nld",
        indicatie_actief=True,
        voorkeurs_digitaal_adres_id=1,
        voorkeurs_rekeningnummer_id=1,
        **adres("bezoekadres"),
        **adres("correspondentieadres"),
    )
    for number, soort, actief in ((2, "organisatie", True), (3, "contactpersoon", False)):
        await ins(p, id=number, uuid=U[f"p{number}"], nummer=f"{number:010d}", soort_partij=soort,
                  indicatie_actief=actief)  # fmt: skip
    await ins(
        p,
        id=4,
        uuid=U["p4"],
        nummer="0000000004",
        soort_partij="organisatie",
        indicatie_actief=True,
    )
    # Points at an address of p1 (the reference does not clear it when the address moves).
    await ins(
        p,
        id=5,
        uuid=U["p5"],
        nummer=None,
        soort_partij="persoon",
        indicatie_actief=True,
        voorkeurs_digitaal_adres_id=2,
    )
    naam = {
        "contactnaam_voorletters": "A.",
        "contactnaam_voornaam": "Anna",
        "contactnaam_voorvoegsel_achternaam": "de",
        "contactnaam_achternaam": "Vries",
    }
    await ins("klantinteracties_persoon", id=1, partij_id=1, **naam)
    await ins("klantinteracties_organisatie", id=1, partij_id=2, naam="Bakkerij de Vries")
    await ins("klantinteracties_organisatie", id=2, partij_id=4, naam="Later BV")
    # werkteVoorPartij is a partij further on in the table.
    await ins(
        "klantinteracties_contactpersoon",
        id=1,
        partij_id=3,
        uuid=U["cp3"],
        werkte_voor_partij_id=4,
        **naam,
    )
    # Left over from when p5 was an organisatie: not shown by the reference.
    await ins("klantinteracties_organisatie", id=3, partij_id=5, naam="Oud")
    pi = "klantinteracties_partijidentificator"
    # A BSN that fails the elfproef (an old version let it through): imported, reported.
    await ins(
        pi,
        id=1,
        uuid=U["i1"],
        partij_id=1,
        andere_partij_identificator="oud",
        **pid("natuurlijk_persoon", "bsn", "123456789", "brp"),
    )
    # The sub-identificator comes first in the table, its parent after it.
    await ins(
        pi,
        id=2,
        uuid=U["i3"],
        partij_id=2,
        sub_identificator_van_id=3,
        **pid("vestiging", "vestigingsnummer", "000012345678", "hr"),
    )
    await ins(
        pi,
        id=3,
        uuid=U["i2"],
        partij_id=2,
        **pid("niet_natuurlijk_persoon", "kvk_nummer", "12345678", "hr"),
    )
    da = "klantinteracties_digitaaladres"
    await ins(
        da,
        id=1,
        uuid=U["da1"],
        partij_id=1,
        adres="anna@example.nl",
        soort_digitaal_adres="email",
        is_standaard_adres=True,
        omschrijving="privé",
        referentie="portaal",
        verificatie_datum=dt.date(2024, 1, 2),
    )
    await ins(
        da,
        id=2,
        uuid=U["da2"],
        partij_id=1,
        adres="0612345678",
        soort_digitaal_adres="telefoonnummer",
    )
    await ins(
        da, id=3, uuid=U["da3"], betrokkene_id=1, adres="b@example.nl", soort_digitaal_adres="email"
    )
    # The same address twice for one partij: the reference allows it, our table does not.
    await ins(
        da, id=4, uuid=U["da4"], partij_id=1, adres="anna@example.nl", soort_digitaal_adres="email"
    )
    rn = "klantinteracties_rekeningnummer"
    await ins(rn, id=1, uuid=U["r1"], partij_id=1, iban="NL91ABNA0417164300", bic="ABNANL2A")
    await ins(rn, id=2, uuid=U["r2"], partij_id=1, iban="NL20INGB0001234567", bic="")
    await ins(
        "klantinteracties_vertegenwoordigden",
        id=1,
        uuid=U["v1"],
        vertegenwoordigende_partij_id=2,
        vertegenwoordigde_partij_id=1,
    )
    await ins(
        "klantinteracties_categorierelatie",
        id=1,
        uuid=U["cr1"],
        partij_id=1,
        categorie_id=1,
        begin_datum=dt.date(2020, 1, 1),
        eind_datum=None,
    )


async def _klantcontacten(ins: Any) -> None:
    kc = "klantinteracties_klantcontact"
    await ins(
        kc,
        id=1,
        uuid=U["k1"],
        nummer="0000000001",
        referentienummer="REF1",
        kanaal="telefoon",
        onderwerp="Afval",
        inhoud="Container vol",
        reactie="Geleegd",
        indicatie_contact_gelukt=True,
        taal="nld",
        vertrouwelijk=True,
        plaatsgevonden_op=WHEN,
        metadata=json.dumps({"bron": "kcc", "n": [1, 2]}),
        hoofd_onderwerp_type="afval",
        verdere_actie_ondernomen=False,
    )
    # Over-long inhoud (the reference stores text): cannot be stored as the contract allows.
    await ins(
        kc,
        id=2,
        uuid=U["k2"],
        nummer="0000000002",
        kanaal="email",
        onderwerp="Lang",
        inhoud="x" * 1200,
        taal="nld",
        vertrouwelijk=False,
        plaatsgevonden_op=WHEN,
        indicatie_contact_gelukt=None,
        verdere_actie_ondernomen=True,
    )
    await ins(
        kc,
        id=3,
        uuid=U["k3"],
        nummer="0000000003",
        kanaal="balie",
        onderwerp="Eerder",
        taal="eng",
        vertrouwelijk=False,
        plaatsgevonden_op=WHEN - dt.timedelta(days=3),
    )
    b = "klantinteracties_betrokkene"
    await ins(
        b,
        id=1,
        uuid=U["b1"],
        klantcontact_id=1,
        partij_id=1,
        rol="klant",
        organisatienaam="",
        initiator=True,
        contactnaam_voornaam="Anna",
        contactnaam_achternaam="Vries",
        **adres("bezoekadres"),
        **adres("correspondentieadres"),
    )
    # Its klantcontact (k2) is refused, so it has nothing to belong to here.
    await ins(
        b,
        id=2,
        uuid=U["b2"],
        klantcontact_id=2,
        partij_id=None,
        rol="vertegenwoordiger",
        initiator=False,
    )
    await ins(
        "klantinteracties_onderwerpobject",
        id=1,
        uuid=U["o1"],
        klantcontact_id=1,
        was_klantcontact_id=3,
        onderwerpobjectidentificator_object_id="Z-1",
        onderwerpobjectidentificator_code_objecttype="zaak",
        onderwerpobjectidentificator_code_register="openzaak",
        onderwerpobjectidentificator_code_soort_object_id="identificatie",
    )
    await ins(
        "klantinteracties_bijlage",
        id=1,
        uuid=U["bl1"],
        klantcontact_id=1,
        bijlageidentificator_object_id="D-1",
        bijlageidentificator_code_objecttype="document",
        bijlageidentificator_code_register="drc",
        bijlageidentificator_code_soort_object_id="uuid",
    )


async def _actoren(ins: Any) -> None:
    a = "klantinteracties_actor"
    await ins(
        a,
        id=1,
        uuid=U["a1"],
        naam="Piet",
        soort_actor="medewerker",
        indicatie_actief=True,
        actoridentificator_object_id="m-1",
        actoridentificator_code_objecttype="mdw",
        actoridentificator_code_register="ad",
        actoridentificator_code_soort_object_id="id",
    )
    for number, naam, soort, actief in (
        (2, "Bot", "geautomatiseerde_actor", True),
        (3, "KCC", "organisatorische_eenheid", False),
    ):
        await ins(a, id=number, uuid=U[f"a{number}"], naam=naam, soort_actor=soort,
                  indicatie_actief=actief)  # fmt: skip
    await ins(
        "klantinteracties_medewerker",
        id=1,
        actor_id=1,
        functie="KCC-medewerker",
        emailadres="piet@example.nl",
        telefoonnummer="0201234567",
    )
    await ins(
        "klantinteracties_geautomatiseerdeactor",
        id=1,
        actor_id=2,
        functie="chatbot",
        omschrijving="Beantwoordt vragen",
    )
    await ins(
        "klantinteracties_organisatorischeeenheid",
        id=1,
        actor_id=3,
        omschrijving="KCC",
        emailadres="kcc@example.nl",
        faxnummer="0201111111",
        telefoonnummer="0202222222",
    )
    await ins(
        "klantinteracties_actorklantcontact", id=1, uuid=U["ak1"], actor_id=1, klantcontact_id=1
    )
    await ins(
        "klantinteracties_internetaak",
        id=1,
        uuid=U["t1"],
        nummer="0000000001",
        referentienummer="T-1",
        gevraagde_handeling="Terugbellen",
        toelichting="Graag snel",
        status="verwerkt",
        toegewezen_op=WHEN,
        afgehandeld_op=WHEN + dt.timedelta(hours=2),
        klantcontact_id=1,
    )
    # Assigned to the bot first, then to Piet.
    await ins("klantinteracties_internetakenactorenthoughmodel", id=1, internetaak_id=1, actor_id=2)
    await ins("klantinteracties_internetakenactorenthoughmodel", id=2, internetaak_id=1, actor_id=1)
