"""The address group (``bezoekadres``, ``correspondentieadres``, contactgegevens ``adres``).

Stored as flat columns ``<group>_<sub>`` (see ``Gegevensgroep``). Every sub-field is optional and
an empty string means "not given", so the format checks below only look at non-empty values.
There is deliberately no cross-field rule (a BAG id and a street may both be given).
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from pydantic import Field, field_validator
from pydantic_core import PydanticCustomError

from .schemas import Gegevensgroep

_BAG_ID = re.compile(r"[0-9]{16}")
_POSTCODE = re.compile(r"[1-9][0-9]{3} [A-Z]{2}")

# ISO 3166-1 alpha-2: the officially assigned codes (249). Shipped with the code instead of taken
# from a package so that validation does not change when a dependency is upgraded.
_ALPHA2 = """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR
    BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ
    EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW
    GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY
    KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV
    MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY
    QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG
    TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM
    ZW
"""
LANDCODES: frozenset[str] = frozenset(_ALPHA2.split())


def _fail(message: str) -> PydanticCustomError:
    return PydanticCustomError("invalid", message)


def check_landcode(value: str) -> str:
    """Uppercase ISO 3166-1 alpha-2; a known code in lowercase gets a hint instead of a shrug."""
    if not value or value in LANDCODES:
        return value
    if value.upper() in LANDCODES:
        raise _fail(
            f"Landcode '{value}' is onbekend: ISO 3166-codes worden in hoofdletters geschreven. "
            f"Bedoelde u {value.upper()}?"
        )
    raise _fail(f"Landcode '{value}' is geen ISO 3166-1 alpha-2 code.")


class Adres(Gegevensgroep):
    """An address: a BAG nummeraanduiding, a Dutch address without BAG id, or free lines."""

    empty_values: ClassVar[dict[str, Any]] = {"huisnummer": None}

    nummeraanduiding_id: str = Field(
        default="",
        max_length=16,
        description="Identificatie van het adres in de Basisregistratie Adressen en Gebouwen "
        "(16 cijfers).",
        json_schema_extra={"pattern": "^([0-9]{16})?$"},
    )
    straatnaam: str = Field(default="", max_length=255, description="Straatnaam (zonder BAG-id).")
    huisnummer: int | None = Field(
        default=None, ge=1, le=99999, description="Huisnummer (zonder BAG-id)."
    )
    huisnummertoevoeging: str = Field(
        default="", max_length=20, description="Toevoeging bij het huisnummer (zonder BAG-id)."
    )
    postcode: str = Field(
        default="",
        max_length=7,
        description="Postcode in de vorm `1234 AB` (zonder BAG-id).",
        json_schema_extra={"pattern": "^([1-9][0-9]{3} [A-Z]{2})?$"},
    )
    stad: str = Field(default="", max_length=255, description="Woonplaats (zonder BAG-id).")
    adresregel1: str = Field(
        default="", max_length=80, description="Eerste adresregel (buiten de BAG)."
    )
    adresregel2: str = Field(
        default="", max_length=80, description="Tweede adresregel (buiten de BAG)."
    )
    adresregel3: str = Field(
        default="", max_length=80, description="Derde adresregel (buiten de BAG)."
    )
    land: str = Field(
        default="",
        max_length=2,
        description="Land als ISO 3166-1 alpha-2 code, bv. `NL`.",
        json_schema_extra={"enum": ["", *sorted(LANDCODES)]},
    )

    @field_validator("nummeraanduiding_id")
    @classmethod
    def _bag_id(cls, value: str) -> str:
        if value and not _BAG_ID.fullmatch(value):
            raise _fail(f"Een nummeraanduiding-id bestaat uit precies 16 cijfers, niet '{value}'.")
        return value

    @field_validator("postcode")
    @classmethod
    def _postcode(cls, value: str) -> str:
        if value and not _POSTCODE.fullmatch(value):
            raise _fail(
                f"Schrijf de postcode als vier cijfers, een spatie en twee hoofdletters "
                f"(`1234 AB`), niet '{value}'."
            )
        return value

    @field_validator("land")
    @classmethod
    def _land(cls, value: str) -> str:
        return check_landcode(value)
