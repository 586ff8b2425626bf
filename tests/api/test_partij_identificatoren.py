from __future__ import annotations

import uuid
from typing import Any

import pytest
from sqlalchemy import insert

from klantinteracties.api.partij_identificatoren.rules import check_identificator, elfproef
from klantinteracties.api.partij_identificatoren.schemas import PartijIdentificator
from klantinteracties.db.models import partij
from tests.helpers import invalid_params, problem

PI = "/partij-identificatoren"
BASE = "http://testserver.local/klantinteracties/api/v1"
MISSING = "6f2b9f2e-8e0b-4a3c-9d4e-0a8d1c1e2f3a"


def groep(soort: str, object_id: str) -> dict[str, str]:
    """A partijIdentificator group whose objecttype and register fit the soort."""
    objecttype, register = {
        "bsn": ("natuurlijk_persoon", "brp"),
        "rsin": ("niet_natuurlijk_persoon", "hr"),
        "kvk_nummer": ("niet_natuurlijk_persoon", "hr"),
        "vestigingsnummer": ("vestiging", "hr"),
    }[soort]
    return {
        "codeObjecttype": objecttype,
        "codeSoortObjectId": soort,
        "objectId": object_id,
        "codeRegister": register,
    }


def ref(uuid_: str) -> dict[str, str]:
    return {"uuid": uuid_}


@pytest.fixture
def make_partij(database: Any) -> Any:
    """Inserts a partij row directly, because /partijen is built in parallel.
    TODO: switch to POST /partijen once that endpoint exists."""

    async def make() -> str:
        key = uuid.uuid4()
        async with database.session(write=True) as session:
            await session.execute(
                insert(partij).values(uuid=key, soort_partij="persoon", indicatie_actief=True)
            )
            await session.commit()
        return str(key)

    return make


async def create(client: Any, **body: Any) -> dict[str, Any]:
    r = await client.post(PI, json=body)
    assert r.status_code == 201, r.text
    return r.json()


async def kvk(client: Any, number: str = "12345678", **extra: Any) -> dict[str, Any]:
    return await create(client, partijIdentificator=groep("kvk_nummer", number), **extra)


# ----- CRUD and representation --------------------------------------------------------------


async def test_crud_and_representation(client, make_partij):
    partij_uuid = await make_partij()
    body = {
        "identificeerdePartij": ref(partij_uuid),
        "partijIdentificator": groep("bsn", "296648875"),
    }
    r = await client.post(PI, json=body)
    assert r.status_code == 201, r.text
    item = r.json()
    key = item["uuid"]
    assert r.headers["Location"] == item["url"] == f"{BASE}{PI}/{key}"
    assert item == {
        "uuid": key,
        "url": f"{BASE}{PI}/{key}",
        "identificeerdePartij": {"uuid": partij_uuid, "url": f"{BASE}/partijen/{partij_uuid}"},
        "anderePartijIdentificator": "",
        "partijIdentificator": {
            "codeObjecttype": "natuurlijk_persoon",
            "codeSoortObjectId": "bsn",
            "objectId": "296648875",
            "codeRegister": "brp",
        },
        "subIdentificatorVan": None,
    }
    assert list(item) == [
        "uuid",
        "url",
        "identificeerdePartij",
        "anderePartijIdentificator",
        "partijIdentificator",
        "subIdentificatorVan",
    ]
    assert list(item["partijIdentificator"]) == [
        "codeObjecttype",
        "codeSoortObjectId",
        "objectId",
        "codeRegister",
    ]
    r = await client.get(f"{PI}/{key}")
    assert r.status_code == 200 and r.json() == item

    # PUT: omitted optional fields stay as they are
    r = await client.put(f"{PI}/{key}", json={"partijIdentificator": groep("bsn", "111222333")})
    assert r.status_code == 200, r.text
    assert r.json()["partijIdentificator"]["objectId"] == "111222333"
    assert r.json()["identificeerdePartij"]["uuid"] == partij_uuid

    # PATCH without the group keeps it
    r = await client.patch(f"{PI}/{key}", json={"anderePartijIdentificator": "oud nummer"})
    assert r.status_code == 200, r.text
    assert r.json()["anderePartijIdentificator"] == "oud nummer"
    assert r.json()["partijIdentificator"]["objectId"] == "111222333"

    r = await client.patch(f"{PI}/{key}", json={"identificeerdePartij": None})
    assert r.json()["identificeerdePartij"] is None

    r = await client.delete(f"{PI}/{key}")
    assert r.status_code == 204 and r.content == b""
    problem(await client.get(f"{PI}/{key}"), 404)
    problem(await client.delete(f"{PI}/{key}"), 404)
    problem(await client.get(f"{PI}/not-a-uuid"), 404)


