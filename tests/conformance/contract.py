"""The published contracts, and the tools to hold our served documents and responses to them.

The contract files are located through ``KI_SPEC_DIR`` (default ``../shared/spec`` next to the
repository); tests that need them are skipped, with the reason, when they are absent.

``corrected`` puts right what the contract gets wrong about the reference's answers,
``fuzz_contract`` also loosens it where the reference is lenient on input, and
``validation_errors`` validates an answer against a schema of either.
"""

from __future__ import annotations

import copy
import os
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema.exceptions import best_match
from jsonschema.validators import extend
from openapi_schema_validator import OAS30ReadValidator, OAS30Validator

REPO = Path(__file__).resolve().parents[2]
SPEC_DIR = Path(os.environ.get("KI_SPEC_DIR", REPO.parent / "shared" / "spec"))
METHODS = ("get", "post", "put", "patch", "delete")
KLANTINTERACTIES = "klantinteracties-openapi.yaml"
CONTACTGEGEVENS = "contactgegevens-openapi.yaml"


@cache
def _read(name: str) -> dict[str, Any] | None:
    path = SPEC_DIR / name
    if not path.exists():
        return None
    with path.open() as fh:
        return yaml.safe_load(fh)  # type: ignore[no-any-return]


def load(name: str) -> dict[str, Any]:
    doc = _read(name)
    if doc is None:
        pytest.skip(
            f"contract {SPEC_DIR / name} not found (set KI_SPEC_DIR to the folder holding it)"
        )
    return doc


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


def query_params(doc: dict[str, Any], op: dict[str, Any]) -> dict[str, dict[str, Any]]:
    out = {}
    for p in op.get("parameters", []):
        p = resolve(doc, p)
        if p["in"] == "query":
            out[p["name"]] = p.get("schema", {})
    return out


def body_schema(op: dict[str, Any]) -> dict[str, Any] | None:
    content = op.get("requestBody", {}).get("content", {}).get("application/json")
    return None if content is None else content.get("schema", {})


def response_schemas(op: dict[str, Any]) -> dict[str, dict[str, Any] | None]:
    """Per documented status: the JSON schema of the body (None for an empty body)."""
    out = {}
    for status, response in op.get("responses", {}).items():
        content = response.get("content", {}).get("application/json")
        out[status] = None if content is None else content.get("schema", {})
    return out


# ----- validation of real responses ------------------------------------------------------
def _nullable_first(keyword: Any) -> Any:
    """Read ``nullable: true`` next to ``allOf``/``oneOf``/``$ref`` as "null is allowed", as the
    contract's generator means it (OpenAPI 3.0.3 only ties it to ``type``)."""

    def check(validator: Any, value: Any, instance: Any, schema: dict[str, Any]) -> Any:
        if instance is None and schema.get("nullable") is True:
            return
        yield from keyword(validator, value, instance, schema)

    return check


_base = OAS30ReadValidator.VALIDATORS
Validator = extend(
    OAS30ReadValidator,
    {key: _nullable_first(_base[key]) for key in ("allOf", "oneOf", "anyOf", "$ref")},
)


def validation_errors(doc: dict[str, Any], schema: dict[str, Any], instance: Any) -> list[str]:
    """Why ``instance`` does not conform to ``schema`` (a schema inside ``doc``)."""
    root = {**schema, "components": doc.get("components", {})}
    validator = Validator(root, format_checker=OAS30Validator.FORMAT_CHECKER)
    out = []
    for error in validator.iter_errors(instance):
        # For a oneOf/anyOf, the reason inside the alternative says more than the whole object.
        error = best_match(error.context) if error.context else error
        where = "/".join(str(p) for p in error.absolute_path) or "(root)"
        text = error.message
        out.append(f"{where}: {text if len(text) < 300 else text[:100] + ' ... ' + text[-150:]}")
    return out


# ----- where the contract is wrong ---------------------------------------------------------------
def _nullable_property(doc: dict[str, Any], schema: str, prop: str) -> None:
    props = doc["components"]["schemas"][schema]["properties"]
    props[prop] = (
        {"allOf": [props[prop]], "nullable": True}
        if "$ref" in props[prop]
        else {
            **props[prop],
            "nullable": True,
        }
    )


@cache
def corrected(name: str) -> dict[str, Any]:
    """The contract with its known errors put right (docs/compatibility.md, "Where the published
    contract is wrong"), for validating what the reference and we really answer."""
    doc = copy.deepcopy(load(name))
    if name == KLANTINTERACTIES:
        # C1: partijIdentificatie / actorIdentificatie are null when none was ever given.
        for soort in ("Persoon", "Organisatie", "Contactpersoon"):
            _nullable_property(doc, f"partij_identificatie_{soort}", "partijIdentificatie")
        for soort in ("Medewerker", "GeautomatiseerdeActor", "OrganisatorischeEenheid"):
            _nullable_property(doc, f"actor_identificatie_{soort}", "actorIdentificatie")
        # C7: a taak without actoren (toegewezenAanActoren: []) has no first actor: it is
        # answered as a reference with uuid null and no url.
        props = doc["components"]["schemas"]["InterneTaak"]["properties"]
        empty = {"type": "object", "properties": {"uuid": {"type": "string", "nullable": True}}}
        props["toegewezenAanActor"] = {"anyOf": [props["toegewezenAanActor"], empty]}
        # C3: the answer of maak-klantcontact has betrokkene/onderwerpobject null when not given.
        for part in ("betrokkene", "onderwerpobject"):
            _nullable_property(doc, "MaakKlantcontact", part)
    # C6: tools that ignore the discriminator (schemathesis) see a persoon match all three
    # shapes of a oneOf; tying each shape to its discriminator value says what the mapping means.
    for schema in doc["components"]["schemas"].values():
        _exclusive_variants(schema)
    # C5: text that was never given is answered as "", which the input patterns and minimum
    # lengths (postcode, land, referentie, ...) do not allow.
    _allow_empty_text(doc["components"]["schemas"])
    return doc


