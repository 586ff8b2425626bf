"""v2 error names in v1 words: a rule of a v2 service that refuses a v1 write names the v1
field the value came from, so a v1 client can point at what it sent."""

from __future__ import annotations

from klantinteracties.core.errors import InvalidParam, ValidationFailed

# Prefix of a v2 partij field -> v1 field (longest prefix first).
PARTIJ_NAMES = (
    ("partijIdentificatie.contactnaam.voornaam", "voornaam"),
    ("partijIdentificatie.contactnaam.voorvoegselAchternaam", "voorvoegselAchternaam"),
    ("partijIdentificatie.contactnaam.achternaam", "achternaam"),
    ("partijIdentificatie.naam", "bedrijfsnaam"),
    ("bezoekadres.straatnaam", "adres.straatnaam"),
    ("bezoekadres.huisnummertoevoeging", "adres.huisnummertoevoeging"),
    ("bezoekadres.huisnummer", "adres.huisnummer"),
    ("bezoekadres.postcode", "adres.postcode"),
    ("bezoekadres.stad", "adres.woonplaatsnaam"),
    ("bezoekadres", "adres"),
    ("nummer", "klantnummer"),
    ("__all__", "nonFieldErrors"),
)
IDENTIFICATIE_FIELD = {
    "natuurlijk_persoon": "subjectIdentificatie.inpBsn",
    "niet_natuurlijk_persoon": "subjectIdentificatie.innNnpId",
    "vestiging": "subjectIdentificatie.vestigingsNummer",
}


def partij_name(name: str, subject_type: str | None) -> str:
    if name.startswith("partijIdentificatoren"):
        return IDENTIFICATIE_FIELD.get(subject_type or "", "subjectIdentificatie")
    for v2, v1 in PARTIJ_NAMES:
        if name == v2 or name.startswith(v2 + "."):
            return v1
    return name


def from_partij(exc: ValidationFailed, subject_type: str | None) -> ValidationFailed:
    return ValidationFailed(
        [
            InvalidParam(partij_name(p.name, subject_type), p.code, p.reason)
            for p in exc.invalid_params
        ]
    )


def from_digitaal_adres(exc: ValidationFailed, field: str) -> ValidationFailed:
    """An e-mail address or phone number the digitaal adres refused."""
    return ValidationFailed([InvalidParam(field, p.code, p.reason) for p in exc.invalid_params])
