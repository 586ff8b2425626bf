"""Dutch-looking values for the generator: names, addresses, BSN/RSIN/KvK numbers and the text of
klantcontacten. Every function takes the caller's ``random.Random``, so the output depends on the
seed only; numbers that must be unique are derived from a running index, not drawn at random."""

from __future__ import annotations

import random
import uuid

VOORNAMEN = [
    "Jan",
    "Piet",
    "Kees",
    "Johan",
    "Henk",
    "Willem",
    "Gerrit",
    "Dirk",
    "Bram",
    "Daan",
    "Sem",
    "Lucas",
    "Finn",
    "Levi",
    "Noah",
    "Milan",
    "Thijs",
    "Jesse",
    "Ruben",
    "Bas",
    "Maria",
    "Anna",
    "Johanna",
    "Cornelia",
    "Emma",
    "Julia",
    "Sophie",
    "Tess",
    "Lotte",
    "Fleur",
    "Sanne",
    "Eva",
    "Anouk",
    "Iris",
    "Lieke",
    "Femke",
    "Noor",
    "Mila",
    "Yara",
    "Fatima",
    "Mohammed",
    "Youssef",
    "Ayoub",
    "Rayan",
    "Amira",
    "Sara",
    "Priya",
    "Wei",
    "Chen",
    "Kofi",
    "Ama",
    "Dewi",
    "Bayu",
    "Ricardo",
    "Ingrid",
    "Marloes",
    "Gijs",
    "Hanneke",
    "Joost",
    "Wouter",
]
ACHTERNAMEN = [
    "Jansen",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "Mulder",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "Dekker",
    "Brouwer",
    "Dijkstra",
    "Kok",
    "Jacobs",
    "Vermeulen",
    "Willems",
    "Schouten",
    "Hoekstra",
    "Koster",
    "Prins",
    "Huisman",
    "Kuipers",
    "Postma",
    "Kramer",
    "Boer",
    "Vink",
    "Timmermans",
    "Groot",
    "Sanders",
    "Maas",
    "Verhoeven",
    "Koning",
    "Bosch",
    "Veenstra",
    "Kaya",
    "Yilmaz",
    "Bouzid",
    "Elhaddaoui",
    "Ramdin",
    "Soekhoe",
    "Tjon",
    "Wong",
    "Nguyen",
    "Tahiri",
    "Brink",
    "Lammers",
    "Scholten",
    "Wolters",
]
VOORVOEGSELS = ("", "", "", "", "van", "de", "van der", "van den", "van de", "ter", "den")
STRATEN = [
    "Dorpsstraat",
    "Kerkstraat",
    "Schoolstraat",
    "Molenweg",
    "Stationsweg",
    "Nieuwstraat",
    "Julianastraat",
    "Beatrixlaan",
    "Wilhelminastraat",
    "Kastanjelaan",
    "Eikenlaan",
    "Lindelaan",
    "Parallelweg",
    "Marktplein",
    "Havenkade",
    "Singel",
    "Prinsengracht",
    "Burgemeester-Visserlaan",
    "Zuiderzeeweg",
    "Veldweg",
    "Rozengaarde",
]
STEDEN = [
    "Amsterdam",
    "Rotterdam",
    "Utrecht",
    "Eindhoven",
    "Groningen",
    "Tilburg",
    "Almere",
    "Breda",
    "Nijmegen",
    "Apeldoorn",
    "Haarlem",
    "Arnhem",
    "Enschede",
    "Amersfoort",
    "Zaanstad",
    "Zwolle",
    "Leeuwarden",
    "Maastricht",
    "Dordrecht",
    "Delft",
]
BEDRIJFSVORMEN = ("B.V.", "V.O.F.", "Holding B.V.", "en Zonen", "Stichting", "Vereniging")
BRANCHES = [
    "Bouw",
    "Installatietechniek",
    "Bakkerij",
    "Transport",
    "Adviesgroep",
    "Zorg",
    "Schilderwerken",
    "Tuinen",
    "Horeca",
    "Kinderopvang",
    "Autobedrijf",
    "Juristen",
    "ICT",
    "Makelaardij",
    "Kapsalon",
]
DOMEINEN = ("example.nl", "voorbeeld.nl", "mail.example.com", "post.example.org")
KANALEN = ("telefoon", "telefoon", "telefoon", "e-mail", "balie", "webformulier", "chat", "brief")
THEMAS = (
    ("Aanvraag parkeervergunning", "De klant wil een parkeervergunning voor de wijk"),
    ("Vraag over afvalinzameling", "De container is niet geleegd op de ophaaldag"),
    ("Melding openbare ruimte", "Er ligt een losse stoeptegel voor de deur"),
    ("Verhuizing doorgeven", "De klant verhuist binnen de gemeente"),
    ("Bezwaar WOZ-beschikking", "De klant vindt de WOZ-waarde van de woning te hoog"),
    ("Aanvraag paspoort", "De klant wil een afspraak voor een nieuw paspoort"),
    ("Vraag over bijstandsuitkering", "De klant vraagt wanneer de uitkering wordt overgemaakt"),
    ("Kwijtschelding gemeentelijke belastingen", "De klant kan de aanslag niet betalen"),
    ("Klacht over geluidsoverlast", "De buren maken 's nachts veel lawaai"),
    ("Aanvraag omgevingsvergunning", "De klant wil een dakkapel plaatsen"),
    ("Vraag over schuldhulpverlening", "De klant zoekt hulp bij betalingsachterstanden"),
    ("Melding kapotte straatverlichting", "Een lantaarnpaal in de straat brandt niet meer"),
    ("Aanvraag Wmo-voorziening", "De klant vraagt een traplift aan"),
    ("Vraag over huwelijk", "Het stel wil een datum voor het huwelijk reserveren"),
    ("Inschrijving BRP", "De klant vestigt zich vanuit het buitenland"),
    ("Vraag over leerlingenvervoer", "De ouder vraagt vervoer naar school aan"),
)
ZINNEN = (
    "Klant is telefonisch te woord gestaan.",
    "Uitleg gegeven over de procedure en de termijnen.",
    "Klant wordt binnen vijf werkdagen teruggebeld.",
    "Doorverbonden met de vakafdeling.",
    "Formulier is per post verstuurd.",
    "Klant stuurt de ontbrekende stukken na.",
    "Melding is doorgezet naar de buitendienst.",
    "Klant was tevreden met het antwoord.",
    "Afspraak gemaakt bij de balie van het stadskantoor.",
    "Klant heeft al eerder over dit onderwerp gebeld.",
    "Verwezen naar de website van de gemeente.",
    "Status van de aanvraag is opgezocht en doorgegeven.",
)
HANDELINGEN = (
    "Klant terugbellen",
    "Aanvraag beoordelen",
    "Melding afhandelen",
    "Brief versturen",
    "Gegevens controleren",
    "Afspraak inplannen",
)
AFDELINGEN = ("Burgerzaken", "Belastingen", "Sociaal Domein", "Openbare Ruimte", "Vergunningen")


