"""A resident with everything the partij page shows, made through the API."""

from __future__ import annotations

from typing import Any

from tests.api.klantcontacten_helpers import (
    BSN,
    make_betrokkene,
    make_klantcontact,
    make_partij,
    post,
    ref,
)

EMAIL = "jan.jansen@example.com"
CONTACTS = 12  # more than one page of contact history


async def resident(client: Any) -> dict[str, Any]:
    """Jan Jansen (BSN 111222333) with an address, two digitale adressen (the e-mail address
    his voorkeur), a rekeningnummer, a categorie, someone he represents and 12 contacts."""
    body = {
        "soortPartij": "persoon",
        "indicatieActief": True,
        "partijIdentificatoren": [{"partijIdentificator": BSN}],
        "partijIdentificatie": {
            "contactnaam": {
                "voorletters": "J",
                "voornaam": "Jan",
                "voorvoegselAchternaam": "",
                "achternaam": "Jansen",
            }
        },
        "bezoekadres": {
            "straatnaam": "Dorpsstraat",
            "huisnummer": 7,
            "postcode": "1234 AB",
            "stad": "Ons Dorp",
            "land": "NL",
        },
    }
    partij = await post(client, "/partijen", body)
    email = await post(
        client,
        "/digitaleadressen",
        {
            "verstrektDoorPartij": ref(partij),
            "verstrektDoorBetrokkene": None,
            "adres": EMAIL,
            "soortDigitaalAdres": "email",
            "omschrijving": "privé",
        },
    )
    await post(
        client,
        "/digitaleadressen",
        {
            "verstrektDoorPartij": ref(partij),
            "verstrektDoorBetrokkene": None,
            "adres": "0612345678",
            "soortDigitaalAdres": "telefoonnummer",
            "omschrijving": "mobiel",
        },
    )
    r = await client.patch(
        f"/partijen/{partij['uuid']}", json={"voorkeursDigitaalAdres": ref(email)}
    )
    assert r.status_code == 200, r.text
    await post(client, "/rekeningnummers", {"partij": ref(partij), "iban": "NL91ABNA0417164300"})
    categorie = await post(client, "/categorieen", {"naam": "Inwoner"})
    await post(
        client,
        "/categorie-relaties",
        {
            "partij": ref(partij),
            "categorie": ref(categorie),
            "beginDatum": "2024-01-01",
        },
    )
    child = await make_partij(client)
    await post(
        client,
        "/vertegenwoordigingen",
        {
            "vertegenwoordigendePartij": ref(partij),
            "vertegenwoordigdePartij": ref(child),
        },
    )
    for n in range(CONTACTS):
        contact = await make_klantcontact(client, onderwerp=f"vraag {n + 1} over afval")
        await make_betrokkene(client, contact, partij)
    return {"partij": partij, "email": email}
