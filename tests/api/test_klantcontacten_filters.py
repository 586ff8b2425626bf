"""GET /klantcontacten: ordering and every filter of the contract."""

from __future__ import annotations

import pytest

from tests.api.klantcontacten_helpers import (
    BSN,
    KVK,
    MISSING,
    get,
    listed,
    make_actor,
    make_adres,
    make_betrokkene,
    make_internetaak,
    make_klantcontact,
    make_onderwerpobject,
    make_partij,
)
from tests.helpers import invalid_params

ZAAK = {
    "codeObjecttype": "zaak",
    "codeSoortObjectId": "uuid",
    "objectId": "z-1",
    "codeRegister": "oz",
}


async def test_newest_plaatsgevonden_op_first_then_newest_created(client):
    old = await make_klantcontact(client, plaatsgevondenOp="2020-01-01T00:00:00Z")
    new = await make_klantcontact(client, plaatsgevondenOp="2024-01-01T00:00:00Z")
    same_a = await make_klantcontact(client, plaatsgevondenOp="2022-01-01T00:00:00Z")
    same_b = await make_klantcontact(client, plaatsgevondenOp="2022-01-01T00:00:00Z")
    order = [new["uuid"], same_b["uuid"], same_a["uuid"], old["uuid"]]
    assert await listed(client) == order
    page = await get(client, "/klantcontacten", pageSize=2, page=2)
    assert [x["uuid"] for x in page["results"]] == order[2:]
    assert page["count"] == 4 and page["next"] is None
    assert page["previous"] == "http://testserver.local/klantinteracties/api/v1/klantcontacten?pageSize=2"
    for item in (await get(client, "/klantcontacten"))["results"]:
        assert item["_expand"] == {}  # every list item carries it


async def test_exact_and_boolean_filters(client):
    a = await make_klantcontact(
        client,
        nummer="11",
        referentienummer="21",
        kanaal="balie",
        indicatieContactGelukt=True,
        vertrouwelijk=True,
        plaatsgevondenOp="2024-05-01T10:00:00Z",
    )
    b = await make_klantcontact(client, indicatieContactGelukt=False)
    await make_klantcontact(client)  # indicatieContactGelukt null: neither true nor false
    assert await listed(client, nummer="11") == [a["uuid"]]
    assert await listed(client, referentienummer="21") == [a["uuid"]]
    assert await listed(client, referentienummer="2") == []
    assert await listed(client, kanaal="balie") == [a["uuid"]]
    assert await listed(client, kanaal="Balie") == []
    assert await listed(client, indicatieContactGelukt="true") == [a["uuid"]]
    assert await listed(client, indicatieContactGelukt="False") == [b["uuid"]]
    assert await listed(client, vertrouwelijk="1") == [a["uuid"]]
    assert len(await listed(client, vertrouwelijk="0")) == 2
    assert await listed(client, plaatsgevondenOp="2024-05-01T12:00:00+02:00") == [a["uuid"]]
    assert await listed(client, plaatsgevondenOp="2024-05-01T10:00:00Z") == [a["uuid"]]
    assert await listed(client, plaatsgevondenOp="2024-05-01T10:00:01Z") == []


async def test_text_filters_are_case_insensitive_substrings_with_literal_wildcards(client):
    a = await make_klantcontact(
        client, onderwerp="Vraag over AFVAL", inhoud="100% zeker", reactie="a_b"
    )
    b = await make_klantcontact(client, onderwerp="paspoort", inhoud="1000 \\ zeker", reactie="axb")
    assert await listed(client, onderwerp="afval") == [a["uuid"]]
    assert await listed(client, onderwerp="VRAAG OVER") == [a["uuid"]]
    assert await listed(client, onderwerp="Pasp") == [b["uuid"]]
    # % and _ are plain characters, not wildcards.
    assert await listed(client, inhoud="0%") == [a["uuid"]]
    assert await listed(client, reactie="a_b") == [a["uuid"]]
    assert await listed(client, reactie="_") == [a["uuid"]]
    assert await listed(client, inhoud="\\") == [b["uuid"]]
    assert await listed(client, inhoud="\\%") == []
    assert len(await listed(client, inhoud="zeker")) == 2