def seeded_uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _weighted_sum(digits: str) -> int:
    """Sum of the elfproef weights 9..2 over the first eight digits."""
    return sum(int(d) * w for d, w in zip(digits, range(9, 1, -1), strict=True))


def elfproef_number(index: int, rng: random.Random, offset: int) -> str:
    """A unique 9-digit number that passes the elfproef (BSN, RSIN).

    Seven leading digits come from ``index`` (unique per index); the eighth digit (weight 2) is
    chosen so that a check digit 0-9 exists. 2*d mod 11 takes ten different values for d = 0..9,
    so at most one choice of d is impossible and the next one always works.
    """
    head = str(1_000_000 + (offset + index * 7_654_321) % 9_000_000)
    d8 = rng.randrange(10)
    while (_weighted_sum(head + str(d8)) % 11) == 10:
        d8 = (d8 + 1) % 10
    return f"{head}{d8}{_weighted_sum(head + str(d8)) % 11}"


def bsn(index: int, rng: random.Random) -> str:
    return elfproef_number(index, rng, offset=0)


def rsin(index: int, rng: random.Random) -> str:
    # A different offset keeps RSINs apart from BSNs of the same index.
    return elfproef_number(index, rng, offset=4_500_000)


def kvk_nummer(index: int) -> str:
    """Eight digits, unique per index (KvK numbers have no check digit any more)."""
    return str(10_000_000 + (index * 3_141_593) % 90_000_000)


def vestigingsnummer(index: int) -> str:
    return f"{(index * 7_777_777_777 + 100_000_000_000) % 1_000_000_000_000:012d}"


def persoonsnaam(rng: random.Random) -> dict[str, str]:
    voornaam = rng.choice(VOORNAMEN)
    return {
        "voorletters": voornaam[0] + ".",
        "voornaam": voornaam,
        "voorvoegsel_achternaam": rng.choice(VOORVOEGSELS),
        "achternaam": rng.choice(ACHTERNAMEN),
    }


def bedrijfsnaam(rng: random.Random) -> str:
    return f"{rng.choice(ACHTERNAMEN)} {rng.choice(BRANCHES)} {rng.choice(BEDRIJFSVORMEN)}"


def adres(prefix: str, rng: random.Random) -> dict[str, object]:
    letters = "".join(rng.choice("ABCDEGHJKLMNPRSTVWXZ") for _ in range(2))
    return {
        f"{prefix}_straatnaam": rng.choice(STRATEN),
        f"{prefix}_huisnummer": rng.randint(1, 250),
        f"{prefix}_postcode": f"{rng.randint(1000, 9999)} {letters}",
        f"{prefix}_stad": rng.choice(STEDEN),
        f"{prefix}_land": "NL",
    }


def emailadres(naam: str, index: int, rng: random.Random) -> str:
    local = "".join(c for c in naam.lower() if c.isalnum() or c == ".").strip(".")
    return f"{local}{index}@{rng.choice(DOMEINEN)}"


def telefoonnummer(rng: random.Random) -> str:
    return f"06{rng.randrange(10**8):08d}"


def kenmerk(index: int) -> str:
    """A case reference that some onderwerpen carry; unique, so searching for it is selective."""
    return f"K{(index * 48_271 + 1_000_003) % 100_000_000:08d}"


def onderwerp_en_inhoud(rng: random.Random, index: int) -> tuple[str, str]:
    titel, situatie = rng.choice(THEMAS)
    if rng.random() < 0.3:
        titel = f"{titel} (kenmerk {kenmerk(index)})"
    zinnen = rng.sample(ZINNEN, rng.randint(1, 3))
    return titel, " ".join([situatie + ".", *zinnen])