async def test_snake_case_body_and_standalone_identificator(client):
    r = await client.post(
        PI,
        json={
            "partij_identificator": {
                "code_objecttype": "niet_natuurlijk_persoon",
                "code_soort_object_id": "kvk_nummer",
                "object_id": "87654321",
                "code_register": "hr",
            },
            "andere_partij_identificator": "x",
        },
    )
    assert r.status_code == 201, r.text
    assert r.json()["identificeerdePartij"] is None
    assert r.json()["partijIdentificator"]["objectId"] == "87654321"
    assert r.json()["anderePartijIdentificator"] == "x"


async def test_uuid_in_body_is_ignored(client):
    r = await client.post(
        PI, json={"uuid": MISSING, "partijIdentificator": groep("bsn", "111222333")}
    )
    assert r.status_code == 201, r.text
    key = r.json()["uuid"]
    assert key != MISSING
    r = await client.patch(f"{PI}/{key}", json={"uuid": MISSING})
    assert r.status_code == 200 and r.json()["uuid"] == key
    problem(await client.get(f"{PI}/{MISSING}"), 404)


# ----- field validation ---------------------------------------------------------------------


async def test_group_is_required(client):
    assert invalid_params(await client.post(PI, json={})) == {"partijIdentificator": "required"}
    r = await client.post(PI, json={"partijIdentificator": {}})
    assert invalid_params(r) == {"partijIdentificator": "required"}
    r = await client.post(PI, json={"partijIdentificator": None})  # code null, as the reference
    assert invalid_params(r) == {"partijIdentificator": "null"}
    r = await client.post(PI, json={"partijIdentificator": {"codeObjecttype": "vestiging"}})
    assert invalid_params(r) == {
        "partijIdentificator.codeSoortObjectId": "required",
        "partijIdentificator.objectId": "required",
        "partijIdentificator.codeRegister": "required",
    }
    item = await kvk(client)
    r = await client.put(f"{PI}/{item['uuid']}", json={"anderePartijIdentificator": "a"})
    assert invalid_params(r) == {"partijIdentificator": "required"}
    r = await client.patch(f"{PI}/{item['uuid']}", json={"partijIdentificator": None})
    assert invalid_params(r) == {"partijIdentificator": "null"}
    r = await client.patch(f"{PI}/{item['uuid']}", json={"partijIdentificator": {}})
    assert invalid_params(r) == {"partijIdentificator": "required"}
    r = await client.patch(
        f"{PI}/{item['uuid']}", json={"partijIdentificator": {"objectId": "12345678"}}
    )
    assert set(invalid_params(r)) == {
        "partijIdentificator.codeObjecttype",
        "partijIdentificator.codeSoortObjectId",
        "partijIdentificator.codeRegister",
    }
    assert (await client.get(f"{PI}/{item['uuid']}")).json() == item


async def test_enum_and_type_errors(client):
    for field in ("codeObjecttype", "codeSoortObjectId", "codeRegister"):
        bad = {**groep("bsn", "111222333"), field: "bogus"}
        r = await client.post(PI, json={"partijIdentificator": bad})
        assert invalid_params(r) == {f"partijIdentificator.{field}": "invalid_choice"}
        r = await client.post(PI, json={"partijIdentificator": {**bad, field: None}})
        assert invalid_params(r) == {f"partijIdentificator.{field}": "null"}
    # A number is taken as its text (as the reference does), here not a valid BSN
    r = await client.post(PI, json={"partijIdentificator": {**groep("bsn", "1"), "objectId": 5}})
    assert invalid_params(r) == {"partijIdentificatorObjectId": "invalid"}
    r = await client.post(PI, json={"partijIdentificator": groep("bsn", "1" * 201)})
    assert invalid_params(r) == {"partijIdentificator.objectId": "max_length"}
    r = await client.post(
        PI,
        json={
            "partijIdentificator": groep("bsn", "111222333"),
            "anderePartijIdentificator": "x" * 201,
        },
    )
    assert invalid_params(r) == {"anderePartijIdentificator": "max_length"}
    r = await client.post(
        PI,
        json={"partijIdentificator": groep("bsn", "111222333"), "anderePartijIdentificator": None},
    )
    assert invalid_params(r) == {"anderePartijIdentificator": "null"}
    r = await client.post(PI, json={"partijIdentificator": "bsn"})
    assert invalid_params(r) == {"partijIdentificator.nonFieldErrors": "invalid"}
    r = await client.post(PI, json=[groep("bsn", "111222333")])
    assert invalid_params(r) == {"nonFieldErrors": "invalid"}
    r = await client.post(PI, content=b"{", headers={"Content-Type": "application/json"})
    assert problem(r, 400)["code"] == "parse_error"


