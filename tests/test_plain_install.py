"""The plain install (``pip install klantinteracties``, no extras) must give a working command.

A test environment has the dev extra installed, so an import of a dev-only package (httpx before
it became a runtime dependency, pytest, schemathesis, ...) would go unnoticed. These tests run the
real CLI in a subprocess in which every installed distribution that the runtime dependencies do
not pull in is made unimportable, and check every documented command: it works, or it says in one
line which extra to install. ``.ci/run`` also proves the README's first command in a fresh venv.
"""

from __future__ import annotations

import importlib.metadata as md
import json
import os
import subprocess
import sys
import time

import httpx
import pytest
from packaging.requirements import Requirement

from tests.helpers import free_port

# Runs in the subprocess: refuse the blocked top-level modules, then run the CLI.
_BLOCKER = """
import importlib.abc, json, os, sys
BLOCKED = set(json.loads(os.environ["KI_BLOCKED_MODULES"]))
class Blocker(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in BLOCKED:
            raise ModuleNotFoundError(f"No module named {name!r} (not in the plain install)")
        return None
sys.meta_path.insert(0, Blocker())
from klantinteracties.cli import app
app(prog_name="klantinteracties")
"""


def _runtime_closure() -> set[str]:
    """Normalised names of the distributions the plain install brings in, extras included
    where a requirement names them (``uvicorn[standard]``)."""
    seen: set[str] = set()
    todo: list[tuple[str, frozenset[str]]] = [("klantinteracties", frozenset())]
    while todo:
        name, extras = todo.pop()
        key = f"{_norm(name)}{sorted(extras)}"
        if key in seen:
            continue
        seen.add(key)
        try:
            dist = md.distribution(name)
        except md.PackageNotFoundError:
            continue  # a requirement for another platform or Python
        for raw in dist.requires or []:
            req = Requirement(raw)
            wanted = [{"extra": e} for e in extras] or [{"extra": ""}]
            if req.marker is None or any(req.marker.evaluate(env) for env in wanted):
                todo.append((req.name, frozenset(req.extras)))
    return {key.split("[")[0] for key in seen}


def _norm(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def _blocked_modules() -> list[str]:
    allowed = _runtime_closure()
    blocked = set()
    for module, dists in md.packages_distributions().items():
        if all(_norm(d) not in allowed for d in dists) and module not in sys.stdlib_module_names:
            blocked.add(module)
    return sorted(blocked)


@pytest.fixture(scope="module")
def plain_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    blocked = _blocked_modules()
    assert {"pytest", "schemathesis"} <= set(blocked)  # the blocker really blocks dev packages
    data = tmp_path_factory.mktemp("plain")
    env = {k: v for k, v in os.environ.items() if not k.startswith("KLANTINTERACTIES_")}
    env.pop("DATABASE_URL", None)
    env.update(KI_BLOCKED_MODULES=json.dumps(blocked), KLANTINTERACTIES_DATA_DIR=str(data / "d"))
    return env


def _cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", _BLOCKER, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    "args",
    [
        ("--help",),
        ("serve", "--help"),
        ("db", "--help"),
        ("token", "--help"),
        ("bench", "--help"),
        ("bench", "seed", "--help"),
        ("bench", "run", "--help"),
        ("bench", "compare", "--help"),
        ("setup", "apply", "--help"),  # setup helper (issue 15)
        ("config", "show"),
    ],
)
def test_every_command_loads_without_dev_packages(plain_env, args):
    result = _cli(plain_env, *args)
    assert result.returncode == 0, result.stderr
    assert "Usage" in result.stdout or args == ("config", "show")


def test_database_and_token_commands_work_without_dev_packages(plain_env):
    upgraded = _cli(plain_env, "db", "upgrade")
    assert upgraded.returncode == 0, upgraded.stderr
    created = _cli(plain_env, "token", "create", "plain-client")
    assert created.returncode == 0, created.stderr
    listed = _cli(plain_env, "token", "list")
    assert listed.returncode == 0 and "plain-client" in listed.stdout, listed.stderr


def test_serve_answers_without_dev_packages(plain_env, tmp_path):
    key = _cli(plain_env, "token", "create", "plain-serve").stdout.strip()
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-c", _BLOCKER, "serve", "--port", str(port)],
        # One process: spawned server processes would run without the blocker.
        env={**plain_env, "KLANTINTERACTIES_LOG_LEVEL": "warning", "KLANTINTERACTIES_WORKERS": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/klantinteracties/api/v1/categorieen"
        response = None
        for _ in range(150):
            try:
                response = httpx.get(url, headers={"Authorization": f"Token {key}"})
                break
            except httpx.TransportError:
                if proc.poll() is not None:
                    break
                time.sleep(0.1)
        assert response is not None, proc.communicate(timeout=10)[1]
        assert response.status_code == 200
    finally:
        proc.terminate()
        proc.communicate(timeout=30)
