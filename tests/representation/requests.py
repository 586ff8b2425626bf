"""The GET requests whose response bodies are pinned, per collection.

For every collection: the whole list (the default page of 100 holds every seeded row), page 2 of
size 2 (both ``next`` and ``previous`` links; each collection has at least 5 rows) and every
detail. For the four expandable resources also every accepted expand path on the list, alone and
combined (in an order other than the representation's, which ``_expand`` must not follow), in the
repeated ``expand=a&expand=b`` form, a nested path without its parent (which implies it), and on
details with many, one and no related rows.
"""

from __future__ import annotations

import uuid

from .seed import BE, DA, KC, KEYS, P

KI = "/klantinteracties/api/v1"
CG = "/contactgegevens/api/v1"

PARTIJ_EXPAND = (
    "betrokkenen",
    "betrokkenen.hadKlantcontact",
    "categorieRelaties",
    "digitaleAdressen",
)
KLANTCONTACT_EXPAND = (
    "gingOverOnderwerpobjecten",
    "omvatteBijlagen",
    "hadBetrokkenen",
    "hadBetrokkenen.wasPartij",
    "hadBetrokkenen.digitaleAdressen",
    "leiddeTotInterneTaken",
)
BETROKKENE_EXPAND = ("digitaleAdressen",)
DIGITAAL_ADRES_EXPAND = (
    "verstrektDoorBetrokkene",
    "verstrektDoorBetrokkene.hadKlantcontact",
    "verstrektDoorBetrokkene.hadKlantcontact.leiddeTotInterneTaken",
)


def expand(*paths: str) -> str:
    return "expand=" + ",".join(paths)


def reverse(paths: tuple[str, ...]) -> str:
    return expand(*reversed(paths))


def basic(base: str, collection: str) -> list[str]:
    """The list, its second page of two, and every detail."""
    path = f"{base}/{collection}"
    return [path, f"{path}?page=2&pageSize=2", *(f"{path}/{k}" for k in KEYS[collection])]


def expanded(
    collection: str,
    paths: tuple[str, ...],
    extra_lists: list[str],
    details: list[tuple[uuid.UUID, str]],
) -> list[str]:
    """Every path alone and all together on the list, the second page with all of them, the
    ``extra_lists`` queries and the ``details`` (key, query)."""
    path = f"{KI}/{collection}"
    out = [f"{path}?{expand(p)}" for p in paths]
    out.append(f"{path}?{reverse(paths)}")
    out.append(f"{path}?page=2&pageSize=2&{expand(*paths)}")
    out += [f"{path}?{query}" for query in extra_lists]
    out += [f"{path}/{k}?{query}" for k, query in details]
    return list(dict.fromkeys(out))  # with one path, "all together" is that path again


REQUESTS: dict[str, list[str]] = {
    "partijen": [
        *basic(KI, "partijen"),
        *expanded(
            "partijen",
            PARTIJ_EXPAND,
            [
                "expand=digitaleAdressen&expand=betrokkenen",
                expand("betrokkenen", "betrokkenen.hadKlantcontact"),
                "pageSize=3&" + expand("categorieRelaties", "digitaleAdressen"),
            ],
            [
                (P[1], reverse(PARTIJ_EXPAND)),
                (P[4], expand(*PARTIJ_EXPAND)),
                (P[6], expand("betrokkenen.hadKlantcontact")),
                (P[10], expand(*PARTIJ_EXPAND)),
                (P[1], "expand="),
                (P[4], expand("digitaleAdressen")),
            ],
        ),
    ],
    "partij-identificatoren": basic(KI, "partij-identificatoren"),
    "digitaleadressen": [
        *basic(KI, "digitaleadressen"),
        *expanded(
            "digitaleadressen",
            DIGITAAL_ADRES_EXPAND,
            [expand("verstrektDoorBetrokkene", "verstrektDoorBetrokkene.hadKlantcontact")],
            [
                (DA[1], expand(*DIGITAAL_ADRES_EXPAND)),
                (DA[5], expand(*DIGITAAL_ADRES_EXPAND)),
                (DA[7], expand("verstrektDoorBetrokkene")),
                (DA[4], expand("verstrektDoorBetrokkene.hadKlantcontact")),
            ],
        ),
    ],
    "rekeningnummers": basic(KI, "rekeningnummers"),
    "vertegenwoordigingen": basic(KI, "vertegenwoordigingen"),
    "categorieen": basic(KI, "categorieen"),
    "categorie-relaties": basic(KI, "categorie-relaties"),
    "klantcontacten": [
        *basic(KI, "klantcontacten"),
        *expanded(
            "klantcontacten",
            KLANTCONTACT_EXPAND,
            [
                expand("hadBetrokkenen.wasPartij", "hadBetrokkenen.digitaleAdressen"),
                "expand=leiddeTotInterneTaken&expand=hadBetrokkenen,hadBetrokkenen.wasPartij",
            ],
            [
                (KC[1], reverse(KLANTCONTACT_EXPAND)),
                (KC[5], expand(*KLANTCONTACT_EXPAND)),
                (KC[2], expand("hadBetrokkenen", "hadBetrokkenen.wasPartij")),
                (KC[3], expand("leiddeTotInterneTaken", "gingOverOnderwerpobjecten")),
            ],
        ),
    ],
    "betrokkenen": [
        *basic(KI, "betrokkenen"),
        *expanded(
            "betrokkenen",
            BETROKKENE_EXPAND,
            [],
            [(k, expand(*BETROKKENE_EXPAND)) for k in (BE[1], BE[2], BE[6])],
        ),
    ],
    "onderwerpobjecten": basic(KI, "onderwerpobjecten"),
    "bijlagen": basic(KI, "bijlagen"),
    "actoren": basic(KI, "actoren"),
    "actorklantcontacten": basic(KI, "actorklantcontacten"),
    "internetaken": basic(KI, "internetaken"),
    "persoon": basic(CG, "persoon"),
    "organisatie": basic(CG, "organisatie"),
}
