"""Loading the published contracts that our served OpenAPI documents are compared with."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
SPEC_DIR = Path(os.environ.get("KI_SPEC_DIR", REPO.parent / "shared" / "spec"))
METHODS = ("get", "post", "put", "patch", "delete")


@cache
def load(name: str) -> dict[str, Any]:
    path = SPEC_DIR / name
    if not path.exists():
        pytest.skip(f"contract {path} not found (set KI_SPEC_DIR to the folder holding it)")
    with path.open() as fh:
        return yaml.safe_load(fh)  # type: ignore[no-any-return]


def resolve(doc: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        target: Any = doc
        for part in schema["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        schema = target
    return schema


def writable_properties(doc: dict[str, Any], schema: dict[str, Any]) -> set[str]:
    """Names a client may send: properties that are not readOnly, across allOf/oneOf."""
    schema = resolve(doc, schema)
    names: set[str] = set()
    for key in ("allOf", "oneOf", "anyOf"):
        for sub in schema.get(key, []):
            names |= writable_properties(doc, sub)
    for name, prop in schema.get("properties", {}).items():
        if not resolve(doc, prop).get("readOnly") and not prop.get("readOnly"):
            names.add(name)
    return names


def operations(doc: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {
        (path, method): op
        for path, item in doc["paths"].items()
        for method, op in item.items()
        if method in METHODS
    }