async def test_betrokkene_and_partij_filters(client):
    partij = await make_partij(client, BSN)
    a = await make_klantcontact(client)
    b = await make_klantcontact(client)
    c = await make_klantcontact(client)
    betrokkene_a = await make_betrokkene(client, a, partij)
    await make_betrokkene(client, a, partij)  # twice the same partij: still one result
    await make_betrokkene(client, b)  # a betrokkene without partij
    assert await listed(client, hadBetrokkene__uuid=betrokkene_a["uuid"]) == [a["uuid"]]
    assert await listed(client, hadBetrokkene__url=betrokkene_a["url"]) == [a["uuid"]]
    assert await listed(client, hadBetrokkene__url="http://elders.nl/betrokkenen/x") == []
    assert await listed(client, hadBetrokkene__uuid=MISSING) == []
    assert await listed(client, hadBetrokkene__wasPartij__uuid=partij["uuid"]) == [a["uuid"]]
    assert await listed(client, hadBetrokkene__wasPartij__url=partij["url"]) == [a["uuid"]]
    assert await listed(client, hadBetrokkene__wasPartij="true") == [a["uuid"]]
    assert await listed(client, hadBetrokkene__wasPartij="false") == [c["uuid"], b["uuid"]]
    assert (await get(client, "/klantcontacten", hadBetrokkene__wasPartij="true"))["count"] == 1


async def test_partij_identificator_filters_match_one_identificator(client):
    persoon = await make_partij(client, BSN)
    bedrijf = await make_partij(client, {**KVK, "objectId": "11122233"})
    a = await make_klantcontact(client)
    b = await make_klantcontact(client)
    await make_betrokkene(client, a, persoon)
    await make_betrokkene(client, b, bedrijf)
    prefix = "hadBetrokkene__wasPartij__partijIdentificator__"
    bsn = {f"{prefix}objectId": BSN["objectId"], f"{prefix}codeSoortObjectId": "bsn"}
    assert await listed(client, **bsn) == [a["uuid"]]
    full = {f"{prefix}{k}": v for k, v in BSN.items()}
    assert await listed(client, **full) == [a["uuid"]]
    assert await listed(client, **{f"{prefix}codeRegister": "hr"}) == [b["uuid"]]
    # The values must hold for the same identificator: this BSN number is not a kvk_nummer.
    mixed = {f"{prefix}objectId": BSN["objectId"], f"{prefix}codeSoortObjectId": "kvk_nummer"}
    assert await listed(client, **mixed) == []


async def test_digitaal_adres_of_betrokkene_filter(client):
    a = await make_klantcontact(client)
    b = await make_klantcontact(client)
    betrokkene = await make_betrokkene(client, a)
    await make_adres(client, betrokkene, "Jan.Jansen@Example.com")
    await make_betrokkene(client, b)
    name = "hadBetrokkene__digitaaladres__adres__icontains"
    assert await listed(client, **{name: "jansen@example"}) == [a["uuid"]]
    assert await listed(client, **{name: "JAN.J"}) == [a["uuid"]]
    assert await listed(client, **{name: "piet"}) == []
    assert await listed(client, **{name: "%"}) == []


async def test_interne_taken_filter(client):
    a = await make_klantcontact(client)
    b = await make_klantcontact(client)
    actor = await make_actor(client)
    await make_internetaak(client, a, actor)
    await make_internetaak(client, a, actor)
    assert await listed(client, leiddeTotInterneTaken="true") == [a["uuid"]]
    assert await listed(client, leiddeTotInterneTaken="false") == [b["uuid"]]


