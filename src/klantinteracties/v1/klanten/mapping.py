"""The mapping between a v1 klant and a v2 partij (docs/v1.md has it field by field).

Pure functions, no database: the service feeds them representations and sends what they return
to the v2 services. Three v1 documents are involved (db/models/v1.py):

- ``written``: the v1 representation as the v1 client last wrote it (every key, defaults filled);
- ``derived``: what ``derive`` made of the partij right after that write;
- ``derive(partij)`` now.

``merge(now, derived, written)`` answers a read: where the v2 data still gives what it gave at the
write, the v1 client's own value (exactly as written, v1-only fields included); where a v2 client
changed something since, the v2 value. No side row: ``derive`` alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from .schemas import IDENTIFICATIE_MODELS, KlantAdres

# subjectType -> soortPartij. A klant without subjectType is most often a person.
SOORT_PARTIJ = {
    None: "persoon",
    "natuurlijk_persoon": "persoon",
    "niet_natuurlijk_persoon": "organisatie",
    "vestiging": "organisatie",
}
NAME_FIELDS = ("voornaam", "voorvoegselAchternaam", "achternaam")
# v1 address fields that feed the v2 bezoekadres.
ADRES_SOURCES = ("adres",)
# BRP Land/Gebied codes (v1 landcode) with their ISO 3166-1 alpha-2 code (v2 land). Only the
# one code that is certain here; any other landcode stays v1-only (v2 land is then empty).
BRP_LANDEN = {"6030": "NL"}
ISO_LANDEN = {iso: brp for brp, iso in BRP_LANDEN.items()}
_POSTCODE = re.compile(r"^([1-9][0-9]{3}) ?([A-Za-z]{2})$")
DIGITAAL = (("emailadres", "email"), ("telefoonnummer", "telefoonnummer"))
# Which v1 fields decide which part of the partij: a write touches a part only when one of its
# sources was sent (a create sends all), so a v1 PATCH leaves the rest of a v2 partij alone.
PARTIJ_SOURCES = {
    "soortPartij": ("subjectType",),
    "partijIdentificatie": ("subjectType", "bedrijfsnaam", *NAME_FIELDS),
    "bezoekadres": ADRES_SOURCES,
    "partijIdentificatoren": ("subjectType", "subjectIdentificatie"),
}


def empty_adres() -> dict[str, Any]:
    return KlantAdres().model_dump(by_alias=True)


def empty_identificatie(subject_type: str | None) -> dict[str, Any] | None:
    if subject_type is None:
        return None
    return IDENTIFICATIE_MODELS[subject_type].model_construct().model_dump(by_alias=True)


# ----- v2 -> v1 -----------------------------------------------------------------------------
def identificatoren_of(partij: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The partij's identificatoren by codeSoortObjectId (the first of each soort)."""
    out: dict[str, dict[str, Any]] = {}
    for item in partij.get("partijIdentificatoren") or []:
        group = item.get("partijIdentificator") or {}
        soort = group.get("codeSoortObjectId")
        if soort and soort not in out:
            out[soort] = item
    return out


def object_id(ids: dict[str, dict[str, Any]], soort: str) -> str:
    item = ids.get(soort)
    return str(item["partijIdentificator"]["objectId"]) if item else ""


def subject_type_of(partij: dict[str, Any]) -> str:
    if partij["soortPartij"] != "organisatie":
        return "natuurlijk_persoon"  # persoon, and a contactpersoon is a person too
    if "vestigingsnummer" in identificatoren_of(partij):
        return "vestiging"
    return "niet_natuurlijk_persoon"


def digitaal_of(partij: dict[str, Any], soort: str) -> dict[str, Any] | None:
    """The partij's first digitaal adres of this soort (as the partij lists them)."""
    for item in (partij.get("_expand") or {}).get("digitaleAdressen") or []:
        if item.get("soortDigitaalAdres") == soort:
            return item
    return None


def derive_adres(bezoekadres: dict[str, Any] | None) -> dict[str, Any]:
    adres = empty_adres()
    if not bezoekadres:
        return adres
    adres.update(
        straatnaam=bezoekadres.get("straatnaam") or "",
        huisnummer=bezoekadres.get("huisnummer"),
        huisnummertoevoeging=bezoekadres.get("huisnummertoevoeging") or "",
        postcode=bezoekadres.get("postcode") or "",
        woonplaatsnaam=bezoekadres.get("stad") or "",
        landcode=ISO_LANDEN.get(bezoekadres.get("land") or "", ""),
    )
    return adres