async def test_unknown_and_malformed_references(client):
    body = {"partijIdentificator": groep("bsn", "111222333")}
    r = await client.post(PI, json={**body, "identificeerdePartij": ref(MISSING)})
    assert invalid_params(r) == {"identificeerdePartij.uuid": "invalid"}
    r = await client.post(PI, json={**body, "identificeerdePartij": ref("nope")})
    assert invalid_params(r) == {"identificeerdePartij.uuid": "invalid"}
    r = await client.post(PI, json={**body, "identificeerdePartij": "nope"})
    assert invalid_params(r) == {"identificeerdePartij.nonFieldErrors": "invalid"}
    r = await client.post(PI, json={**body, "identificeerdePartij": {"url": "http://x.nl/y"}})
    assert invalid_params(r) == {"identificeerdePartij.uuid": "required"}
    r = await client.post(PI, json={**body, "subIdentificatorVan": ref(MISSING)})
    assert invalid_params(r) == {"subIdentificatorVan.uuid": "invalid"}
    assert (await client.get(PI)).json()["count"] == 0


# ----- rules of §5.2 ------------------------------------------------------------------------


def test_elfproef():
    for valid in ("111222333", "296648875", "123456782"):
        assert elfproef(valid), valid
    for wrong in ("123456789", "111222334", "12345678a", "", "\uff11" * 9):
        assert not elfproef(wrong), wrong


@pytest.mark.parametrize(
    ("register", "objecttype", "soort", "object_id", "error"),
    [
        (
            "brp",
            "niet_natuurlijk_persoon",
            "rsin",
            "296648875",
            "partijIdentificatorCodeObjecttype",
        ),
        ("brp", "vestiging", "bsn", "111222333", "partijIdentificatorCodeObjecttype"),
        ("hr", "natuurlijk_persoon", "bsn", "111222333", "partijIdentificatorCodeObjecttype"),
        (
            "brp",
            "natuurlijk_persoon",
            "kvk_nummer",
            "12345678",
            "partijIdentificatorCodeSoortObjectId",
        ),
        (
            "hr",
            "niet_natuurlijk_persoon",
            "bsn",
            "111222333",
            "partijIdentificatorCodeSoortObjectId",
        ),
        ("hr", "vestiging", "kvk_nummer", "12345678", "partijIdentificatorCodeSoortObjectId"),
        # Both misfit: only the register -> objecttype one is reported
        ("brp", "vestiging", "kvk_nummer", "12345678", "partijIdentificatorCodeObjecttype"),
    ],
)
async def test_type_hierarchy(client, register, objecttype, soort, object_id, error):
    group = {
        "codeObjecttype": objecttype,
        "codeSoortObjectId": soort,
        "objectId": object_id,
        "codeRegister": register,
    }
    r = await client.post(PI, json={"partijIdentificator": group})
    assert invalid_params(r) == {error: "invalid"}


async def test_valid_hierarchy_combinations(client):
    await create(client, partijIdentificator=groep("bsn", "111222333"))
    await create(client, partijIdentificator=groep("rsin", "296648875"))
    parent = await kvk(client)
    await create(
        client,
        partijIdentificator=groep("vestigingsnummer", "000012345678"),
        subIdentificatorVan=ref(parent["uuid"]),
    )


