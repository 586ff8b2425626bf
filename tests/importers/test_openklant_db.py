"""``import openklant --database``: every resource of a reference database arrives with its
uuid, nummer, timestamps, relations and voorkeuren, checked through our HTTP API."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from sqlalchemy import func, select

from klantinteracties.db.models import import_checkpoint, partij

from .conftest import run_import
from .source_rows import ADRES, WHEN, U

CG = "http://testserver.local/contactgegevens/api/v1"
ADRES_WIRE = {re.sub(r"_(.)", lambda m: m.group(1).upper(), k): v for k, v in ADRES.items()}


def identificator(object_id: str, objecttype: str, register: str, soort: str) -> dict[str, str]:
    return {
        "objectId": object_id,
        "codeObjecttype": objecttype,
        "codeRegister": register,
        "codeSoortObjectId": soort,
    }


def ref(body: dict[str, Any] | None) -> str | None:
    return body["uuid"] if body else None


def refs(items: list[dict[str, Any]]) -> set[str]:
    return {item["uuid"] for item in items}


def s(name: str) -> str:
    return str(U[name])


async def get(client: Any, path: str) -> dict[str, Any]:
    r = await client.get(path)
    assert r.status_code == 200, (path, r.text)
    return r.json()  # type: ignore[no-any-return]


def when(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))


async def test_every_resource_arrives_as_it_was(client, database, source, tmp_path):
    code, _, err, report = await run_import(
        database, "--database", source, report=tmp_path / "r.json"
    )
    assert code == 3, err  # finished, with refused rows
    assert report is not None and report["complete"]
    await check_partijen(client)
    await check_klantcontacten(client)
    await check_actoren(client)
    gp = await get(client, f"{CG}/persoon/{s('gp1')}")
    assert gp["geboortedatum"] == "1980-02-29" and gp["geslachtsnaam"] == "Jansen"
    assert gp["adres"]["postcode"] == "1012JS"
    go = await get(client, f"{CG}/organisatie/{s('go1')}")
    assert go["handelsnaam"] == "Bakkerij" and go["oprichtingsdatum"] == "1999-01-01"


async def check_partijen(client: Any) -> None:
    p1 = await get(client, f"/partijen/{s('p1')}")
    assert p1["nummer"] == "0000000001" and p1["soortPartij"] == "persoon"
    assert p1["interneNotitie"] == "vaste klant" and p1["indicatieGeheimhouding"] is True
    assert p1["voorkeurstaal"] == "nld" and p1["indicatieActief"] is True
    assert p1["bezoekadres"] == ADRES_WIRE and p1["correspondentieadres"] == ADRES_WIRE
    assert p1["partijIdentificatie"]["contactnaam"] == {
        "voorletters": "A.",
        "voornaam": "Anna",
        "voorvoegselAchternaam": "de",
        "achternaam": "Vries",
    }
    assert ref(p1["voorkeursDigitaalAdres"]) == s("da1")
    assert ref(p1["voorkeursRekeningnummer"]) == s("r1")
    assert refs(p1["digitaleAdressen"]) == {s("da1"), s("da2")}  # da4 refused
    assert refs(p1["rekeningnummers"]) == {s("r1"), s("r2")}
    assert refs(p1["partijIdentificatoren"]) == {s("i1")}
    assert refs(p1["categorieRelaties"]) == {s("cr1")}
    assert refs(p1["betrokkenen"]) == {s("b1")}
    p2 = await get(client, f"/partijen/{s('p2')}")
    assert p2["partijIdentificatie"] == {"naam": "Bakkerij de Vries"}
    assert refs(p2["partijIdentificatoren"]) == {s("i2"), s("i3")}
    p3 = await get(client, f"/partijen/{s('p3')}")
    assert p3["indicatieActief"] is False and p3["nummer"] == "0000000003"
    assert p3["partijIdentificatie"]["uuid"] == s("cp3")
    assert ref(p3["partijIdentificatie"]["werkteVoorPartij"]) == s("p4")
    p5 = await get(client, f"/partijen/{s('p5')}")
    # The leftover organisatie record and the other partij's voorkeur are not kept (reported).
    assert p5["partijIdentificatie"] is None and p5["voorkeursDigitaalAdres"] is None
    assert p5["nummer"] is None
    i1 = await get(client, f"/partij-identificatoren/{s('i1')}")
    assert i1["partijIdentificator"] == {
        "codeObjecttype": "natuurlijk_persoon",
        "codeSoortObjectId": "bsn",
        "objectId": "123456789",
        "codeRegister": "brp",
    }
    assert i1["anderePartijIdentificator"] == "oud" and ref(i1["identificeerdePartij"]) == s("p1")
    i3 = await get(client, f"/partij-identificatoren/{s('i3')}")
    assert ref(i3["subIdentificatorVan"]) == s("i2")
    assert i3["partijIdentificator"]["objectId"] == "000012345678"
    da1 = await get(client, f"/digitaleadressen/{s('da1')}")
    assert (da1["adres"], da1["soortDigitaalAdres"], da1["isStandaardAdres"]) == (
        "anna@example.nl",
        "email",
        True,
    )
    assert (da1["omschrijving"], da1["referentie"], da1["verificatieDatum"]) == (
        "privé",
        "portaal",
        "2024-01-02",
    )
    da3 = await get(client, f"/digitaleadressen/{s('da3')}")
    assert ref(da3["verstrektDoorBetrokkene"]) == s("b1") and da3["verstrektDoorPartij"] is None
    r1 = await get(client, f"/rekeningnummers/{s('r1')}")
    assert (r1["iban"], r1["bic"], ref(r1["partij"])) == ("NL91ABNA0417164300", "ABNANL2A", s("p1"))
    v1 = await get(client, f"/vertegenwoordigingen/{s('v1')}")
    assert ref(v1["vertegenwoordigendePartij"]) == s("p2")
    assert ref(v1["vertegenwoordigdePartij"]) == s("p1")
    cr1 = await get(client, f"/categorie-relaties/{s('cr1')}")
    assert ref(cr1["partij"]) == s("p1") and ref(cr1["categorie"]) == s("cat")
    assert cr1["beginDatum"] == "2020-01-01" and cr1["eindDatum"] is None
    cat = await get(client, f"/categorieen/{s('cat')}")
    assert cat["naam"] == "Ondernemer"


async def check_klantcontacten(client: Any) -> None:
    k1 = await get(client, f"/klantcontacten/{s('k1')}")
    assert (k1["nummer"], k1["referentienummer"], k1["kanaal"]) == (
        "0000000001",
        "REF1",
        "telefoon",
    )
    assert (k1["onderwerp"], k1["inhoud"], k1["reactie"]) == ("Afval", "Container vol", "Geleegd")
    assert k1["indicatieContactGelukt"] is True and k1["verdereActieOndernomen"] is False
    assert (k1["taal"], k1["vertrouwelijk"], k1["hoofdOnderwerpType"]) == ("nld", True, "afval")
    assert when(k1["plaatsgevondenOp"]) == WHEN
    assert k1["metadata"] == {"bron": "kcc", "n": [1, 2]}
    assert refs(k1["hadBetrokkenen"]) == {s("b1")}
    assert refs(k1["gingOverOnderwerpobjecten"]) == {s("o1")}
    assert refs(k1["omvatteBijlagen"]) == {s("bl1")}
    assert refs(k1["hadBetrokkenActoren"]) == {s("a1")}
    assert refs(k1["leiddeTotInterneTaken"]) == {s("t1")}
    assert (await client.get(f"/klantcontacten/{s('k2')}")).status_code == 404  # refused
    b1 = await get(client, f"/betrokkenen/{s('b1')}")
    assert ref(b1["wasPartij"]) == s("p1") and ref(b1["hadKlantcontact"]) == s("k1")
    assert (b1["rol"], b1["initiator"], b1["organisatienaam"]) == ("klant", True, "")
    assert b1["bezoekadres"] == ADRES_WIRE and b1["contactnaam"]["achternaam"] == "Vries"
    assert refs(b1["digitaleAdressen"]) == {s("da3")}
    assert (await client.get(f"/betrokkenen/{s('b2')}")).status_code == 404  # dangling
    o1 = await get(client, f"/onderwerpobjecten/{s('o1')}")
    assert ref(o1["klantcontact"]) == s("k1") and ref(o1["wasKlantcontact"]) == s("k3")
    assert o1["onderwerpobjectidentificator"] == identificator(
        "Z-1", "zaak", "openzaak", "identificatie"
    )
    bl1 = await get(client, f"/bijlagen/{s('bl1')}")
    assert ref(bl1["wasBijlageVanKlantcontact"]) == s("k1")
    assert bl1["bijlageidentificator"]["objectId"] == "D-1"


async def check_actoren(client: Any) -> None:
    a1 = await get(client, f"/actoren/{s('a1')}")
    assert (a1["naam"], a1["soortActor"], a1["indicatieActief"]) == ("Piet", "medewerker", True)
    assert a1["actoridentificator"] == identificator("m-1", "mdw", "ad", "id")
    assert a1["actorIdentificatie"] == {
        "functie": "KCC-medewerker",
        "emailadres": "piet@example.nl",
        "telefoonnummer": "0201234567",
    }
    a2 = await get(client, f"/actoren/{s('a2')}")
    assert a2["actorIdentificatie"] == {"functie": "chatbot", "omschrijving": "Beantwoordt vragen"}
    a3 = await get(client, f"/actoren/{s('a3')}")
    assert a3["indicatieActief"] is False
    assert a3["actorIdentificatie"] == {
        "omschrijving": "KCC",
        "emailadres": "kcc@example.nl",
        "faxnummer": "0201111111",
        "telefoonnummer": "0202222222",
    }
    ak1 = await get(client, f"/actorklantcontacten/{s('ak1')}")
    assert ref(ak1["actor"]) == s("a1") and ref(ak1["klantcontact"]) == s("k1")
    t1 = await get(client, f"/internetaken/{s('t1')}")
    assert (t1["nummer"], t1["referentienummer"], t1["status"]) == ("0000000001", "T-1", "verwerkt")
    assert (t1["gevraagdeHandeling"], t1["toelichting"]) == ("Terugbellen", "Graag snel")
    assert ref(t1["aanleidinggevendKlantcontact"]) == s("k1")
    assert [x["uuid"] for x in t1["toegewezenAanActoren"]] == [s("a2"), s("a1")]
    assert ref(t1["toegewezenAanActor"]) == s("a2")
    assert when(t1["toegewezenOp"]) == WHEN
    assert when(t1["afgehandeldOp"]) == WHEN + dt.timedelta(hours=2)


def findings(report: dict[str, Any], kind: str) -> dict[str, str]:
    return {f["key"]: f["reason"] for f in report[kind]}


async def test_refused_and_odd_rows_are_reported(database, token, source, tmp_path):
    code, _, _, report = await run_import(database, "--database", source, report=tmp_path / "r")
    assert code == 3 and report is not None
    refused = findings(report, "refused")
    assert set(refused) == {s("k2"), s("b2"), s("da4")}
    assert refused[s("k2")] == "inhoud: 1200 characters, the contract allows at most 1000"
    assert "had_klantcontact_uuid" in refused[s("b2")] and s("k2") in refused[s("b2")]
    assert "digitaal_adres" in refused[s("da4")]
    warnings = report["warnings"]
    assert {(w["resource"], w["key"]) for w in warnings} == {
        ("partijen", s("p5")),
        ("partij-identificatoren", s("i1")),
    }
    assert any("elfproef" in w["reason"] for w in warnings)
    counts = report["counts"]
    assert counts["klantcontacten"] == {"created": 2, "changed": 0, "unchanged": 0, "refused": 1}
    assert counts["partijen"] == {"created": 5, "changed": 0, "unchanged": 0, "refused": 0}
    assert counts["internetaak-actoren"]["created"] == 2
    # No personal data in what the command prints.
    _, out, err, _ = await run_import(database, "--database", source)
    for value in ("anna@example.nl", "123456789", "Vries", "Container vol"):
        assert value not in out + err


async def test_second_run_changes_nothing(client, database, source, tmp_path):
    _, _, _, first = await run_import(database, "--database", source, report=tmp_path / "1")
    code, _, _, second = await run_import(database, "--database", source, report=tmp_path / "2")
    assert code == 3 and first is not None and second is not None
    for name, c in second["counts"].items():
        before = first["counts"][name]
        assert c["created"] == 0 and c["changed"] == 0, name
        assert c["unchanged"] == before["created"] and c["refused"] == before["refused"], name
    assert second["refused"] == first["refused"]
    assert await checkpoints(database) == 0


async def test_a_changed_row_is_put_back_and_counted(client, database, source, tmp_path):
    await run_import(database, "--database", source)
    r = await client.patch(f"/klantcontacten/{s('k1')}", json={"onderwerp": "Anders"})
    assert r.status_code == 200, r.text
    _, _, _, report = await run_import(database, "--database", source, report=tmp_path / "r")
    assert report is not None
    assert report["counts"]["klantcontacten"] == {
        "created": 0,
        "changed": 1,
        "unchanged": 1,
        "refused": 1,
    }
    assert (await get(client, f"/klantcontacten/{s('k1')}"))["onderwerp"] == "Afval"


async def checkpoints(database: Any) -> int:
    async with database.session() as session:
        count = select(func.count()).select_from(import_checkpoint)
        return int((await session.execute(count)).scalar_one())


async def test_dry_run_writes_nothing(client, database, source, tmp_path):
    code, out, _, report = await run_import(
        database, "--database", source, "--dry-run", report=tmp_path / "r"
    )
    assert code == 3 and report is not None and report["dry_run"] is True
    assert "nothing was written" in out
    # What a real run would do, refusals included (the unique clash needs the database).
    assert report["counts"]["partijen"]["created"] == 5
    assert set(findings(report, "refused")) == {s("k2"), s("b2"), s("da4")}
    async with database.session() as session:
        assert (await session.execute(select(func.count()).select_from(partij))).scalar_one() == 0
    assert await checkpoints(database) == 0
    assert (await client.get(f"/partijen/{s('p1')}")).status_code == 404


async def test_bad_source_url(database, token, source):
    code, _, err, _ = await run_import(database, "--database", "mysql://h/db")
    assert code == 2 and "PostgreSQL URL" in err
    code, _, err, _ = await run_import(database)
    assert code == 2 and "--database" in err
    code, _, err, _ = await run_import(database, "--database", "postgresql://u@127.0.0.1:1/x")
    assert code == 1 and "Cannot reach" in err and "Traceback" not in err
    missing = source.rsplit("/", 1)[0] + "/no_such_database_here"
    code, _, err, _ = await run_import(database, "--database", missing)
    assert code == 1 and "InvalidCatalogNameError" in err and "Traceback" not in err