def derive_identificatie(subject_type: str, partij: dict[str, Any]) -> dict[str, Any]:
    ident = empty_identificatie(subject_type)
    assert ident is not None
    ids = identificatoren_of(partij)
    if subject_type == "natuurlijk_persoon":
        ident["inpBsn"] = object_id(ids, "bsn")
    elif subject_type == "niet_natuurlijk_persoon":
        ident["innNnpId"] = object_id(ids, "kvk_nummer") or object_id(ids, "rsin")
        ident["statutaireNaam"] = ""
    else:
        ident["vestigingsNummer"] = object_id(ids, "vestigingsnummer")
    return ident


def derive(partij: dict[str, Any], bronorganisatie: str, klantnummer: str | None) -> dict[str, Any]:
    """The v1 klant the v2 data gives (without ``url``). ``bronorganisatie`` and
    ``klantnummer`` come from the side row, or for a partij v1 never wrote from the setting and
    the partij's nummer."""
    subject_type = subject_type_of(partij)
    ident = partij.get("partijIdentificatie") or {}
    naam = ident.get("contactnaam") or {}
    email, telefoon = digitaal_of(partij, "email"), digitaal_of(partij, "telefoonnummer")
    nummer = partij.get("nummer") or ""
    return {
        "bronorganisatie": bronorganisatie,
        "klantnummer": klantnummer if klantnummer is not None else nummer,
        "bedrijfsnaam": ident.get("naam", "") if partij["soortPartij"] == "organisatie" else "",
        "functie": "",
        "websiteUrl": "",
        "voornaam": naam.get("voornaam", ""),
        "voorvoegselAchternaam": naam.get("voorvoegselAchternaam", ""),
        "achternaam": naam.get("achternaam", ""),
        "telefoonnummer": telefoon["adres"] if telefoon else "",
        "emailadres": email["adres"] if email else "",
        "adres": derive_adres(partij.get("bezoekadres")),
        "subject": "",
        "subjectType": subject_type,
        "subjectIdentificatie": derive_identificatie(subject_type, partij),
        "aanmaakkanaal": "",
        "geverifieerd": False,
    }


def merge(now: Any, then: Any, written: Any) -> Any:
    """``written`` where the v2 data is unchanged since the v1 write, else the v2 data; per
    key inside objects, so a v2 change of one field leaves the v1 client's others as written."""
    if now == then:
        return written
    if isinstance(now, dict) and isinstance(then, dict) and isinstance(written, dict):
        return {k: merge(v, then.get(k), written.get(k)) for k, v in now.items()}
    return now


def representation(url: str, klant: dict[str, Any]) -> dict[str, Any]:
    return {"url": url, **klant}


# ----- v1 -> v2 -----------------------------------------------------------------------------
def touched(sent: Iterable[str], creating: bool) -> set[str]:
    """The parts of the partij a v1 write decides (wire names of the partij body)."""
    sent = set(sent)
    return {part for part, sources in PARTIJ_SOURCES.items() if creating or sent & set(sources)}


def v2_postcode(postcode: str) -> str:
    match = _POSTCODE.match(postcode.strip())
    return f"{match[1]} {match[2].upper()}" if match else ""


def bezoekadres(adres: dict[str, Any] | None) -> dict[str, Any]:
    """The v2 address a v1 adres gives; what v2 cannot hold stays only in ``written``."""
    adres = adres or empty_adres()
    huisnummer = adres.get("huisnummer")
    return {
        "nummeraanduidingId": "",
        "straatnaam": adres["straatnaam"],
        "huisnummer": huisnummer if huisnummer else None,  # v2 numbers start at 1
        "huisnummertoevoeging": f"{adres['huisletter']}{adres['huisnummertoevoeging']}",
        "postcode": v2_postcode(adres["postcode"]),
        "stad": adres["woonplaatsnaam"],
        "adresregel1": "",
        "adresregel2": "",
        "adresregel3": "",
        "land": BRP_LANDEN.get(adres["landcode"], ""),
    }


