"""``klantinteracties config show``, the README's settings table, and settings that are not valid
stopping every command with one line per variable."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from klantinteracties.ops.config import render
from klantinteracties.settings import Settings, variables

README = Path(__file__).resolve().parents[2] / "README.md"


def cli(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("KLANTINTERACTIES_")}
    clean.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "klantinteracties", *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_show_names_every_setting_its_value_and_source_with_secrets_masked(tmp_path):
    r = cli(
        "config",
        "show",
        "--format",
        "json",
        KLANTINTERACTIES_PORT="9123",
        DATABASE_URL="postgresql+asyncpg://ki:hunter2pw@db.example:5432/ki",
        KLANTINTERACTIES_NOTIFICATIONS_SECRET="s3cr3t-value",
        KLANTINTERACTIES_PROCESSING_LOG_KEY="another-s3cr3t",
    )
    assert r.returncode == 0, r.stderr
    assert "hunter2pw" not in r.stdout and "s3cr3t" not in r.stdout
    by_variable = {row["variable"]: row for row in json.loads(r.stdout)}
    assert set(by_variable) == {variables(name)[0] for name in Settings.model_fields}
    assert by_variable["KLANTINTERACTIES_PORT"] | {"description": ""} == {
        "name": "port",
        "variable": "KLANTINTERACTIES_PORT",
        "value": "9123",
        "default": "8000",
        "source": "environment",
        "description": "",
    }
    assert by_variable["KLANTINTERACTIES_HOST"]["source"] == "default"
    assert by_variable["KLANTINTERACTIES_NOTIFICATIONS_SECRET"]["value"] == "********"
    assert by_variable["KLANTINTERACTIES_NOTIFICATIONS_AUTHORIZATION"]["value"] == ""
    assert by_variable["DATABASE_URL"]["value"] == (
        "postgresql+asyncpg://ki:********@db.example:5432/ki"
    )

    text = cli("config", "show", KLANTINTERACTIES_DATA_DIR=str(tmp_path)).stdout
    # The effective database: the embedded file in the data directory.
    assert f"DATABASE_URL=sqlite+aiosqlite:///{tmp_path}/klantinteracties.db\t# default" in text
    assert f"KLANTINTERACTIES_DATA_DIR={tmp_path}\t# environment" in text


def _readme_table() -> dict[str, str]:
    """Variable -> default column of the README's Configuration table."""
    section = README.read_text().split("## Configuration", 1)[1].split("\n## ", 1)[0]
    table = {}
    for line in section.splitlines():
        match = re.match(r"^\| `([A-Z0-9_]+)` \| (.*?) \|", line)
        if match:
            table[match[1]] = match[2]
    return table


def test_every_setting_is_in_the_readme_with_its_default():
    table = _readme_table()
    for name, field in Settings.model_fields.items():
        variable = variables(name)[0]
        assert variable in table, f"{variable} is missing from README.md's settings table"
        default = render(field.default)
        shown = table[variable]
        if default == "":
            assert shown in ("*(empty)*", "*(unset)*"), variable
        else:
            assert shown.strip("`").removeprefix("./") == default, variable
    assert set(table) <= {variables(name)[0] for name in Settings.model_fields}


@pytest.mark.parametrize(
    "command",
    [["serve"], ["worker"], ["application", "list"], ["healthcheck"], ["config", "show"]],
)
def test_an_invalid_value_stops_the_command_with_one_line_naming_it(command, tmp_path):
    r = cli(
        *command,
        KLANTINTERACTIES_DATA_DIR=str(tmp_path),
        KLANTINTERACTIES_NOTIFICATIONS_URL="http://127.0.0.1:9/api/v1",
        KLANTINTERACTIES_PORT="eighty",
        KLANTINTERACTIES_AUTO_MIGRATE="maybe",
        KLANTINTERACTIES_NOTIFICATIONS_TIMEOUT="soon",
    )
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert r.stderr.splitlines() == [
        "KLANTINTERACTIES_PORT: not a valid integer",
        "KLANTINTERACTIES_AUTO_MIGRATE: not a valid boolean (true or false)",
        "KLANTINTERACTIES_NOTIFICATIONS_TIMEOUT: not a valid number",
    ]
    assert not list(tmp_path.iterdir())  # stopped before it touched the database
