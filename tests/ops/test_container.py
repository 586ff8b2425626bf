"""The container image and its deployments: the Dockerfile, docker-compose.yml and the
Kubernetes example read and checked on every run; the image built and run where a container
engine can run containers (skipped with the reason elsewhere)."""

from __future__ import annotations

import json
import re
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from typer.testing import CliRunner

from klantinteracties.cli import app
from klantinteracties.ops.health import LIVE, READY
from tests.helpers import API_PATH, free_port
from tests.ops.engine import container_engine

ROOT = Path(__file__).resolve().parents[2]
BUILD_TOOLS = re.compile(r"\b(gcc|g\+\+|cc|clang|make|build-essential|apt-get|apk)\b")


def instructions() -> list[tuple[str, str]]:
    """The Dockerfile's (INSTRUCTION, arguments), continuation lines joined, comments dropped."""
    text = re.sub(r"\\\n", " ", (ROOT / "Dockerfile").read_text())
    lines = (line.strip() for line in text.splitlines())
    return [
        (word.upper(), rest.strip())
        for word, _, rest in (line.partition(" ") for line in lines if line and line[0] != "#")
    ]


def final_stage() -> list[tuple[str, str]]:
    steps = instructions()
    last = max(i for i, (word, _) in enumerate(steps) if word == "FROM")
    return steps[last:]


def compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    return loaded


def cli_accepts(args: list[str]) -> bool:
    return CliRunner().invoke(app, [*args, "--help"]).exit_code == 0


def test_the_image_is_built_in_two_stages_from_a_slim_python():
    froms = [rest for word, rest in instructions() if word == "FROM"]
    assert len(froms) >= 2 and froms[0].endswith(" AS build"), froms
    assert re.fullmatch(r"python:3\.1[12]-slim", froms[-1]), froms[-1]


def test_the_final_stage_has_no_build_tools_and_fetches_nothing():
    steps = final_stage()
    assert any(word == "COPY" for word, _ in steps)
    for word, rest in steps:
        if word == "RUN":
            assert not BUILD_TOOLS.search(rest) and "pip" not in rest, rest
        if word in ("COPY", "ADD"):
            assert rest.startswith("--from=build "), rest  # only what the build stage made
    build_from = instructions()[0][1].split()[0]
    assert build_from == final_stage()[0][1], "the venv needs the same Python in both stages"


def test_the_image_runs_as_a_user_not_root_and_serves_by_default():
    steps = dict(final_stage())
    user = steps["USER"].split(":")[0]
    assert user not in ("root", "0"), user
    assert json.loads(steps["ENTRYPOINT"]) == ["klantinteracties"]
    assert json.loads(steps["CMD"]) == ["serve"]
    assert cli_accepts(["serve"]) and cli_accepts(["worker"])
    check = steps["HEALTHCHECK"].split(" CMD ", 1)[1]
    assert json.loads(check) == ["klantinteracties", "healthcheck"]
    assert cli_accepts(["healthcheck"])


def test_the_build_context_leaves_local_state_out():
    ignored = (ROOT / ".dockerignore").read_text().split()
    for entry in (".git", ".venv", "data", "*.db", ".env"):
        assert entry in ignored, entry


def test_compose_runs_postgres_migrations_server_and_worker_in_order():
    services = compose()["services"]
    postgres = services["postgres"]
    assert "pg_isready" in postgres["healthcheck"]["test"]
    volume = postgres["volumes"][0].split(":")[0]
    assert volume in compose()["volumes"]
    healthy = {"condition": "service_healthy"}
    migrated = {"condition": "service_completed_successfully"}
    assert services["migrate"]["command"] == ["db", "upgrade"] and cli_accepts(["db", "upgrade"])
    for name, command in (("server", ["serve"]), ("worker", ["worker"])):
        service = services[name]
        assert service["command"] == command and cli_accepts(command)
        assert service["depends_on"] == {"postgres": healthy, "migrate": migrated}
    for name in ("migrate", "server", "worker"):
        env = services[name]["environment"]
        assert env["DATABASE_URL"].startswith("postgresql+asyncpg://"), name
        assert "@postgres:5432/" in env["DATABASE_URL"], name
        assert env["KLANTINTERACTIES_AUTO_MIGRATE"] == "false", name  # `migrate` did it
    assert services["server"]["healthcheck"]["test"] == ["CMD", "klantinteracties", "healthcheck"]
    assert services["worker"]["healthcheck"] == {"disable": True}  # it serves no HTTP


