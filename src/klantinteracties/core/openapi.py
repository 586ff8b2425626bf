"""OpenAPI documentation for routes whose input we parse by hand.

Query parameters come from the FilterSet and request bodies from the input models, so the served
document is generated from the same declarations that the server enforces. Responses are described
by documentation-only output models (``Api.outputs``). Pydantic writes JSON Schema 2020-12, the
published contracts are OpenAPI 3.0.3: the finished document is converted by ``to_oas30``.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass
from typing import Any, Literal, get_args

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute
from pydantic import BaseModel
from pydantic.alias_generators import to_camel

from .filters import Filter, FilterSet

REF = "#/components/schemas/{model}"
# Request bodies are named with REQUEST, the models they nest with INPUT: response models carry
# the contract's names (Partij, Klantcontact, ...), and one name must never stand for two schemas
# (a body's required fields may differ from the same model's when nested in another body).
REQUEST = "Request"
INPUT = "Input"


@dataclass(frozen=True)
class _Doc:
    model: type[BaseModel]
    body: bool = False  # a request body (named with REQUEST) rather than a response
    patched: bool = False  # a PATCH body: nothing is required
    required: tuple[str, ...] = ()  # fields the service demands (snake_case)
    not_null: tuple[str, ...] = ()  # fields the service refuses null for (snake_case)
    # For bodies that nest other resources' bodies: what each nested part's service demands,
    # and which of its fields the service ignores (set by the service itself).
    nested_required: tuple[tuple[str, tuple[str, ...]], ...] = ()
    nested_ignored: tuple[tuple[str, tuple[str, ...]], ...] = ()


_models: dict[str, _Doc] = {}

_KIND_SCHEMA: dict[str, dict[str, Any]] = {
    "string": {"type": "string"},
    "csv": {"type": "string"},
    "uuid": {"type": "string", "format": "uuid"},
    "url": {"type": "string", "format": "uri"},
    "bool": {"type": "boolean"},
    "date": {"type": "string", "format": "date"},
    "datetime": {"type": "string", "format": "date-time"},
}


# Text never holds NUL (no database stores it; we refuse it with a 400): said in the document
# for every free text in query parameters and request bodies.
NO_NUL = r"^[^\x00]*$"


def _no_nul(schema: Any) -> Any:
    """Add ``NO_NUL`` to every free text schema inside ``schema`` (in place)."""
    if isinstance(schema, list):
        for item in schema:
            _no_nul(item)
    elif isinstance(schema, dict):
        free = schema.get("type") == "string" and not {"pattern", "format", "enum"} & set(schema)
        if free:
            schema["pattern"] = NO_NUL
        for key, value in schema.items():
            if key not in _DATA_KEYS:
                _no_nul(value)
    return schema


def _param(f: Filter) -> dict[str, Any]:
    schema = {"type": "string", "enum": list(f.enum)} if f.kind == "enum" else _KIND_SCHEMA[f.kind]
    schema = _no_nul(copy.deepcopy(schema))
    doc: dict[str, Any] = {"name": f.name, "in": "query", "required": False, "schema": schema}
    doc["allowEmptyValue"] = True  # an empty value is no filter (as in the reference)
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
            # What the server reads as a number (Python's int(), like the reference), "last",
            # or empty for page 1; anything else, or a page out of range, is a 404.
            "schema": {"type": "string", "pattern": r"^\s*[+-]?[\d_]+\s*$|^(last)?$"},
            "description": "Paginanummer, vanaf 1 (`last`: de laatste; leeg: de eerste).",
        }
    )
    params.append(
        {
            "name": "pageSize",
            "in": "query",
            "required": False,
            # Text, not integer: like the reference, an unusable value means the default
            # rather than a refusal, and the document must not promise a 400.
            "schema": {"type": "string", "pattern": NO_NUL},
            "description": "Aantal resultaten per pagina: een geheel getal (standaard 100, "
            "hoogstens 500); een onbruikbare waarde geeft de standaard.",
        }
    )
    if fs.expand:
        params.append(_expand_param(fs.expand))
    return sorted(params, key=lambda p: p["name"])


def detail_params_doc(fs: FilterSet) -> list[dict[str, Any]]:
    return [_expand_param(fs.expand)] if fs.expand else []


def model_ref(model: type[BaseModel], name: str | None = None) -> dict[str, Any]:
    """A reference to a response model, documented under its own (or the given) name."""
    return {"$ref": REF.format(model=_register(name or model.__name__, _Doc(model)))}


def body_doc(
    model: type[BaseModel],
    patched: bool,
    required: tuple[str, ...] = (),
    not_null: tuple[str, ...] = (),
    nested_required: dict[str, tuple[str, ...]] | None = None,
    nested_ignored: dict[str, tuple[str, ...]] | None = None,
) -> dict[str, Any]:
    """A request body. ``required`` are the fields the service demands on create and full update
    (checked by hand, so that PATCH can share the model); a PATCH body requires nothing. Fields
    in ``required`` and ``not_null`` refuse null even where the model's type admits it (so that
    the service can answer with code ``null``), and are documented so. ``nested_required``
    names, per field holding another resource's body, the fields that resource demands, and
    ``nested_ignored`` the fields of such a part that are ignored (any value is accepted)."""
    non_null = tuple(dict.fromkeys(required + not_null))
    nested = tuple((nested_required or {}).items())
    ignored = tuple((nested_ignored or {}).items())
    if patched:
        name = _register(f"Patched{model.__name__}{REQUEST}", _Doc(model, True, True, (), non_null))
    else:
        doc = _Doc(model, True, False, required, non_null, nested, ignored)
        name = _register(f"{model.__name__}{REQUEST}", doc)
    ref = {"$ref": REF.format(model=name)}
    demanded = bool(required) or any(f.is_required() for f in model.model_fields.values())
    body_required = demanded and not patched  # an empty body is an empty object
    return {"required": body_required, "content": {"application/json": {"schema": ref}}}


def _register(name: str, doc: _Doc) -> str:
    known = _models.get(name)
    if known is not None and known != doc:
        raise ValueError(f"two different schemas would be documented as {name!r}")
    _models[name] = doc
    return name


def response_doc(
    op: str, output_model: type[BaseModel] | None, expanded_model: type[BaseModel] | None = None
) -> dict[str, Any]:
    """Responses of one CRUD operation. ``output_model`` documents the representation;
    ``expanded_model`` (with ``_expand``) is used for GET where the resource is expandable."""
    version_header = {"API-version": {"schema": {"type": "string"}}}
    listing = op in ("list", "search")  # search: POST .../_zoek (core/search.py)
    model = expanded_model if (listing or op == "retrieve") and expanded_model else output_model
    output: dict[str, Any] = model_ref(model) if model is not None else {"type": "object"}
    if op == "destroy":
        return {
            "204": {"description": "Verwijderd.", "headers": version_header},
            **error_responses(op),
        }
    if listing:
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
        },
        **error_responses(op),
    }


# ----- error responses -------------------------------------------------------------------------
# Every refusal is the one problem body of core/errors.py, as application/json (or
# application/problem+json when the client asks for it). The contract documents none of them.
FOUT = "Fout"
VALIDATIE_FOUT = "ValidatieFout"
_PROBLEM_PROPERTIES: dict[str, Any] = {
    "type": {"type": "string", "description": "URI-referentie naar het soort fout."},
    "code": {"type": "string", "description": "Systeemcode van het soort fout."},
    "title": {"type": "string", "description": "Korte omschrijving van het soort fout."},
    "status": {"type": "integer", "description": "De HTTP-statuscode."},
    "detail": {"type": "string", "description": "Uitleg bij deze fout."},
    "instance": {"type": "string", "description": "Unieke identificatie van deze fout (URN)."},
}
ERROR_SCHEMAS: dict[str, Any] = {
    FOUT: {
        "type": "object",
        "description": "Probleemdocument (RFC 7807) van een geweigerde aanvraag.",
        "required": list(_PROBLEM_PROPERTIES),
        "properties": _PROBLEM_PROPERTIES,
    },
    VALIDATIE_FOUT: {
        "type": "object",
        "description": "Probleemdocument; bij een validatiefout (`code` `invalid`) met de "
        "velden of parameters die niet deugen in `invalidParams`.",
        "required": list(_PROBLEM_PROPERTIES),
        "properties": {
            **_PROBLEM_PROPERTIES,
            "invalidParams": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["name", "code", "reason"],
                    "properties": {
                        "name": {"type": "string", "description": "camelCase-pad van het veld."},
                        "code": {"type": "string", "description": "Systeemcode van de fout."},
                        "reason": {"type": "string", "description": "Uitleg bij de fout."},
                    },
                },
            },
        },
    },
}
_ERROR_STATUSES: dict[int, tuple[str, str]] = {
    400: ("Ongeldige aanvraag: parameters of velden die niet deugen.", VALIDATIE_FOUT),
    401: ("Geen of een ongeldig token.", FOUT),
    403: ("Het token heeft geen recht op deze actie.", FOUT),
    404: ("Niet gevonden (of een pagina buiten het bereik).", FOUT),
    406: ("De Accept-header sluit JSON uit.", FOUT),
    408: ("De body kwam niet binnen de tijd binnen.", FOUT),
    413: ("De body is groter dan de server aanneemt.", FOUT),
    415: ("De body is geen JSON (Content-Type).", FOUT),
    503: ("De database is tijdelijk onbereikbaar; probeer het na `Retry-After` opnieuw.", FOUT),
}
_BODY = (408, 413, 415)
_OP_ERRORS: dict[str, tuple[int, ...]] = {
    "list": (400, 401, 403, 404, 406, 503),
    "search": (400, 401, 403, 404, 406, *_BODY, 503),
    "retrieve": (400, 401, 403, 404, 406, 503),
    "create": (400, 401, 403, 406, *_BODY, 503),
    "update": (400, 401, 403, 404, 406, *_BODY, 503),
    "partial_update": (400, 401, 403, 404, 406, *_BODY, 503),
    "destroy": (400, 401, 403, 404, 406, 503),
}


def error_responses(op: str) -> dict[str, Any]:
    """The refusals an operation of kind ``op`` (list, create, ...) can answer."""
    out: dict[str, Any] = {}
    for status in _OP_ERRORS[op]:
        description, schema = _ERROR_STATUSES[status]
        ref = {"$ref": REF.format(model=schema)}
        headers: dict[str, Any] = {"API-version": {"schema": {"type": "string"}}}
        if status == 503:
            headers["Retry-After"] = {"schema": {"type": "integer"}}
        out[str(status)] = {
            "description": description,
            "headers": headers,
            "content": {media: {"schema": ref} for media in ERROR_MEDIA_TYPES},
        }
    return out


ERROR_MEDIA_TYPES = ("application/json", "application/problem+json")


def build_openapi(
    app: FastAPI,
    title: str,
    version: str,
    server: str,
    prefix: str,
    security: dict[str, Any] | None = None,
) -> dict[str, Any]:
    routes = [r for r in app.routes if getattr(r, "path", "").startswith(prefix + "/")]
    doc = get_openapi(title=title, version=version, routes=routes, openapi_version="3.0.3")
    doc["servers"] = [{"url": server}]
    _declared_responses(doc, routes)
    doc["paths"] = {k.removeprefix(prefix): v for k, v in doc.get("paths", {}).items()}
    for item in doc["paths"].values():
        for op in item.values():
            _tidy_operation(op)
    schemas = doc.setdefault("components", {}).setdefault("schemas", {})
    used = json.dumps(doc["paths"])
    for name, entry in _models.items():
        if f'"{REF.format(model=name)}"' in used:  # otherwise it belongs to the other API
            _add_model(schemas, name, entry)
    for name in ("HTTPValidationError", "ValidationError"):
        schemas.pop(name, None)
    schemas.update(copy.deepcopy(ERROR_SCHEMAS))
    doc["components"]["securitySchemes"] = security or {
        "tokenAuth": {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "Token-authenticatie: `Authorization: Token <sleutel>`.",
        }
    }
    doc["security"] = [{name: []} for name in doc["components"]["securitySchemes"]]
    converted: dict[str, Any] = to_oas30(doc)
    return converted


def _declared_responses(doc: dict[str, Any], routes: list[Any]) -> None:
    """FastAPI merges its own default response into ours (a "type: string" body next to our
    $ref, as our JSONResponse is not FastAPI's): the responses we declare are the truth."""
    for route in routes:
        if not isinstance(route, APIRoute) or not route.openapi_extra:
            continue
        declared = route.openapi_extra.get("responses")
        for method in (route.methods or ()) if declared else ():
            doc["paths"][route.path][method.lower()]["responses"] = copy.deepcopy(declared)


def _add_model(schemas: dict[str, Any], name: str, entry: _Doc) -> None:
    suffix = INPUT if entry.body else ""
    template = REF.format(model="{model}") + suffix
    mode: Literal["validation", "serialization"] = "validation" if entry.body else "serialization"
    schema = entry.model.model_json_schema(by_alias=True, ref_template=template, mode=mode)
    if entry.body:
        _no_nul(schema)
    defs = schema.pop("$defs", {})
    for field, demanded in entry.nested_required:
        nested = defs[_nested_model(entry.model, field).__name__]
        nested["required"] = [*nested.get("required", []), *map(to_camel, demanded)]
    for field, names in entry.nested_ignored:
        nested = defs[_nested_model(entry.model, field).__name__]
        for key in map(to_camel, names):
            nested["properties"][key] = {"description": "Wordt genegeerd: de server vult dit in."}
    for sub_name, sub in defs.items():
        _add_schema(schemas, sub_name + suffix, sub)
    props = schema.get("properties", {})
    for field in entry.not_null:
        prop = props.get(to_camel(field))
        if prop is not None and {"type": "null"} in prop.get("anyOf", ()):
            options = [o for o in prop.pop("anyOf") if o != {"type": "null"}]
            prop.pop("default", None)
            props[to_camel(field)] = {**options[0], **prop} if len(options) == 1 else prop
            if len(options) > 1:
                prop["anyOf"] = options
    if entry.patched:
        schema.pop("required", None)
    elif entry.body:
        required = [*schema.get("required", [])]
        required += [to_camel(f) for f in entry.required if to_camel(f) not in required]
        if required:
            schema["required"] = required
    _add_schema(schemas, name, schema)


def _nested_model(model: type[BaseModel], field: str) -> type[BaseModel]:
    """The model a field holds (``X`` or ``X | None``)."""
    annotation = model.model_fields[field].annotation
    for candidate in (annotation, *get_args(annotation)):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    raise TypeError(f"{model.__name__}.{field} holds no model")


def _add_schema(schemas: dict[str, Any], name: str, schema: dict[str, Any]) -> None:
    if schemas.setdefault(name, schema) != schema:
        raise ValueError(f"two different schemas are both named {name!r}")


def _tidy_operation(op: dict[str, Any]) -> None:
    """Undo FastAPI defaults that do not apply here: our routes validate their own input (no
    422 body), and the uuid in a path is a UUID."""
    responses = op.get("responses", {})
    responses.pop("422", None)
    for param in op.get("parameters", []):
        if param.get("in") == "path" and param.get("name") == "uuid":
            param["schema"] = {"type": "string", "format": "uuid"}
            param["description"] = "Unieke identificatie (UUID4) van de resource."


# ----- JSON Schema 2020-12 (Pydantic) -> OpenAPI 3.0.3 ------------------------------------------
# Keywords that OpenAPI 3.0 schema objects do not know; they only ever narrow what Pydantic
# validates, so the document loses nothing a client relies on.
_UNKNOWN_30 = (
    "$schema",
    "propertyNames",
    "contentMediaType",
    "contentEncoding",
    "unevaluatedProperties",
)
# Values that are data, not schemas: never rewritten.
_DATA_KEYS = ("default", "example", "enum", "const", "examples")


def to_oas30(node: Any) -> Any:
    """Rewrite the 2020-12 idioms Pydantic emits into their OpenAPI 3.0 form: ``anyOf [X, null]``
    becomes ``nullable``, ``const`` an ``enum``, numeric ``exclusiveMinimum`` the boolean form, a
    ``$ref`` with siblings an ``allOf``; auto-generated property titles and empty ``required``
    lists go. Schemas that are already OpenAPI 3.0 pass unchanged."""
    if isinstance(node, list):
        return [to_oas30(item) for item in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in _DATA_KEYS:
            out[key] = value
        elif key == "properties" and isinstance(value, dict):
            out[key] = {name: _untitled(to_oas30(sub)) for name, sub in value.items()}
        else:
            out[key] = to_oas30(value)
    return _schema_30(out)


def _untitled(schema: Any) -> Any:
    if isinstance(schema, dict):
        schema.pop("title", None)
    return schema


def _schema_30(s: dict[str, Any]) -> dict[str, Any]:
    if "const" in s:
        s.setdefault("enum", [s.pop("const")])
    if isinstance(s.get("type"), list):
        types = [t for t in s["type"] if t != "null"]
        if len(types) < len(s["type"]):
            s["nullable"] = True
        s["type"] = types[0] if len(types) == 1 else s["type"]
    for key in ("anyOf", "oneOf"):
        if isinstance(s.get(key), list) and {"type": "null"} in s[key]:
            s = _nullable_union(s, key)
    if isinstance(s.get("examples"), list):
        examples = s.pop("examples")
        if examples:
            s.setdefault("example", examples[0])
    for bound, limit in (("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")):
        if isinstance(s.get(bound), int | float) and not isinstance(s[bound], bool):
            s[limit], s[bound] = s[bound], True
    if "default" in s and _refused(s, s["default"]):
        del s["default"]  # e.g. "not sent" written as null or "" where the value must be more
    if s.get("required") == []:
        del s["required"]
    for key in _UNKNOWN_30:
        s.pop(key, None)
    if "$ref" in s and len(s) > 1:  # OpenAPI 3.0 ignores the siblings of a $ref
        s = {"allOf": [{"$ref": s.pop("$ref")}], **s}
    return s


def _refused(s: dict[str, Any], value: Any) -> bool:
    """Whether the schema's own checks refuse its default (validators reject such documents)."""
    if value is None:
        return not s.get("nullable")
    if "enum" in s and value not in s["enum"]:
        return True
    if isinstance(value, str):
        too_short = len(value) < s.get("minLength", 0)
        return too_short or ("pattern" in s and re.search(s["pattern"], value) is None)
    return False


def _nullable_union(s: dict[str, Any], key: str) -> dict[str, Any]:
    options = [o for o in s.pop(key) if o != {"type": "null"}]
    s["nullable"] = True
    if len(options) > 1:
        s[key] = options
    elif "$ref" in options[0]:
        s["allOf"] = [options[0]]  # the contract's own spelling of a nullable reference
    else:
        s = {**options[0], **s}
    return s
