"""OpenAPI documentation for routes whose input we parse by hand.

Query parameters come from the FilterSet and request bodies from the input models, so the served
document is generated from the same declarations that the server enforces.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel

from .filters import Filter, FilterSet

REF = "#/components/schemas/{model}"
_models: dict[str, type[BaseModel]] = {}

_KIND_SCHEMA: dict[str, dict[str, Any]] = {
    "string": {"type": "string"},
    "csv": {"type": "string"},
    "uuid": {"type": "string", "format": "uuid"},
    "url": {"type": "string", "format": "uri"},
    "bool": {"type": "boolean"},
    "date": {"type": "string", "format": "date"},
    "datetime": {"type": "string", "format": "date-time"},
}


def _param(f: Filter) -> dict[str, Any]:
    schema = {"type": "string", "enum": list(f.enum)} if f.kind == "enum" else _KIND_SCHEMA[f.kind]
    doc: dict[str, Any] = {"name": f.name, "in": "query", "required": False, "schema": schema}
    if f.description:
        doc["description"] = f.description
    if f.deprecated:
        doc["deprecated"] = True
    return doc


def _expand_param(allowed: tuple[str, ...]) -> dict[str, Any]:
    return {
        "name": "expand",
        "in": "query",
        "required": False,
        "style": "form",
        "explode": False,
        "description": "Neem de genoemde gerelateerde resources volledig op in `_expand`.",
        "schema": {"type": "array", "items": {"type": "string", "enum": sorted(allowed)}},
    }


def list_params_doc(fs: FilterSet) -> list[dict[str, Any]]:
    params = [_param(f) for f in fs.filters]
    params.append(
        {
            "name": "page",
            "in": "query",
            "required": False,
            "schema": {"type": "integer"},
            "description": "Paginanummer, vanaf 1.",
        }
    )
    params.append(
        {
            "name": "pageSize",
            "in": "query",
            "required": False,
            "schema": {"type": "integer"},
            "description": "Aantal resultaten per pagina (standaard 100, hoogstens 500).",
        }
    )
    if fs.expand:
        params.append(_expand_param(fs.expand))
    return sorted(params, key=lambda p: p["name"])


def detail_params_doc(fs: FilterSet) -> list[dict[str, Any]]:
    return [_expand_param(fs.expand)] if fs.expand else []


def model_ref(model: type[BaseModel], name: str | None = None) -> dict[str, Any]:
    key = name or model.__name__
    _models[key] = model
    return {"$ref": REF.format(model=key)}


def body_doc(model: type[BaseModel], patched: bool) -> dict[str, Any]:
    ref = model_ref(model)
    return {"required": not patched, "content": {"application/json": {"schema": ref}}}


def response_doc(
    op: str, output_model: type[BaseModel] | None, expanded_model: type[BaseModel] | None = None
) -> dict[str, Any]:
    """Responses of one CRUD operation. ``output_model`` documents the representation;
    ``expanded_model`` (with ``_expand``) is used for GET where the resource is expandable."""
    version_header = {"API-version": {"schema": {"type": "string"}}}
    model = expanded_model if op in ("list", "retrieve") and expanded_model else output_model
    output: dict[str, Any] = model_ref(model) if model is not None else {"type": "object"}
    if op == "destroy":
        return {"204": {"description": "Verwijderd.", "headers": version_header}}
    if op == "list":
        output = {
            "type": "object",
            "required": ["count", "results"],
            "properties": {
                "count": {"type": "integer"},
                "next": {"type": "string", "format": "uri", "nullable": True},
                "previous": {"type": "string", "format": "uri", "nullable": True},
                "results": {"type": "array", "items": output},
            },
        }
    status = "201" if op == "create" else "200"
    return {
        status: {
            "description": "OK",
            "headers": version_header,
            "content": {"application/json": {"schema": output}},
        }
    }


def build_openapi(
    app: FastAPI, title: str, version: str, server: str, prefix: str
) -> dict[str, Any]:
    routes = [r for r in app.routes if getattr(r, "path", "").startswith(prefix + "/")]
    doc = get_openapi(title=title, version=version, routes=routes, openapi_version="3.0.3")
    doc["servers"] = [{"url": server}]
    doc["paths"] = {k.removeprefix(prefix): v for k, v in doc.get("paths", {}).items()}
    for item in doc["paths"].values():
        for op in item.values():
            _tidy_operation(op)
    schemas = doc.setdefault("components", {}).setdefault("schemas", {})
    used = json.dumps(doc["paths"])
    for name, model in _models.items():
        if f'"{REF.format(model=name)}"' not in used:
            continue  # belongs to the other API
        schema = model.model_json_schema(by_alias=True, ref_template=REF)
        for sub_name, sub in schema.pop("$defs", {}).items():
            schemas.setdefault(sub_name, sub)
        schemas[name] = schema
    for name in ("HTTPValidationError", "ValidationError"):
        schemas.pop(name, None)
    doc["components"]["securitySchemes"] = {
        "tokenAuth": {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "Token-authenticatie: `Authorization: Token <sleutel>`.",
        }
    }
    doc["security"] = [{"tokenAuth": []}]
    return doc


def _tidy_operation(op: dict[str, Any]) -> None:
    """Undo FastAPI defaults that do not apply here: our routes validate their own input (no
    422 body), and an operation that answers 201/204 has no 200."""
    responses = op.get("responses", {})
    responses.pop("422", None)
    if "201" in responses or "204" in responses:
        responses.pop("200", None)
    for param in op.get("parameters", []):
        if param.get("in") == "path" and param.get("name") == "uuid":
            param["schema"] = {"type": "string", "format": "uuid"}
            param["description"] = "Unieke identificatie (UUID4) van de resource."