def test_the_kubernetes_example_probes_the_health_endpoints():
    docs = list(yaml.safe_load_all((ROOT / "docs/deploy/kubernetes.yaml").read_text()))
    kinds = {(d["kind"], d["metadata"]["name"]): d for d in docs}
    uid = int(dict(final_stage())["USER"].split(":")[0])
    server = kinds[("Deployment", "klantinteracties")]["spec"]["template"]["spec"]
    container = server["containers"][0]
    assert container["livenessProbe"]["httpGet"]["path"] == LIVE
    assert container["readinessProbe"]["httpGet"]["path"] == READY
    assert container["ports"][0]["containerPort"] == 8000
    assert server["securityContext"]["runAsUser"] == uid
    job = kinds[("Job", "klantinteracties-migrate-1-0-0")]["spec"]["template"]["spec"]
    for spec in (server, job):
        assert cli_accepts(spec["containers"][0]["args"])
    worker = kinds[("Deployment", "klantinteracties-worker")]["spec"]["template"]["spec"]
    assert worker["containers"][0]["args"] == ["worker"]


# ----- the image itself, where containers run ---------------------------------------------------
def _engine() -> str:
    engine, why = container_engine()
    if engine is None:
        pytest.skip(f"no container engine can run containers here: {why}")
    return engine


def _run(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, timeout=timeout, check=False)


@pytest.fixture(scope="module")
def image() -> Iterator[tuple[str, str]]:
    engine = _engine()
    tag = f"klantinteracties-test:{uuid.uuid4().hex[:8]}"
    built = _run(engine, "build", "-t", tag, str(ROOT), timeout=1200)
    assert built.returncode == 0, built.stderr[-3000:]
    try:
        yield engine, tag
    finally:
        _run(engine, "rmi", "-f", tag)


def test_the_image_serves_a_request_and_stops_on_sigterm(image):
    engine, tag = image
    port = free_port()
    started = _run(engine, "run", "-d", "-p", f"127.0.0.1:{port}:8000", tag)
    assert started.returncode == 0, started.stderr
    container = started.stdout.strip()
    try:
        origin = f"http://127.0.0.1:{port}"
        for _ in range(120):
            try:
                if httpx.get(origin + READY).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.5)
        else:
            raise AssertionError(_run(engine, "logs", container).stderr[-3000:])
        assert _run(engine, "exec", container, "klantinteracties", "healthcheck").returncode == 0
        assert _run(engine, "exec", container, "id", "-u").stdout.strip() != "0"
        created = _run(engine, "exec", container, "klantinteracties", "token", "create", "t")
        assert created.returncode == 0, created.stderr
        headers = {"Authorization": f"Token {created.stdout.strip()}"}
        r = httpx.get(f"{origin}{API_PATH}/categorieen", headers=headers)
        assert r.status_code == 200, r.text
        stopped = _run(engine, "stop", "--time", "20", container, timeout=60)
        assert stopped.returncode == 0, stopped.stderr
        code = _run(engine, "inspect", "--format", "{{.State.ExitCode}}", container).stdout
        assert code.strip() in ("0", "143"), code  # SIGTERM handled, not killed (137)
    finally:
        _run(engine, "rm", "-f", container)


def test_the_image_has_no_compiler_and_runs_the_worker_command(image):
    engine, tag = image
    probe = _run(engine, "run", "--rm", "--entrypoint", "sh", tag, "-c", "command -v gcc cc")
    assert probe.returncode != 0 and not probe.stdout.strip(), probe.stdout
    worker = _run(engine, "run", "--rm", tag, "worker")  # no Notificaties API configured
    assert worker.returncode == 2 and "NOTIFICATIONS_URL" in worker.stderr, worker.stderr