def partij_identificatie(klant: dict[str, Any], current: dict[str, Any] | None) -> dict[str, Any]:
    if SOORT_PARTIJ[klant["subjectType"]] == "organisatie":
        return {"naam": klant["bedrijfsnaam"]}
    naam = dict(((current or {}).get("partijIdentificatie") or {}).get("contactnaam") or {})
    naam.setdefault("voorletters", "")  # a v2 client's voorletters are kept
    naam.update({k: klant[k] for k in NAME_FIELDS})
    return {"contactnaam": naam}


def wanted_identificatoren(klant: dict[str, Any], has_kvk: bool) -> dict[str, dict[str, str]]:
    """codeSoortObjectId -> partijIdentificator the v1 subjectIdentificatie gives."""
    ident = klant["subjectIdentificatie"] or {}
    subject_type = klant["subjectType"]

    def group(objecttype: str, soort: str, value: str, register: str) -> dict[str, str]:
        return {
            "codeObjecttype": objecttype,
            "codeSoortObjectId": soort,
            "objectId": value,
            "codeRegister": register,
        }

    if subject_type == "natuurlijk_persoon" and ident.get("inpBsn"):
        bsn = ident["inpBsn"].zfill(9)
        return {"bsn": group("natuurlijk_persoon", "bsn", bsn, "brp")}
    if subject_type == "niet_natuurlijk_persoon":
        nnp = ident.get("innNnpId", "")
        soort = {8: "kvk_nummer", 9: "rsin"}.get(len(nnp))
        if soort:
            return {soort: group("niet_natuurlijk_persoon", soort, nnp, "hr")}
    if subject_type == "vestiging" and ident.get("vestigingsNummer") and has_kvk:
        # v2 holds a vestigingsnummer only under a KvK number, which a v1 vestiging lacks:
        # mapped when the partij already has one, else kept v1-only.
        nummer = ident["vestigingsNummer"]
        return {"vestigingsnummer": group("vestiging", "vestigingsnummer", nummer, "hr")}
    return {}


# Identificatoren of other soorten that a v1 write keeps, per subjectType.
KEPT_SOORTEN = {
    None: (),
    "natuurlijk_persoon": (),
    "niet_natuurlijk_persoon": ("kvk_nummer", "rsin"),
    "vestiging": ("kvk_nummer", "rsin"),
}


def identificatoren_items(
    klant: dict[str, Any], current: dict[str, Any] | None
) -> list[dict[str, Any]]:
    """The partij's partijIdentificatoren list after the write (an item with only a uuid is
    kept unchanged, one with a uuid and a group is updated, one without uuid is created)."""
    have = identificatoren_of(current) if current else {}
    wanted = wanted_identificatoren(klant, "kvk_nummer" in have)
    items: list[dict[str, Any]] = []
    for soort in KEPT_SOORTEN[klant["subjectType"]]:
        if soort in have and soort not in wanted:
            items.append({"uuid": have[soort]["uuid"]})
    for soort, group in wanted.items():
        item: dict[str, Any] = {"partijIdentificator": group}
        if soort in have:
            item["uuid"] = have[soort]["uuid"]
        if soort == "vestigingsnummer":
            item["subIdentificatorVan"] = {"uuid": have["kvk_nummer"]["uuid"]}
        items.append(item)
    return items


def partij_body(
    klant: dict[str, Any], parts: set[str], current: dict[str, Any] | None
) -> dict[str, Any]:
    """The v2 partij body (wire names) of the parts this write decides."""
    body: dict[str, Any] = {}
    if current is None:
        body["indicatieActief"] = True
    if "soortPartij" in parts:
        body["soortPartij"] = SOORT_PARTIJ[klant["subjectType"]]
    if "partijIdentificatie" in parts:
        body["soortPartij"] = SOORT_PARTIJ[klant["subjectType"]]
        body["partijIdentificatie"] = partij_identificatie(klant, current)
    if "bezoekadres" in parts:
        body["bezoekadres"] = bezoekadres(klant["adres"])
    if "partijIdentificatoren" in parts:
        body["partijIdentificatoren"] = identificatoren_items(klant, current)
    return body


def v2_nummer(klantnummer: str) -> str | None:
    """A klantnummer v2 can hold as nummer (digits, at most 10), else None."""
    return klantnummer if klantnummer.isdigit() and len(klantnummer) <= 10 else None
