"""Response models of the klantcontacten group: klantcontacten, betrokkenen, onderwerpobjecten,
bijlagen, and the result of ``POST /maak-klantcontact``."""

from __future__ import annotations

from typing import Annotated, Literal

from klantinteracties.core.sources import Col, FullName, Group, Nested, Ref, Refs

from .actoren import Actor
from .common import (
    Adres,
    Contactnaam,
    ObjectIdentificator,
    Tijdstip,
    Url,
    UrlOrBlank,
    Uuid,
    Verwijzing,
    Weergave,
    veld,
)


class Klantcontact(Weergave):
    """Eén contact tussen de gemeente en een of meer betrokkenen, via één kanaal."""

    REQUIRED = (
        "uuid",
        "url",
        "ging_over_onderwerpobjecten",
        "had_betrokken_actoren",
        "omvatte_bijlagen",
        "had_betrokkenen",
        "leidde_tot_interne_taken",
        "kanaal",
        "onderwerp",
        "taal",
        "vertrouwelijk",
    )
    uuid: Uuid = veld("Unieke identificatie van het klantcontact.")
    url: Url = veld("Volledige URL van het klantcontact.")
    ging_over_onderwerpobjecten: Annotated[
        list[Verwijzing], Refs("onderwerpobjecten", "onderwerpobject", "klantcontact_uuid")
    ] = veld("Waar het contact over ging.")
    had_betrokken_actoren: Annotated[
        list[Actor],
        Nested(
            "actoren", "actor", through=("actorklantcontact", "klantcontact_uuid", "actor_uuid")
        ),
    ] = veld("De actoren die aan het contact deelnamen, volledig.")
    omvatte_bijlagen: Annotated[
        list[Verwijzing], Refs("bijlagen", "bijlage", "was_bijlage_van_klantcontact_uuid")
    ] = veld("Bijlagen bij het contact.")
    had_betrokkenen: Annotated[
        list[Verwijzing], Refs("betrokkenen", "betrokkene", "had_klantcontact_uuid")
    ] = veld("De betrokkenen bij het contact.")
    leidde_tot_interne_taken: Annotated[
        list[Verwijzing], Refs("internetaken", "internetaak", "aanleidinggevend_klantcontact_uuid")
    ] = veld("Taken die uit het contact volgden.")
    nummer: str | None = veld("Nummer (alleen cijfers) (verouderd).", deprecated=True)
    referentienummer: str | None = veld("Referentienummer (alleen cijfers).")
    kanaal: str = veld("Kanaal van het contact, bv. `telefoon`.")
    onderwerp: str = veld("Onderwerp van het contact.")
    inhoud: str = veld("Wat er besproken werd.")
    reactie: str = veld("Antwoord of reactie van de gemeente.")
    indicatie_contact_gelukt: bool | None = veld("Of het contact tot stand kwam.")
    hoofd_onderwerp_type: UrlOrBlank = veld("URL van het soort hoofdonderwerp, bv. een zaaktype.")
    verdere_actie_ondernomen: bool = veld("Of er na het contact nog iets gedaan is.")
    taal: str = veld("Taal van het contact (ISO 639-2/B), bv. `nld`.")
    vertrouwelijk: bool = veld("Of het contact vertrouwelijk is.")
    plaatsgevonden_op: Tijdstip = veld("Moment waarop het contact plaatsvond.")
    metadata: Annotated[dict[str, str], Col("metadata_json")] = veld(
        "Vrije gegevens van de vastleggende applicatie."
    )


class Betrokkene(Weergave):
    """Iemand die aan een klantcontact deelnam, eventueel als een bekende partij."""

    REQUIRED = (
        "uuid",
        "url",
        "had_klantcontact",
        "digitale_adressen",
        "volledige_naam",
        "rol",
        "initiator",
    )
    uuid: Uuid = veld("Unieke identificatie van de betrokkene.")
    url: Url = veld("Volledige URL van de betrokkene.")
    was_partij: Annotated[Verwijzing | None, Ref("partijen", "was_partij_uuid")] = veld(
        "De partij die de betrokkene was, als die bekend is."
    )
    had_klantcontact: Annotated[Verwijzing, Ref("klantcontacten", "had_klantcontact_uuid")] = veld(
        "Het klantcontact."
    )
    digitale_adressen: Annotated[
        list[Verwijzing],
        Refs("digitaleadressen", "digitaal_adres", "verstrekt_door_betrokkene_uuid"),
    ] = veld("Adressen die de betrokkene bij het contact gaf.")
    bezoekadres: Annotated[Adres | None, Group("bezoekadres")] = veld("Adres voor bezoek.")
    correspondentieadres: Annotated[Adres | None, Group("correspondentieadres")] = veld(
        "Adres voor post."
    )
    contactnaam: Annotated[Contactnaam | None, Group("contactnaam")] = veld(
        "Naam waarmee de betrokkene aangesproken wil worden."
    )
    volledige_naam: Annotated[str, FullName("contactnaam")] = veld(
        "Voornaam, voorvoegsel en achternaam achter elkaar."
    )
    rol: Literal["vertegenwoordiger", "klant"] = veld("Rol bij het contact.")
    organisatienaam: str = veld("Naam van de organisatie waarvoor de betrokkene optrad.")
    initiator: bool = veld("Of de betrokkene het contact begon.")


class Onderwerpobject(Weergave):
    """Iets waar een klantcontact over ging: een object in een ander register of een ander
    klantcontact."""

    uuid: Uuid = veld("Unieke identificatie van het onderwerpobject.")
    url: Url = veld("Volledige URL van het onderwerpobject.")
    klantcontact: Annotated[Verwijzing | None, Ref("klantcontacten", "klantcontact_uuid")] = veld(
        "Het klantcontact dat over dit object ging."
    )
    was_klantcontact: Annotated[
        Verwijzing | None, Ref("klantcontacten", "was_klantcontact_uuid")
    ] = veld("Het klantcontact dat zelf het onderwerp is.")
    onderwerpobjectidentificator: Annotated[
        ObjectIdentificator | None, Group("onderwerpobjectidentificator")
    ] = veld("Het object, bv. een zaak.")


class Bijlage(Weergave):
    """Een document of ander object dat bij een klantcontact hoort."""

    uuid: Uuid = veld("Unieke identificatie van de bijlage.")
    url: Url = veld("Volledige URL van de bijlage.")
    was_bijlage_van_klantcontact: Annotated[
        Verwijzing | None, Ref("klantcontacten", "was_bijlage_van_klantcontact_uuid")
    ] = veld("Het klantcontact.")
    bijlageidentificator: Annotated[ObjectIdentificator | None, Group("bijlageidentificator")] = (
        veld("Het object, bv. een document.")
    )


class MaakKlantcontactResultaat(Weergave):
    """Wat `POST /maak-klantcontact` aanmaakte, elk in de weergave van de eigen resource."""

    REQUIRED = ("klantcontact",)
    klantcontact: Klantcontact = veld("Het klantcontact.")
    betrokkene: Betrokkene | None = veld("De betrokkene, of null.")
    onderwerpobject: Onderwerpobject | None = veld("Het onderwerpobject, of null.")
