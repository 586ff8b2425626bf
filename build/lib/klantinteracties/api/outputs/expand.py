"""Response models with ``_expand``: what list and detail GETs of the four expandable resources
return. Only the keys that were asked for with ``expand`` are present in ``_expand`` (every one of
them, ``[]`` or null when empty); list items always carry ``_expand``, if only as ``{}``.

Nested paths (``betrokkenen.hadKlantcontact``) put an ``_expand`` inside the expanded items, so
each context has its own model that names exactly the keys that can occur there.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field, RootModel

from .actoren import InterneTaak
from .common import Weergave, veld
from .klantcontacten import Betrokkene, Bijlage, Klantcontact, Onderwerpobject
from .partijen import (
    CategorieRelatie,
    ContactpersoonPartij,
    DigitaalAdres,
    OrganisatiePartij,
    Partij,
    PersoonPartij,
)

_EXPAND = "De gevraagde gerelateerde resources, volledig (alleen de gevraagde sleutels)."


def uitbreiding(description: str = _EXPAND) -> Any:
    return Field(alias="_expand", description=description)


# ----- nested levels ------------------------------------------------------------------------
class KlantcontactUitbreidingVanBetrokkene(Weergave):
    """`_expand` van een klantcontact onder een betrokkene."""

    REQUIRED = ()
    leidde_tot_interne_taken: list[InterneTaak] = veld("Taken die uit het contact volgden.")


class KlantcontactVanBetrokkene(Klantcontact):
    """Een klantcontact, uitgebreid vanuit een betrokkene."""

    expand: KlantcontactUitbreidingVanBetrokkene = uitbreiding()


class BetrokkeneUitbreidingVanDigitaalAdres(Weergave):
    """`_expand` van een betrokkene onder een digitaal adres."""

    REQUIRED = ()
    had_klantcontact: KlantcontactVanBetrokkene = veld("Het klantcontact van de betrokkene.")


class BetrokkeneVanDigitaalAdres(Betrokkene):
    """Een betrokkene, uitgebreid vanuit een digitaal adres."""

    expand: BetrokkeneUitbreidingVanDigitaalAdres = uitbreiding()


class BetrokkeneUitbreidingVanPartij(Weergave):
    """`_expand` van een betrokkene onder een partij."""

    REQUIRED = ()
    had_klantcontact: Klantcontact = veld("Het klantcontact van de betrokkene.")


class BetrokkeneVanPartij(Betrokkene):
    """Een betrokkene, uitgebreid vanuit de partij die zij was."""

    expand: BetrokkeneUitbreidingVanPartij = uitbreiding()


class BetrokkeneUitbreidingVanKlantcontact(Weergave):
    """`_expand` van een betrokkene onder een klantcontact."""

    REQUIRED = ()
    was_partij: Partij | None = veld("De partij die de betrokkene was, of null.")
    digitale_adressen: list[DigitaalAdres] = veld("Adressen die de betrokkene opgaf.")


class BetrokkeneVanKlantcontact(Betrokkene):
    """Een betrokkene, uitgebreid vanuit haar klantcontact."""

    expand: BetrokkeneUitbreidingVanKlantcontact = uitbreiding()


# ----- the four expandable resources -----------------------------------------------------------
class PartijUitbreiding(Weergave):
    """`_expand` van een partij."""

    REQUIRED = ()
    digitale_adressen: list[DigitaalAdres] | None = veld("Digitale adressen van de partij.")
    betrokkenen: list[BetrokkeneVanPartij] = veld("Betrokkenen die deze partij waren.")
    categorie_relaties: list[CategorieRelatie] = veld("Categorieën van de partij.")


class ExpandPersoonPartij(PersoonPartij):
    """Een persoon met de gevraagde gerelateerde resources in `_expand`."""

    expand: PartijUitbreiding = uitbreiding()


class ExpandOrganisatiePartij(OrganisatiePartij):
    """Een organisatie met de gevraagde gerelateerde resources in `_expand`."""

    expand: PartijUitbreiding = uitbreiding()


class ExpandContactpersoonPartij(ContactpersoonPartij):
    """Een contactpersoon met de gevraagde gerelateerde resources in `_expand`."""

    expand: PartijUitbreiding = uitbreiding()


class ExpandPartij(
    RootModel[
        Annotated[
            ExpandPersoonPartij | ExpandOrganisatiePartij | ExpandContactpersoonPartij,
            Field(discriminator="soort_partij"),
        ]
    ]
):
    """Een partij met de gevraagde gerelateerde resources in `_expand`."""


class KlantcontactUitbreiding(Weergave):
    """`_expand` van een klantcontact."""

    REQUIRED = ()
    had_betrokkenen: list[BetrokkeneVanKlantcontact] = veld("De betrokkenen bij het contact.")
    leidde_tot_interne_taken: list[InterneTaak] = veld("Taken die uit het contact volgden.")
    ging_over_onderwerpobjecten: list[Onderwerpobject] = veld("Waar het contact over ging.")
    omvatte_bijlagen: list[Bijlage] = veld("Bijlagen bij het contact.")


class ExpandKlantcontact(Klantcontact):
    """Een klantcontact met de gevraagde gerelateerde resources in `_expand`."""

    expand: KlantcontactUitbreiding = uitbreiding()


class BetrokkeneUitbreiding(Weergave):
    """`_expand` van een betrokkene."""

    REQUIRED = ()
    digitale_adressen: list[DigitaalAdres] = veld("Adressen die de betrokkene opgaf.")


class ExpandBetrokkene(Betrokkene):
    """Een betrokkene met de gevraagde gerelateerde resources in `_expand`."""

    expand: BetrokkeneUitbreiding = uitbreiding()


class DigitaalAdresUitbreiding(Weergave):
    """`_expand` van een digitaal adres."""

    REQUIRED = ()
    verstrekt_door_betrokkene: BetrokkeneVanDigitaalAdres | None = veld(
        "De betrokkene die het adres opgaf, of null."
    )


class ExpandDigitaalAdres(DigitaalAdres):
    """Een digitaal adres met de gevraagde gerelateerde resources in `_expand`."""

    expand: DigitaalAdresUitbreiding = uitbreiding()