@pytest.mark.parametrize(
    ("soort", "object_id", "valid"),
    [
        ("bsn", "111222333", True),
        ("bsn", "296648875", True),
        ("bsn", "123456782", True),
        ("bsn", "123456789", False),  # fails the elfproef
        ("bsn", "12345678", False),  # too short
        ("bsn", "1234567820", False),  # too long
        ("bsn", "12345678a", False),  # not digits
        ("bsn", "", False),
        ("rsin", "296648875", True),
        ("rsin", "123456789", False),
        ("rsin", "29664887", False),
        ("kvk_nummer", "12345678", True),
        ("kvk_nummer", "00000000", True),  # no checksum
        ("kvk_nummer", "1234567", False),
        ("kvk_nummer", "123456789", False),
        ("kvk_nummer", "1234567a", False),
        ("vestigingsnummer", "123456789012", True),
        ("vestigingsnummer", "12345678901", False),
        ("vestigingsnummer", "1234567890123", False),
        ("vestigingsnummer", "12345678901a", False),
    ],
)
async def test_object_id_format(client, soort, object_id, valid):
    body: dict[str, Any] = {"partijIdentificator": groep(soort, object_id)}
    if soort == "vestigingsnummer":
        body["subIdentificatorVan"] = ref((await kvk(client))["uuid"])
    r = await client.post(PI, json=body)
    if valid:
        assert r.status_code == 201, r.text
    else:
        assert invalid_params(r) == {"partijIdentificatorObjectId": "invalid"}


async def test_vestigingsnummer_needs_kvk_parent(client):
    vestiging = groep("vestigingsnummer", "123456789012")
    r = await client.post(PI, json={"partijIdentificator": vestiging})
    assert invalid_params(r) == {"subIdentificatorVan": "invalid"}
    r = await client.post(PI, json={"partijIdentificator": vestiging, "subIdentificatorVan": None})
    assert invalid_params(r) == {"subIdentificatorVan": "invalid"}

    bsn = await create(client, partijIdentificator=groep("bsn", "111222333"))
    r = await client.post(
        PI, json={"partijIdentificator": vestiging, "subIdentificatorVan": ref(bsn["uuid"])}
    )
    assert invalid_params(r) == {"subIdentificatorVan": "invalid"}

    parent = await kvk(client)
    child = await create(
        client, partijIdentificator=vestiging, subIdentificatorVan=ref(parent["uuid"])
    )
    assert child["subIdentificatorVan"] == {"uuid": parent["uuid"], "url": parent["url"]}

    # The parent cannot be removed from a vestigingsnummer, not even by a PATCH of another field
    r = await client.patch(f"{PI}/{child['uuid']}", json={"subIdentificatorVan": None})
    assert invalid_params(r) == {"subIdentificatorVan": "invalid"}
    r = await client.patch(f"{PI}/{child['uuid']}", json={"anderePartijIdentificator": "x"})
    assert r.status_code == 200, r.text
    assert r.json()["subIdentificatorVan"]["uuid"] == parent["uuid"]


async def test_any_sub_identificator_must_be_a_kvk_nummer(client):
    rsin = await create(client, partijIdentificator=groep("rsin", "296648875"))
    r = await client.post(
        PI,
        json={
            "partijIdentificator": groep("bsn", "111222333"),
            "subIdentificatorVan": ref(rsin["uuid"]),
        },
    )
    assert invalid_params(r) == {"subIdentificatorVan": "invalid"}
    parent = await kvk(client)
    r = await client.post(
        PI,
        json={
            "partijIdentificator": groep("bsn", "111222333"),
            "subIdentificatorVan": ref(parent["uuid"]),
        },
    )
    assert r.status_code == 201, r.text


async def test_not_its_own_sub_identificator(client):
    item = await kvk(client)
    r = await client.patch(f"{PI}/{item['uuid']}", json={"subIdentificatorVan": ref(item["uuid"])})
    assert invalid_params(r) == {"subIdentificatorVan": "invalid"}
    r = await client.put(
        f"{PI}/{item['uuid']}",
        json={
            "partijIdentificator": groep("kvk_nummer", "12345678"),
            "subIdentificatorVan": ref(item["uuid"]),
        },
    )
    assert invalid_params(r) == {"subIdentificatorVan": "invalid"}