@pytest.mark.parametrize(
    ("prefix", "about"), [("onderwerpobject", True), ("wasOnderwerpobject", False)]
)
async def test_onderwerpobject_filters(client, prefix, about):
    a = await make_klantcontact(client)
    b = await make_klantcontact(client)
    # "about": the onderwerpobject's klantcontact is a; otherwise a *is* the onderwerpobject.
    links = {"klantcontact": a} if about else {"was": a}
    zaak = await make_onderwerpobject(client, **links, **ZAAK)
    other = {"klantcontact": b} if about else {"was": b}
    await make_onderwerpobject(
        client, **other, **{**ZAAK, "objectId": "z-2", "codeObjecttype": "document"}
    )
    assert await listed(client, **{f"{prefix}__uuid": zaak["uuid"]}) == [a["uuid"]]
    assert await listed(client, **{f"{prefix}__url": zaak["url"]}) == [a["uuid"]]
    field = f"{prefix}__onderwerpobjectidentificator"
    assert await listed(client, **{f"{field}ObjectId": "z-1"}) == [a["uuid"]]
    assert await listed(client, **{f"{field}CodeObjecttype": "zaak"}) == [a["uuid"]]
    assert await listed(client, **{f"{field}CodeRegister": "oz"}) == [b["uuid"], a["uuid"]]
    assert await listed(client, **{f"{field}CodeSoortObjectId": "uuid"}) == [b["uuid"], a["uuid"]]
    # All identificator values concern one onderwerpobject.
    assert (
        await listed(client, **{f"{field}ObjectId": "z-2", f"{field}CodeObjecttype": "zaak"}) == []
    )
    both = {f"{field}ObjectId": "z-2", f"{field}CodeObjecttype": "document"}
    assert await listed(client, **both) == [b["uuid"]]


async def test_onderwerpobject_and_was_onderwerpobject_are_different_links(client):
    a = await make_klantcontact(client)
    b = await make_klantcontact(client)
    link = await make_onderwerpobject(client, klantcontact=a, was=b)
    assert await listed(client, onderwerpobject__uuid=link["uuid"]) == [a["uuid"]]
    assert await listed(client, wasOnderwerpobject__uuid=link["uuid"]) == [b["uuid"]]


async def test_filters_combine(client):
    partij = await make_partij(client, BSN)
    a = await make_klantcontact(client, kanaal="balie")
    b = await make_klantcontact(client, kanaal="telefoon")
    await make_betrokkene(client, a, partij)
    await make_betrokkene(client, b, partij)
    assert await listed(
        client, hadBetrokkene__wasPartij__uuid=partij["uuid"], kanaal="telefoon"
    ) == [b["uuid"]]


@pytest.mark.parametrize(
    ("name", "value", "code"),
    [
        ("hadBetrokkene__uuid", "geen-uuid", "invalid"),
        ("hadBetrokkene__url", "geen url", "invalid"),
        ("hadBetrokkene__wasPartij", "misschien", "invalid"),
        ("hadBetrokkene__wasPartij__uuid", "1", "invalid"),
        ("hadBetrokkene__wasPartij__url", "/partijen/x", "invalid"),
        ("leiddeTotInterneTaken", "ja", "invalid"),
        ("onderwerpobject__uuid", "x", "invalid"),
        ("wasOnderwerpobject__url", "x", "invalid"),
        ("indicatieContactGelukt", "2", "invalid"),
        ("vertrouwelijk", "nee", "invalid"),
        ("plaatsgevondenOp", "gisteren", "invalid"),
        ("expand", "bogus", "invalid_choice"),
        ("expand", "hadBetrokkenen.bogus", "invalid_choice"),
        ("hadBetrokkene__was_partij", "true", "unknown-parameters"),
        ("had_betrokkene__uuid", MISSING, "unknown-parameters"),
    ],
)
async def test_invalid_filter_values(client, name, value, code):
    r = await client.get("/klantcontacten", params={name: value})
    params = invalid_params(r)
    assert list(params.values()) == [code]
    assert list(params) == ["nonFieldErrors" if code == "unknown-parameters" else name]
