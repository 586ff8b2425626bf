"""Response models of the partijen group: partijen (one shape per soort), identificatoren,
digitale adressen, rekeningnummers, vertegenwoordigingen, categorieën and categorie-relaties."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import Field, RootModel

from klantinteracties.core.sources import (
    Col,
    FullName,
    Group,
    Nested,
    One,
    Preferred,
    Ref,
    Refs,
    Switch,
)

from .common import (
    Adres,
    CategorieRelatieVerwijzing,
    CategorieVerwijzing,
    Contactnaam,
    Datum,
    Url,
    Uuid,
    Verwijzing,
    Weergave,
    veld,
)

SoortPartij = Literal["persoon", "organisatie", "contactpersoon"]
CodeObjecttype = Literal["natuurlijk_persoon", "niet_natuurlijk_persoon", "vestiging"]
CodeSoortObjectId = Literal["bsn", "vestigingsnummer", "kvk_nummer", "rsin"]
CodeRegister = Literal["brp", "hr"]


class PartijIdentificatorGroep(Weergave):
    """Het nummer van een partij in een basisregistratie, met de codes die zeggen welk nummer."""

    REQUIRED = ("code_objecttype", "code_soort_object_id", "object_id", "code_register")
    code_objecttype: CodeObjecttype = veld("Soort object dat het nummer aanduidt.")
    code_soort_object_id: CodeSoortObjectId = veld("Soort nummer.")
    object_id: str = veld("Het nummer zelf.")
    code_register: CodeRegister = veld("Basisregistratie waarin het nummer staat.")


class PartijIdentificator(Weergave):
    """Een nummer waaronder een partij in een basisregistratie bekend is."""

    REQUIRED = ("url", "partij_identificator")
    uuid: Uuid = veld("Unieke identificatie van de identificator.")
    url: Url = veld("Volledige URL van de identificator.")
    identificeerde_partij: Annotated[
        Verwijzing | None, Ref("partijen", "identificeerde_partij_uuid")
    ] = veld("De partij die dit nummer heeft.")
    andere_partij_identificator: str = veld(
        "Vrije omschrijving van een ander soort nummer (verouderd).", deprecated=True
    )
    partij_identificator: Annotated[PartijIdentificatorGroep, Group("")] = veld(
        "Het nummer en zijn codes."
    )
    sub_identificator_van: Annotated[
        Verwijzing | None, Ref("partij-identificatoren", "sub_identificator_van_uuid")
    ] = veld("De identificator waaronder deze valt, bv. het KvK-nummer van een vestiging.")


class PersoonIdentificatie(Weergave):
    """Gegevens van een partij van de soort `persoon`."""

    REQUIRED = ("volledige_naam",)
    contactnaam: Annotated[Contactnaam | None, Group("contactnaam")] = veld(
        "Naam waarmee de persoon aangesproken wil worden."
    )
    volledige_naam: Annotated[str, FullName("contactnaam")] = veld(
        "Voornaam, voorvoegsel en achternaam achter elkaar."
    )


class OrganisatieIdentificatie(Weergave):
    """Gegevens van een partij van de soort `organisatie`."""

    REQUIRED = ()
    naam: Annotated[str, Col("organisatie_naam")] = veld("Naam van de organisatie.")


class ContactpersoonIdentificatie(Weergave):
    """Gegevens van een partij van de soort `contactpersoon`."""

    REQUIRED = ("volledige_naam",)
    uuid: Annotated[Uuid, Col("contactpersoon_uuid")] = veld(
        "Door de server toegekende identificatie van de contactpersoon."
    )
    werkte_voor_partij: Annotated[Verwijzing | None, Ref("partijen", "werkte_voor_partij_uuid")] = (
        veld("De organisatie waarvoor de contactpersoon werkte.")
    )
    contactnaam: Annotated[Contactnaam | None, Group("contactnaam")] = veld(
        "Naam waarmee de contactpersoon aangesproken wil worden."
    )
    volledige_naam: Annotated[str, FullName("contactnaam")] = veld(
        "Voornaam, voorvoegsel en achternaam achter elkaar."
    )


class PartijBasis(Weergave):
    """De velden die elke soort partij heeft."""

    REQUIRED = (
        "uuid",
        "url",
        "betrokkenen",
        "categorie_relaties",
        "vertegenwoordigden",
        "soort_partij",
        "indicatie_actief",
    )
    uuid: Uuid = veld("Unieke identificatie van de partij.")
    url: Url = veld("Volledige URL van de partij.")
    nummer: str | None = veld("Nummer (alleen cijfers) van de partij (verouderd).", deprecated=True)
    interne_notitie: str = veld("Aantekeningen voor intern gebruik.")
    betrokkenen: Annotated[
        list[Verwijzing], Refs("betrokkenen", "betrokkene", "was_partij_uuid")
    ] = veld("Betrokkenen bij klantcontacten die deze partij waren.")
    categorie_relaties: Annotated[
        list[CategorieRelatieVerwijzing],
        Nested("categorie-relaties", "categorie_relatie", "partij_uuid"),
    ] = veld("Categorieën van de partij.")
    digitale_adressen: Annotated[
        list[Verwijzing] | None,
        Refs("digitaleadressen", "digitaal_adres", "verstrekt_door_partij_uuid"),
    ] = veld("Digitale adressen van de partij.")
    voorkeurs_digitaal_adres: Annotated[
        Verwijzing | None,
        Preferred("digitaleadressen", "digitaal_adres", "verstrekt_door_partij_uuid"),
    ] = veld("Het digitale adres met de voorkeur.")
    vertegenwoordigden: Annotated[
        list[Verwijzing],
        Refs(
            "partijen",
            "vertegenwoordigden",
            "vertegenwoordigende_partij_uuid",
            key="vertegenwoordigde_partij_uuid",
        ),
    ] = veld("Partijen die deze partij vertegenwoordigt.")
    rekeningnummers: Annotated[
        list[Verwijzing] | None, Refs("rekeningnummers", "rekeningnummer", "partij_uuid")
    ] = veld("Rekeningnummers van de partij.")
    voorkeurs_rekeningnummer: Annotated[
        Verwijzing | None, Preferred("rekeningnummers", "rekeningnummer", "partij_uuid")
    ] = veld("Het rekeningnummer met de voorkeur.")
    partij_identificatoren: Annotated[
        list[PartijIdentificator] | None,
        Nested("partij-identificatoren", "partij_identificator", "identificeerde_partij_uuid"),
    ] = veld("Nummers van de partij in basisregistraties.")
    # Declared here, and narrowed per soort below, so that every soort has the wire order.
    soort_partij: SoortPartij = veld("Soort partij.")
    indicatie_geheimhouding: bool | None = veld("Of de gegevens geheim gehouden moeten worden.")
    voorkeurstaal: str = veld("Voorkeurstaal (ISO 639-2/B), bv. `nld`.")
    indicatie_actief: bool = veld("Of de gegevens van de partij nog gebruikt mogen worden.")
    bezoekadres: Annotated[Adres | None, Group("bezoekadres")] = veld("Adres voor bezoek.")
    correspondentieadres: Annotated[Adres | None, Group("correspondentieadres")] = veld(
        "Adres voor post."
    )
    partij_identificatie: Annotated[
        PersoonIdentificatie | OrganisatieIdentificatie | ContactpersoonIdentificatie | None,
        Switch(
            "soort_partij",
            "identificatie_soort",
            (
                ("persoon", PersoonIdentificatie),
                ("organisatie", OrganisatieIdentificatie),
                ("contactpersoon", ContactpersoonIdentificatie),
            ),
        ),
    ] = veld("Gegevens die bij de soort horen; null als ze nooit zijn opgegeven.")


_IDENTIFICATIE = "Gegevens die bij de soort horen; null als ze nooit zijn opgegeven."


class PersoonPartij(PartijBasis):
    """Een partij van de soort `persoon`."""

    soort_partij: Literal["persoon"] = veld("Soort partij.")
    partij_identificatie: PersoonIdentificatie | None = veld(_IDENTIFICATIE)


class OrganisatiePartij(PartijBasis):
    """Een partij van de soort `organisatie`."""

    soort_partij: Literal["organisatie"] = veld("Soort partij.")
    partij_identificatie: OrganisatieIdentificatie | None = veld(_IDENTIFICATIE)


class ContactpersoonPartij(PartijBasis):
    """Een partij van de soort `contactpersoon`: iemand die namens een organisatie optreedt."""

    soort_partij: Literal["contactpersoon"] = veld("Soort partij.")
    partij_identificatie: ContactpersoonIdentificatie | None = veld(_IDENTIFICATIE)


class Partij(
    RootModel[
        Annotated[
            PersoonPartij | OrganisatiePartij | ContactpersoonPartij,
            Field(discriminator="soort_partij"),
        ]
    ]
):
    """Een persoon, organisatie of contactpersoon met wie de gemeente contact heeft; de vorm van
    `partijIdentificatie` hangt af van `soortPartij`."""

    SHAPE: ClassVar[type[Weergave]] = PartijBasis


class DigitaalAdres(Weergave):
    """Een e-mailadres, telefoonnummer of ander digitaal adres."""

    REQUIRED = ("uuid", "url", "adres", "soort_digitaal_adres")
    uuid: Uuid = veld("Unieke identificatie van het digitale adres.")
    url: Url = veld("Volledige URL van het digitale adres.")
    verstrekt_door_betrokkene: Annotated[
        Verwijzing | None, Ref("betrokkenen", "verstrekt_door_betrokkene_uuid")
    ] = veld("De betrokkene die het adres bij een klantcontact opgaf.")
    verstrekt_door_partij: Annotated[
        Verwijzing | None, Ref("partijen", "verstrekt_door_partij_uuid")
    ] = veld("De partij die het adres opgaf.")
    adres: str = veld("Het adres zelf.")
    soort_digitaal_adres: Literal["email", "telefoonnummer", "overig"] = veld("Soort adres.")
    is_standaard_adres: bool = veld("Of dit het standaardadres van deze soort voor de partij is.")
    omschrijving: str = veld("Omschrijving van het adres.")
    referentie: str = veld("Machineleesbaar label.")
    verificatie_datum: Datum | None = veld("Datum waarop het adres is gecontroleerd.")


class Rekeningnummer(Weergave):
    """Een bankrekening van een partij."""

    REQUIRED = ("uuid", "url", "iban")
    uuid: Uuid = veld("Unieke identificatie van het rekeningnummer.")
    url: Url = veld("Volledige URL van het rekeningnummer.")
    partij: Annotated[Verwijzing | None, Ref("partijen", "partij_uuid")] = veld(
        "De partij van wie de rekening is."
    )
    iban: str = veld("Internationaal rekeningnummer (IBAN).")
    bic: str = veld("Code van de bank (BIC).")


class Vertegenwoordigden(Weergave):
    """Een partij die namens een andere partij optreedt."""

    REQUIRED = ("uuid", "url", "vertegenwoordigende_partij", "vertegenwoordigde_partij")
    uuid: Uuid = veld("Unieke identificatie van de vertegenwoordiging.")
    url: Url = veld("Volledige URL van de vertegenwoordiging.")
    vertegenwoordigende_partij: Annotated[
        Verwijzing, Ref("partijen", "vertegenwoordigende_partij_uuid")
    ] = veld("De partij die vertegenwoordigt.")
    vertegenwoordigde_partij: Annotated[
        Verwijzing, Ref("partijen", "vertegenwoordigde_partij_uuid")
    ] = veld("De partij die vertegenwoordigd wordt.")


class Categorie(Weergave):
    """Een categorie waarin partijen ingedeeld kunnen worden (experimenteel)."""

    uuid: Uuid = veld("Unieke identificatie van de categorie.")
    url: Url = veld("Volledige URL van de categorie.")
    naam: str = veld("Naam van de categorie.")


class CategorieRelatie(Weergave):
    """De indeling van een partij in een categorie, met looptijd (experimenteel)."""

    uuid: Uuid = veld("Unieke identificatie van de categorie-relatie.")
    url: Url = veld("Volledige URL van de categorie-relatie.")
    partij: Annotated[Verwijzing | None, Ref("partijen", "partij_uuid")] = veld(
        "De ingedeelde partij."
    )
    categorie: Annotated[
        CategorieVerwijzing | None, One("categorieen", "categorie", "categorie_uuid")
    ] = veld("De categorie.")
    begin_datum: Datum | None = veld("Datum waarop de indeling ingaat.")
    eind_datum: Datum | None = veld("Datum waarop de indeling eindigt.")
