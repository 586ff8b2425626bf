"""The real client library ``open-klant-client`` (PyPI 0.8.0) against a real server process.

The library is installed for this test into a temporary folder (it is not one of our
dependencies). It declares Python >= 3.12 for one line of PEP 695 syntax (a generic TypedDict);
on Python 3.11 that declaration is rewritten to its ``Generic[T]`` spelling after installing.
Without the package index the test is skipped with the reason.
"""

from __future__ import annotations

import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import server_process

CLIENT = "open-klant-client==0.8.0"
PEP_695 = "class PaginatedResponseBody[T](TypedDict):"
SPELLED_311 = (
    "from typing import Generic, TypeVar\nT = TypeVar('T')\n\n\n"
    "class PaginatedResponseBody(TypedDict, Generic[T]):"
)


@pytest.fixture(scope="session")
def openklant_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    target = tmp_path_factory.mktemp("open-klant-client")
    install = subprocess.run(
        [
            *(sys.executable, "-m", "pip", "install", "-q", "--ignore-requires-python"),
            *("--target", str(target), CLIENT),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if install.returncode != 0:
        pytest.skip(f"cannot install {CLIENT}: {install.stderr.strip()[-300:]}")
    if sys.version_info < (3, 12):
        module = Path(target) / "openklant_client" / "types" / "pagination.py"
        module.write_text(module.read_text().replace(PEP_695, SPELLED_311))
    sys.path.insert(0, str(target))
    try:
        import openklant_client

        yield openklant_client
    finally:
        sys.path.remove(str(target))


@pytest.fixture
async def server(database: Any, token: str) -> Any:
    async with server_process(database.url) as (origin, _proc):
        yield f"{origin}/klantinteracties/api/v1"


PERSOON = {
    "soortPartij": "persoon",
    "indicatieActief": True,
    "indicatieGeheimhouding": False,
    "voorkeurstaal": "nld",
    "partijIdentificatie": {
        "contactnaam": {"voornaam": "Anna", "voorvoegselAchternaam": "", "achternaam": "Jansen"}
    },
}


async def test_the_client_reads_our_answers_and_our_errors(openklant_client, server, token):
    from openklant_client.exceptions import BadRequest, NotFound, Unauthorized

    client = openklant_client.OpenKlantClient(server, token=token)
    created = client.partij.create_persoon(data=PERSOON)
    assert created["soortPartij"] == "persoon"
    assert client.partij.retrieve(created["uuid"])["uuid"] == created["uuid"]
    assert [p["uuid"] for p in client.partij.list()["results"]] == [created["uuid"]]

    with pytest.raises(BadRequest) as bad:  # the client library's own test case, against us
        client.partij.create_persoon(data={"soortPartij": "persoon"})  # type: ignore[typeddict-item]
    assert {p["name"] for p in bad.value.invalidParams} == {"indicatieActief"}
    assert bad.value.status == 400

    with pytest.raises(NotFound):
        client.partij.retrieve(uuid.uuid4())

    with pytest.raises(Unauthorized):
        openklant_client.OpenKlantClient(server, token="wrong").partij.list()
