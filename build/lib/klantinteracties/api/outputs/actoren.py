"""Response models of the actoren group: actoren (one shape per soort), actorklantcontacten and
interne taken."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import Field, RootModel

from klantinteracties.core.sources import FirstRef, Group, Ref, Refs, Switch

from .common import ObjectIdentificator, Tijdstip, Url, Uuid, Verwijzing, Weergave, veld

SoortActor = Literal["medewerker", "geautomatiseerde_actor", "organisatorische_eenheid"]


class MedewerkerIdentificatie(Weergave):
    """Gegevens van een actor van de soort `medewerker`."""

    REQUIRED = ("functie", "telefoonnummer")
    functie: str = veld("Functie van de medewerker.")
    # No "format: email": "" when none was given, which is no e-mail address (C5).
    emailadres: str = veld("E-mailadres van de medewerker, of leeg.")
    telefoonnummer: str = veld("Telefoonnummer van de medewerker.")


class GeautomatiseerdeActorIdentificatie(Weergave):
    """Gegevens van een actor van de soort `geautomatiseerde_actor`."""

    REQUIRED = ("functie",)
    functie: str = veld("Wat het systeem doet.")
    omschrijving: str = veld("Omschrijving van het systeem.")


class OrganisatorischeEenheidIdentificatie(Weergave):
    """Gegevens van een actor van de soort `organisatorische_eenheid`."""

    REQUIRED = ()
    omschrijving: str = veld("Omschrijving van de afdeling of het team.")
    emailadres: str = veld("E-mailadres, of leeg.")
    faxnummer: str = veld("Faxnummer.")
    telefoonnummer: str = veld("Telefoonnummer.")


class ActorBasis(Weergave):
    """De velden die elke soort actor heeft."""

    REQUIRED = ("uuid", "url", "naam", "soort_actor")
    uuid: Uuid = veld("Unieke identificatie van de actor.")
    url: Url = veld("Volledige URL van de actor.")
    naam: str = veld("Naam van de actor.")
    # Declared here, and narrowed per soort below, so that every soort has the wire order.
    soort_actor: SoortActor = veld("Soort actor.")
    indicatie_actief: bool = veld("Of de actor nog actief is.")
    actoridentificator: Annotated[ObjectIdentificator | None, Group("actoridentificator")] = veld(
        "De actor in een ander register, bv. een personeelsnummer."
    )
    actor_identificatie: Annotated[
        MedewerkerIdentificatie
        | GeautomatiseerdeActorIdentificatie
        | OrganisatorischeEenheidIdentificatie
        | None,
        Switch(
            "soort_actor",
            "identificatie_soort",
            (
                ("medewerker", MedewerkerIdentificatie),
                ("geautomatiseerde_actor", GeautomatiseerdeActorIdentificatie),
                ("organisatorische_eenheid", OrganisatorischeEenheidIdentificatie),
            ),
        ),
    ] = veld("Gegevens die bij de soort horen; null als ze nooit zijn opgegeven.")


_IDENTIFICATIE = "Gegevens die bij de soort horen; null als ze nooit zijn opgegeven."


class Medewerker(ActorBasis):
    """Een medewerker die klantcontacten heeft of taken krijgt."""

    soort_actor: Literal["medewerker"] = veld("Soort actor.")
    actor_identificatie: MedewerkerIdentificatie | None = veld(_IDENTIFICATIE)


class GeautomatiseerdeActor(ActorBasis):
    """Een systeem dat klantcontacten afhandelt, bv. een chatbot."""

    soort_actor: Literal["geautomatiseerde_actor"] = veld("Soort actor.")
    actor_identificatie: GeautomatiseerdeActorIdentificatie | None = veld(_IDENTIFICATIE)


class OrganisatorischeEenheid(ActorBasis):
    """Een afdeling of team."""

    soort_actor: Literal["organisatorische_eenheid"] = veld("Soort actor.")
    actor_identificatie: OrganisatorischeEenheidIdentificatie | None = veld(_IDENTIFICATIE)


class Actor(
    RootModel[
        Annotated[
            Medewerker | GeautomatiseerdeActor | OrganisatorischeEenheid,
            Field(discriminator="soort_actor"),
        ]
    ]
):
    """Iemand of iets die namens de gemeente klantcontacten heeft of taken uitvoert; de vorm van
    `actorIdentificatie` hangt af van `soortActor`."""

    SHAPE: ClassVar[type[Weergave]] = ActorBasis


class ActorKlantcontact(Weergave):
    """Een actor die bij een klantcontact betrokken was."""

    REQUIRED = ("uuid", "url", "actor", "klantcontact")
    uuid: Uuid = veld("Unieke identificatie van de koppeling.")
    url: Url = veld("Volledige URL van de koppeling.")
    actor: Annotated[Verwijzing, Ref("actoren", "actor_uuid")] = veld("De actor.")
    klantcontact: Annotated[Verwijzing, Ref("klantcontacten", "klantcontact_uuid")] = veld(
        "Het klantcontact."
    )


class GeenActor(Weergave):
    """De eerste actor van een taak zonder actoren: een verwijzing met lege uuid en zonder URL."""

    REQUIRED = ("uuid",)
    uuid: Uuid | None = veld("Leeg: de taak is aan niemand toegewezen.")


# The assigned actoren of a task, in the order they were assigned.
_TOEGEWEZEN = Refs("actoren", "internetaak_actor", "internetaak_uuid", "actor_uuid", "volgorde")


class InterneTaak(Weergave):
    """Een taak voor een medewerker of afdeling naar aanleiding van een klantcontact."""

    REQUIRED = (
        "uuid",
        "url",
        "gevraagde_handeling",
        "aanleidinggevend_klantcontact",
        "status",
        "toegewezen_op",
    )
    uuid: Uuid = veld("Unieke identificatie van de taak.")
    url: Url = veld("Volledige URL van de taak.")
    nummer: str | None = veld("Nummer (alleen cijfers) van de taak (verouderd).", deprecated=True)
    referentienummer: str | None = veld("Referentienummer (alleen cijfers) van de taak.")
    gevraagde_handeling: str = veld("Wat er gedaan moet worden.")
    aanleidinggevend_klantcontact: Annotated[
        Verwijzing, Ref("klantcontacten", "aanleidinggevend_klantcontact_uuid")
    ] = veld("Het klantcontact dat tot de taak leidde.")
    toegewezen_aan_actor: Annotated[
        Verwijzing | GeenActor, FirstRef(_TOEGEWEZEN, (("uuid", None),))
    ] = veld(
        'De eerste actor aan wie de taak is toegewezen; zonder actoren `{"uuid": null}` '
        "(verouderd).",
        deprecated=True,
    )
    toegewezen_aan_actoren: Annotated[list[Verwijzing], _TOEGEWEZEN] = veld(
        "De actoren aan wie de taak is toegewezen, in volgorde van toewijzing."
    )
    toelichting: str = veld("Toelichting bij de taak.")
    status: Literal["te_verwerken", "verwerkt"] = veld("Stand van de taak.")
    toegewezen_op: Tijdstip = veld("Moment waarop de taak werd aangemaakt en toegewezen.")
    afgehandeld_op: Tijdstip | None = veld(
        "Moment waarop de taak de status `verwerkt` kreeg (experimenteel)."
    )
