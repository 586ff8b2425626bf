"""Request bodies of ``/klanten``, as the Klanten API 1.0.0 (Open Klant 1.0 dialect) has them.

The models double as the canonical representation: ``model_dump(by_alias=True)`` of a parsed
body, every key present with its default, is what v1 reads back (mapping.py).
``subjectIdentificatie`` depends on ``subjectType`` and is parsed once that is known.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from klantinteracties.api.partij_identificatoren.rules import elfproef
from klantinteracties.core.email import EMAIL_REASON, is_email
from klantinteracties.core.validation import InputModel, validate

SubjectType = Literal["natuurlijk_persoon", "niet_natuurlijk_persoon", "vestiging"]
SUBJECT_TYPES = ("natuurlijk_persoon", "niet_natuurlijk_persoon", "vestiging")
IDENTIFICATIE = "subjectIdentificatie"
_URL = re.compile(r"^https?://[^\s/?#]+[^\s]*$", re.IGNORECASE)


def _rsin(value: str) -> str:
    if not (len(value) == 9 and value.isdigit() and elfproef(value)):
        raise PydanticCustomError("invalid", "Dit is geen geldig RSIN (9 cijfers, elfproef).")
    return value


def _url_or_blank(value: str) -> str:
    if value and not _URL.match(value):
        raise PydanticCustomError("invalid", "Voer een geldige URL in.")
    return value


def _email_or_blank(value: str) -> str:
    if value and not is_email(value):
        raise PydanticCustomError("invalid", EMAIL_REASON)
    return value


Url = Annotated[str, AfterValidator(_url_or_blank)]


class KlantAdres(InputModel):
    straatnaam: str = Field(default="", max_length=100)
    huisnummer: int | None = Field(default=None, ge=0, le=99999)
    huisletter: str = Field(default="", max_length=1)
    huisnummertoevoeging: str = Field(default="", max_length=4)
    postcode: str = Field(default="", max_length=7)
    woonplaatsnaam: str = Field(default="", max_length=80)
    landcode: str = Field(default="", max_length=4)


class VerblijfsAdres(InputModel):
    aoa_identificatie: str = Field(min_length=1, max_length=100)
    wpl_woonplaats_naam: str = Field(default="", max_length=80)
    gor_openbare_ruimte_naam: str = Field(min_length=1, max_length=80)
    aoa_postcode: str = Field(default="", max_length=7)
    aoa_huisnummer: int | None = Field(default=None, ge=0, le=99999)
    aoa_huisletter: str = Field(default="", max_length=1)
    aoa_huisnummertoevoeging: str = Field(default="", max_length=4)
    inp_locatiebeschrijving: str = Field(default="", max_length=1000)


class SubVerblijfBuitenland(InputModel):
    lnd_landcode: str = Field(min_length=1, max_length=4)
    lnd_landnaam: str = Field(min_length=1, max_length=40)
    sub_adres_buitenland_1: str = Field(default="", max_length=35, alias="subAdresBuitenland1")
    sub_adres_buitenland_2: str = Field(default="", max_length=35, alias="subAdresBuitenland2")
    sub_adres_buitenland_3: str = Field(default="", max_length=35, alias="subAdresBuitenland3")


class NatuurlijkPersoon(InputModel):
    inp_bsn: str = Field(default="", max_length=9, pattern=r"^[0-9]*$")
    anp_identificatie: str = Field(default="", max_length=17)
    inp_a_nummer: str = Field(default="", max_length=10, pattern=r"^([1-9][0-9]{9})?$")
    geslachtsnaam: str = Field(default="", max_length=200)
    voorvoegsel_geslachtsnaam: str = Field(default="", max_length=80)
    voorletters: str = Field(default="", max_length=20)
    voornamen: str = Field(default="", max_length=200)
    geslachtsaanduiding: Literal["m", "v", "o", ""] = ""
    geboortedatum: str = Field(default="", max_length=18)
    verblijfsadres: VerblijfsAdres | None = None
    sub_verblijf_buitenland: SubVerblijfBuitenland | None = None


RECHTSVORMEN = (
    "besloten_vennootschap",
    "cooperatie_europees_economische_samenwerking",
    "europese_cooperatieve_venootschap",
    "europese_naamloze_vennootschap",
    "kerkelijke_organisatie",
    "naamloze_vennootschap",
    "onderlinge_waarborg_maatschappij",
    "overig_privaatrechtelijke_rechtspersoon",
    "stichting",
    "vereniging",
    "vereniging_van_eigenaars",
    "publiekrechtelijke_rechtspersoon",
    "vennootschap_onder_firma",
    "maatschap",
    "rederij",
    "commanditaire_vennootschap",
    "kapitaalvennootschap_binnen_eer",
    "overige_buitenlandse_rechtspersoon_vennootschap",
    "kapitaalvennootschap_buiten_eer",
)


def _rechtsvorm(value: str) -> str:
    if value and value not in RECHTSVORMEN:
        raise PydanticCustomError("invalid_choice", f"'{value}' is geen geldige keuze.")
    return value


class NietNatuurlijkPersoon(InputModel):
    inn_nnp_id: str = Field(default="", max_length=9, pattern=r"^[0-9]*$")
    ann_identificatie: str = Field(default="", max_length=17)
    statutaire_naam: str = Field(default="", max_length=500)
    inn_rechtsvorm: Annotated[str, AfterValidator(_rechtsvorm)] = ""
    bezoekadres: str = Field(default="", max_length=1000)
    sub_verblijf_buitenland: SubVerblijfBuitenland | None = None


class Vestiging(InputModel):
    vestigings_nummer: str = Field(default="", max_length=24)
    handelsnaam: list[Annotated[str, Field(max_length=625)]] = Field(default_factory=list)
    verblijfsadres: VerblijfsAdres | None = None
    sub_verblijf_buitenland: SubVerblijfBuitenland | None = None


IDENTIFICATIE_MODELS: dict[str, type[InputModel]] = {
    "natuurlijk_persoon": NatuurlijkPersoon,
    "niet_natuurlijk_persoon": NietNatuurlijkPersoon,
    "vestiging": Vestiging,
}


def parse_identificatie(subject_type: str | None, data: Any) -> dict[str, Any] | None:
    """The canonical ``subjectIdentificatie`` for ``subject_type`` (None without a type)."""
    if subject_type is None:
        return None
    model = IDENTIFICATIE_MODELS[subject_type]
    obj = validate(model, data if data is not None else {}, prefix=IDENTIFICATIE)
    return obj.model_dump(by_alias=True)


class Klant(InputModel):
    """A klant of the Klanten API 1.0.0; stored as a partij (docs/v1.md)."""

    bronorganisatie: Annotated[str, AfterValidator(_rsin)] = Field(default="", max_length=9)
    klantnummer: str = Field(default="", max_length=8)
    bedrijfsnaam: str = Field(default="", max_length=200)
    functie: str = Field(default="", max_length=200)
    website_url: Url = Field(default="", max_length=1000)
    voornaam: str = Field(default="", max_length=200)
    voorvoegsel_achternaam: str = Field(default="", max_length=10)
    achternaam: str = Field(default="", max_length=200)
    telefoonnummer: str = Field(default="", max_length=20)
    emailadres: Annotated[str, AfterValidator(_email_or_blank)] = Field(default="", max_length=254)
    adres: KlantAdres | None = None
    subject: Url = Field(default="", max_length=1000)
    subject_type: SubjectType | None = None
    subject_identificatie: dict[str, Any] | None = None
    aanmaakkanaal: str = Field(default="", max_length=50)
    geverifieerd: bool = False