@cache
def answered(name: str) -> dict[str, Any]:
    """The corrected contract with every property of an object required: the reference answers
    with every key, also the optional ones ("" or null when empty), and so must we; otherwise a
    renamed optional field would go unnoticed. Not ``_expand``, which holds only what was asked."""
    doc = copy.deepcopy(corrected(name))
    _all_present(doc["components"]["schemas"], inside_expand=False)
    return doc


def _all_present(node: Any, inside_expand: bool) -> None:
    if isinstance(node, dict):
        props = node.get("properties")
        if isinstance(props, dict) and not inside_expand:
            node["required"] = [name for name in props if name != "_expand"]
        for key, value in node.items():
            if key == "properties" and isinstance(value, dict):
                for prop, sub in value.items():
                    _all_present(sub, inside_expand=prop == "_expand")
            else:
                _all_present(value, inside_expand=False)
    elif isinstance(node, list):
        for value in node:
            _all_present(value, inside_expand=False)


def _exclusive_variants(schema: dict[str, Any]) -> None:
    mapping = schema.get("discriminator", {}).get("mapping")
    if "oneOf" not in schema or not mapping:
        return
    prop = schema["discriminator"]["propertyName"]
    schema["oneOf"] = [
        {"allOf": [{"$ref": ref}, {"properties": {prop: {"type": "string", "enum": [value]}}}]}
        for value, ref in mapping.items()
    ]


def _allow_empty_text(node: Any) -> None:
    if isinstance(node, dict):
        for value in node.values():
            _allow_empty_text(value)
        if node.get("type") == "string":
            if "pattern" in node:
                node["pattern"] = f"^$|{node['pattern']}"
            node.pop("minLength", None)
            if node.get("format") in ("uri", "email"):  # "" is no URL or address
                node["anyOf"] = [{"format": node.pop("format")}, {"maxLength": 0}]
    elif isinstance(node, list):
        for value in node:
            _allow_empty_text(value)


# ----- what fuzzing may take for granted ------------------------------------------------------
# Input that the contract's types do not allow but that the reference accepts, and so do we. The
# fuzzer must not expect these to be refused.
_BOOLEAN_WORDS = ("true", "false", "t", "f", "yes", "no", "y", "n", "on", "off", "1", "0")


def _any_case(word: str) -> str:
    return "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else c for c in word)


_LENIENT_BOOLEAN = {
    "anyOf": [
        {"type": "boolean"},
        {"type": "integer", "enum": [0, 1]},
        {"type": "string", "pattern": f"^({'|'.join(_any_case(w) for w in _BOOLEAN_WORDS)})$"},
    ]
}


@cache
def fuzz_contract(name: str) -> dict[str, Any]:
    """The corrected contract, loosened where the reference is deliberately lenient."""
    doc = copy.deepcopy(corrected(name))
    for op in operations(doc).values():
        # An unusable pageSize falls back to 100, an empty page is page 1, and cascade is on
        # only for the word "true".
        params = [copy.deepcopy(resolve(doc, p)) for p in op.get("parameters", [])]
        op["parameters"] = [p for p in params if p["name"] != "pageSize"]
        for p in op["parameters"]:
            if p["name"] == "cascade":
                p["schema"] = {"type": "string"}
            elif p.get("in") == "query" and p["name"] != "expand":
                # An empty value is no filter (and an empty page is page 1).
                p["schema"] = {"anyOf": [p["schema"], {"type": "string", "maxLength": 0}]}
    # Booleans in bodies: true/false, 0/1 and the words yes/no, on/off, t/f, y/n in any case.
    _loosen_booleans(doc["components"]["schemas"])
    # A number sent for free text is stored as its text. (The components describe responses
    # too, which therefore may hold a number there as far as the fuzzer is concerned; the
    # response checks of test_responses.py stay strict.)
    _loosen_text(doc["components"]["schemas"])
    if name == KLANTINTERACTIES:
        # C4: a PATCH demands nothing; the sub-object of another soort than the stored one
        # is read with the stored soort's fields (unknown keys are ignored).
        for patched, base, sub in (
            ("PatchedPartij", "Base_PartijSerializer", "partijIdentificatie"),
            ("PatchedActor", "Base_ActorSerializer", "actorIdentificatie"),
        ):
            flat = copy.deepcopy(doc["components"]["schemas"][base])
            flat.pop("required", None)
            flat["properties"][sub] = {"type": "object", "nullable": True}
            doc["components"]["schemas"][patched] = flat
    return doc


def _loosen_text(node: Any) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if (
                isinstance(value, dict)
                and value.get("type") == "string"
                and not {"format", "enum", "readOnly"} & value.keys()
            ):
                node[key] = {"anyOf": [value, {"type": "number"}]}
            else:
                _loosen_text(value)
    elif isinstance(node, list):
        for value in node:
            _loosen_text(value)


def _loosen_booleans(node: Any) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(value, dict) and value.get("type") == "boolean":
                node[key] = {**_LENIENT_BOOLEAN, "nullable": value.get("nullable", False)}
            else:
                _loosen_booleans(value)
    elif isinstance(node, list):
        for value in node:
            _loosen_booleans(value)