async def test_soort_of_a_parent_cannot_change(client):
    parent = await kvk(client)
    await create(
        client,
        partijIdentificator=groep("vestigingsnummer", "123456789012"),
        subIdentificatorVan=ref(parent["uuid"]),
    )
    rsin = groep("rsin", "296648875")
    r = await client.patch(f"{PI}/{parent['uuid']}", json={"partijIdentificator": rsin})
    assert invalid_params(r) == {"partijIdentificatorCodeSoortObjectId": "invalid"}
    # The same soort with another number is fine
    r = await client.patch(
        f"{PI}/{parent['uuid']}", json={"partijIdentificator": groep("kvk_nummer", "11111111")}
    )
    assert r.status_code == 200, r.text

    childless = await kvk(client, "22222222")
    r = await client.patch(f"{PI}/{childless['uuid']}", json={"partijIdentificator": rsin})
    assert r.status_code == 200, r.text
    assert r.json()["partijIdentificator"] == rsin


async def test_unique_without_parent(client):
    await kvk(client)
    r = await client.post(PI, json={"partijIdentificator": groep("kvk_nummer", "12345678")})
    assert invalid_params(r) == {"__all__": "invalid"}
    other = await kvk(client, "87654321")
    r = await client.patch(
        f"{PI}/{other['uuid']}", json={"partijIdentificator": groep("kvk_nummer", "12345678")}
    )
    assert invalid_params(r) == {"__all__": "invalid"}
    # Saving a row with its own values again is not a clash
    r = await client.put(
        f"{PI}/{other['uuid']}", json={"partijIdentificator": groep("kvk_nummer", "87654321")}
    )
    assert r.status_code == 200, r.text


async def test_unique_under_parent(client):
    first, second = await kvk(client, "11111111"), await kvk(client, "22222222")
    vestiging = groep("vestigingsnummer", "123456789012")
    await create(client, partijIdentificator=vestiging, subIdentificatorVan=ref(first["uuid"]))
    # The same vestigingsnummer under another KvK number is allowed
    moved = await create(
        client, partijIdentificator=vestiging, subIdentificatorVan=ref(second["uuid"])
    )
    r = await client.post(
        PI, json={"partijIdentificator": vestiging, "subIdentificatorVan": ref(first["uuid"])}
    )
    assert invalid_params(r) == {"__all__": "invalid"}
    r = await client.patch(
        f"{PI}/{moved['uuid']}", json={"subIdentificatorVan": ref(first["uuid"])}
    )
    assert invalid_params(r) == {"__all__": "invalid"}


async def test_one_identificator_per_soort_per_partij(client, make_partij):
    partij_a, partij_b = await make_partij(), await make_partij()
    await create(
        client, identificeerdePartij=ref(partij_a), partijIdentificator=groep("bsn", "111222333")
    )
    r = await client.post(
        PI,
        json={
            "identificeerdePartij": ref(partij_a),
            "partijIdentificator": groep("bsn", "296648875"),
        },
    )
    assert invalid_params(r) == {"__all__": "invalid"}
    # Another soort for the same partij is fine, and so is the bsn for another partij
    await create(
        client, identificeerdePartij=ref(partij_a), partijIdentificator=groep("rsin", "296648875")
    )
    other = await create(
        client, identificeerdePartij=ref(partij_b), partijIdentificator=groep("bsn", "296648875")
    )
    # Moving it to a partij that already has a bsn is refused
    r = await client.patch(f"{PI}/{other['uuid']}", json={"identificeerdePartij": ref(partij_a)})
    assert invalid_params(r) == {"__all__": "invalid"}


async def test_delete_of_a_parent_is_refused(client):
    parent = await kvk(client)
    child = await create(
        client,
        partijIdentificator=groep("vestigingsnummer", "123456789012"),
        subIdentificatorVan=ref(parent["uuid"]),
    )
    r = await client.delete(f"{PI}/{parent['uuid']}")
    assert invalid_params(r) == {"nonFieldErrors": "invalid"}
    assert (await client.get(f"{PI}/{parent['uuid']}")).status_code == 200
    assert (await client.delete(f"{PI}/{child['uuid']}")).status_code == 204
    assert (await client.delete(f"{PI}/{parent['uuid']}")).status_code == 204


