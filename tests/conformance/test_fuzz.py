"""Property-based fuzzing of every operation with schemathesis, against a real server process.

The server runs on the test database (SQLite and PostgreSQL, like every test), seeded with every
kind of data. Schemathesis generates valid and invalid requests from the contract (corrected and
loosened as ``contract.fuzz_contract`` explains) and checks that

* no request gives a 5xx;
* responses conform to the contract's response schemas;
* invalid input is refused with a 4xx, and every 4xx carries a problem body (``st_hooks``).

Bounded: ``KI_FUZZ_EXAMPLES`` (default 10) examples per operation and phase, a fixed seed
(``KI_FUZZ_SEED``, default 1) so that a failure can be replayed. ``KI_FUZZ=0`` skips the test.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from tests.conformance.contract import CONTACTGEGEVENS, KLANTINTERACTIES, REPO, fuzz_contract
from tests.conformance.seed import seed
from tests.helpers import server_process

EXAMPLES = os.environ.get("KI_FUZZ_EXAMPLES", "10")
SEED = os.environ.get("KI_FUZZ_SEED", "1")
CHECKS = (
    "not_a_server_error,response_schema_conformance,negative_data_rejection,problem_body_on_4xx"
)
BUDGET = 600  # seconds per API; a run that takes longer is a failure, not a hang

pytestmark = pytest.mark.skipif(os.environ.get("KI_FUZZ") == "0", reason="KI_FUZZ=0")


@pytest.fixture
async def server(database: Any, token: str) -> AsyncIterator[str]:
    """``http://127.0.0.1:<port>`` of a server process on the test database."""
    async with server_process(database.url) as (origin, proc):
        yield origin
        proc.terminate()
        _, err = await proc.communicate()
        if b"Traceback" in err:  # a 500 is also caught by schemathesis; this says where
            print(err.decode(errors="replace")[-5000:])


async def _schemathesis(contract: dict[str, Any], base: str, token: str, tmp: Path) -> str:
    location = tmp / "contract.json"
    location.write_text(json.dumps(contract))
    args = [
        str(location),
        f"--url={base}",
        f"--header=Authorization: Token {token}",
        f"--checks={CHECKS}",
        f"--max-examples={EXAMPLES}",
        f"--seed={SEED}",
        "--generation-database=none",
        "--no-color",
    ]
    env = {
        **os.environ,
        "SCHEMATHESIS_HOOKS": "tests.conformance.st_hooks",
        "PYTHONPATH": str(REPO),
    }
    proc = await asyncio.create_subprocess_exec(
        str(Path(sys.executable).with_name("st")),
        "run",
        *args,
        cwd=tmp,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    try:
        out, _ = await asyncio.wait_for(proc.communicate(), BUDGET)
    except TimeoutError:
        proc.kill()
        pytest.fail(f"schemathesis took longer than {BUDGET}s")
    text = out.decode(errors="replace")
    assert proc.returncode == 0, text[text.find("FAILURES") - 40 :] if "FAILURES" in text else text
    return text


@pytest.mark.parametrize(
    ("contract_file", "prefix"),
    [(KLANTINTERACTIES, "/klantinteracties/api/v1"), (CONTACTGEGEVENS, "/contactgegevens/api/v1")],
)
async def test_fuzz_every_operation(client, server, token, tmp_path, contract_file, prefix):
    contract = fuzz_contract(contract_file)  # skips, with the reason, without the contract
    await seed(client)
    out = await _schemathesis(contract, server + prefix, token, tmp_path)
    assert "Tested:" in out