async def test_check_identificator_prefix_and_exclude(client, database, make_partij):
    """The rules as the nested Partij.partijIdentificatoren list uses them."""
    partij_uuid = await make_partij()
    existing = await create(
        client, identificeerdePartij=ref(partij_uuid), partijIdentificator=groep("bsn", "111222333")
    )
    new = PartijIdentificator.model_validate({"partijIdentificator": groep("bsn", "296648875")})
    wrong = PartijIdentificator.model_validate({"partijIdentificator": groep("bsn", "123456789")})
    async with database.session() as session:
        kwargs: dict[str, Any] = {"current": None, "partij_uuid": uuid.UUID(partij_uuid)}
        errors = await check_identificator(
            session, new, prefix="partijIdentificatoren.0.", **kwargs
        )
        assert [(e.name, e.code) for e in errors] == [
            ("__all__", "invalid")
        ]
        # The existing bsn is about to be replaced in the same request: no clash
        gone = [uuid.UUID(existing["uuid"])]
        assert await check_identificator(session, new, exclude=gone, **kwargs) == []
        errors = await check_identificator(session, wrong, prefix="p.1.", exclude=gone, **kwargs)
        assert [(e.name, e.code) for e in errors] == [
            ("p.1.partijIdentificatorObjectId", "invalid")
        ]


# ----- list and filters ---------------------------------------------------------------------


async def test_filters(client):
    bsn = await create(
        client, partijIdentificator=groep("bsn", "111222333"), anderePartijIdentificator="oud"
    )
    parent = await kvk(client)
    vestiging = await create(
        client,
        partijIdentificator=groep("vestigingsnummer", "123456789012"),
        subIdentificatorVan=ref(parent["uuid"]),
    )

    async def found(**params: str) -> list[str]:
        r = await client.get(PI, params=params)
        assert r.status_code == 200, r.text
        return [x["uuid"] for x in r.json()["results"]]

    everything = await found()
    assert everything == [vestiging["uuid"], parent["uuid"], bsn["uuid"]]  # newest first
    assert await found(anderePartijIdentificator="oud") == [bsn["uuid"]]
    assert await found(anderePartijIdentificator="ou") == []
    assert await found(partijIdentificatorCodeObjecttype="niet_natuurlijk_persoon") == [
        parent["uuid"]
    ]
    assert await found(partijIdentificatorCodeSoortObjectId="vestigingsnummer") == [
        vestiging["uuid"]
    ]
    assert await found(partijIdentificatorObjectId="111222333") == [bsn["uuid"]]
    assert await found(partijIdentificatorObjectId="11122233") == []
    assert await found(partijIdentificatorCodeRegister="hr") == [vestiging["uuid"], parent["uuid"]]
    assert await found(partijIdentificatorCodeRegister="brp") == [bsn["uuid"]]
    assert await found(
        partijIdentificatorCodeRegister="hr", partijIdentificatorObjectId="12345678"
    ) == [parent["uuid"]]
    for name in (
        "partijIdentificatorCodeObjecttype",
        "partijIdentificatorCodeSoortObjectId",
        "partijIdentificatorCodeRegister",
    ):
        r = await client.get(PI, params={name: "bogus"})
        assert invalid_params(r) == {name: "invalid_choice"}
    r = await client.get(PI, params={"partijIdentificator__objectId": "111222333"})
    assert invalid_params(r) == {"nonFieldErrors": "unknown-parameters"}
    r = await client.get(f"{PI}/{bsn['uuid']}", params={"partijIdentificatorObjectId": "1"})
    assert invalid_params(r) == {"nonFieldErrors": "unknown-parameters"}


async def test_list_pagination_and_no_expand_key(client):
    for n in range(3):
        await kvk(client, f"1000000{n}")
    r = await client.get(PI, params={"pageSize": 2})
    body = r.json()
    assert body["count"] == 3 and len(body["results"]) == 2
    assert body["next"] == f"{BASE}{PI}?page=2&pageSize=2"
    assert "_expand" not in body["results"][0]
    problem(await client.get(PI, params={"page": 3, "pageSize": 2}), 404)


async def test_list_statement_count_is_constant(client, count_statements):
    async def count_for_list() -> int:
        with count_statements() as c:
            r = await client.get(PI, params={"pageSize": 50})
        assert r.status_code == 200
        return c.count

    parent = await kvk(client, "99999999")
    await create(
        client,
        partijIdentificator=groep("vestigingsnummer", "123456789012"),
        subIdentificatorVan=ref(parent["uuid"]),
    )
    few = await count_for_list()
    for n in range(28):
        await kvk(client, f"100000{n:02d}")
    assert (await client.get(PI)).json()["count"] == 30
    many = await count_for_list()
    L = count_statements.logged  # the processing log's own INSERT on SQLite
    assert few == many == 1 + L  # page (not full: no count; the token is cached)
