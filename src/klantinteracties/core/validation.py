"""Request bodies: JSON parsing and translation of Pydantic errors into invalidParams.

Bodies are parsed by hand instead of by FastAPI so that we control every error: a non-JSON
content type is a 415, malformed JSON a 400 parse error, and every field error is reported with
the camelCase dotted name and Dutch message that existing clients expect.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, TypeVar, get_args, get_origin

import orjson
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    ValidationError,
    ValidationInfo,
    field_validator,
)
from pydantic.alias_generators import to_camel
from pydantic_core import ErrorDetails, PydanticCustomError, PydanticKnownError

from .errors import InvalidParam, ValidationFailed, parse_error, unsupported_media_type

M = TypeVar("M", bound=BaseModel)

REQUIRED = "Dit veld is vereist."
NOT_NULL = "Dit veld mag niet leeg zijn."
BLANK = "Dit veld mag niet leeg zijn."


def reject_null(value: Any) -> Any:
    """Use before validation (``BeforeValidator``): without it a null sent for a choice or object
    field would be reported as an invalid choice or a non-object, not as code ``null``."""
    if value is None:
        raise PydanticCustomError("null", NOT_NULL)
    return value


def to_utc(value: dt.datetime) -> dt.datetime:
    """Store timestamps in UTC; a naive one is taken as UTC. Dates at the very edge of the
    calendar cannot be converted and are refused rather than failing later in the database."""
    if value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    try:
        return value.astimezone(dt.UTC)
    except OverflowError:
        raise PydanticCustomError("invalid", "Deze datum/tijd valt buiten het bereik.") from None


UtcDateTime = Annotated[dt.datetime, AfterValidator(to_utc)]


def reject_blank(value: str) -> str:
    """Use after validation (``AfterValidator``) on required text: "" is no value (``blank``).
    Fields declare it through ``NonBlank``, which also tells the OpenAPI document."""
    if value == "":
        raise PydanticCustomError("blank", BLANK)
    return value


DIGITS_PATTERN = "^[0-9]*$"  # nummer fields: digits only; empty means no nummer


class _AtLeastOneCharacter:
    """JSON Schema of ``reject_blank``: ``minLength: 1`` (the check itself stays ours, so that
    the error code is ``blank`` rather than Pydantic's ``string_too_short``)."""

    def __get_pydantic_json_schema__(self, core_schema: Any, handler: Any) -> Any:
        schema = handler(core_schema)
        schema["minLength"] = max(1, schema.get("minLength", 0))
        return schema


NonBlank = Annotated[str, AfterValidator(reject_blank), _AtLeastOneCharacter()]


class InputModel(BaseModel):
    """Base for request bodies: camelCase and snake_case keys accepted, unknown keys ignored."""

    model_config = ConfigDict(
        alias_generator=to_camel,
        validate_by_name=True,
        validate_by_alias=True,
        extra="ignore",
        str_strip_whitespace=False,
    )

    @field_validator("*", mode="before")
    @classmethod
    def _numbers(cls, value: Any, info: ValidationInfo) -> Any:
        """What a number means depends on the field.

        Text: the reference stores a JSON number sent for a text field as its text (``5`` ->
        ``"5"``), so we do too; ``true``/``false`` stay refused. Dates and date-times: Pydantic
        would take a number, or a string of digits, as a Unix timestamp (0 becomes 1970-01-01).
        Clients send ISO 8601; a number is a mistake and is refused, as the reference does."""
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            return value
        if isinstance(value, str) and not _NUMBER.fullmatch(value):
            return value
        annotation = cls.model_fields[info.field_name or ""].annotation
        kind = _temporal_kind(annotation)
        if kind is not None:
            raise PydanticKnownError(kind)  # type: ignore[arg-type]
        if not isinstance(value, str) and _is_text(annotation):
            return str(value)
        return value

    @field_validator("*", mode="after")
    @classmethod
    def _no_nul(cls, value: Any) -> Any:
        """No database stores NUL in text (PostgreSQL refuses it). Checked per field, after
        validation, so that unknown keys (which are ignored) never make a body fail."""
        if _has_nul(value):
            raise PydanticCustomError("invalid", NUL_REASON)
        return value


_NUMBER = re.compile(r"\s*[-+]?[0-9]+(\.[0-9]*)?\s*")


def _temporal_kind(annotation: Any) -> str | None:
    """``datetime_type`` or ``date_type`` when the field holds a date-time or date."""
    if annotation is dt.datetime:
        return "datetime_type"
    if annotation is dt.date:
        return "date_type"
    for arg in get_args(annotation):  # X | None, Annotated[X, ...]
        kind = _temporal_kind(arg)
        if kind is not None:
            return kind
    return None


def _is_text(annotation: Any) -> bool:
    """Whether the field holds free text (``str``, possibly optional or annotated)."""
    if annotation is str:
        return True
    if get_origin(annotation) in (list, dict, tuple, set, frozenset):
        return False  # a collection of texts is no text
    return any(_is_text(arg) for arg in get_args(annotation))


def _type_name(value: Any) -> str:
    return {list: "list", str: "str", int: "int", float: "float", bool: "bool"}.get(
        type(value), type(value).__name__
    )


def _message(err: ErrorDetails) -> tuple[str, str]:
    """Map one Pydantic error to (code, Dutch reason)."""
    etype = err["type"]
    ctx = err.get("ctx") or {}
    value = err.get("input")
    if etype == "missing":
        return "required", REQUIRED
    if value is None and etype.endswith("_type"):
        return "null", NOT_NULL
    simple: dict[str, tuple[str, str]] = {
        "string_type": ("invalid", "Geen geldige tekst."),
        "bool_type": ("invalid", "Moet een geldige booleaanse waarde zijn."),
        "bool_parsing": ("invalid", "Moet een geldige booleaanse waarde zijn."),
        "int_type": ("invalid", "Een geldig geheel getal is vereist."),
        "int_parsing": ("invalid", "Een geldig geheel getal is vereist."),
        "int_from_float": ("invalid", "Een geldig geheel getal is vereist."),
        "uuid_type": ("invalid", "Voer een geldige UUID in."),
        "uuid_parsing": ("invalid", "Voer een geldige UUID in."),
        "date_type": ("invalid", "Voer een geldige datum in (JJJJ-MM-DD)."),
        "date_parsing": ("invalid", "Voer een geldige datum in (JJJJ-MM-DD)."),
        "date_from_datetime_parsing": ("invalid", "Voer een geldige datum in (JJJJ-MM-DD)."),
        "date_from_datetime_inexact": ("invalid", "Voer een geldige datum in (JJJJ-MM-DD)."),
        "datetime_type": ("invalid", "Voer een geldige datum en tijd in."),
        "datetime_parsing": ("invalid", "Voer een geldige datum en tijd in."),
        "datetime_from_date_parsing": ("invalid", "Voer een geldige datum en tijd in."),
        "url_parsing": ("invalid", "Voer een geldige URL in."),
        "url_type": ("invalid", "Voer een geldige URL in."),
        "url_scheme": ("invalid", "Voer een geldige URL in."),
    }
    if etype in simple:
        return simple[etype]
    if etype == "string_too_long":
        return "max_length", (
            f"Zorg ervoor dat dit veld niet meer dan {ctx.get('max_length')} karakters bevat."
        )
    if etype == "string_too_short":
        return "min_length", (
            f"Zorg ervoor dat dit veld minimaal {ctx.get('min_length')} karakters bevat."
        )
    if etype in ("greater_than_equal", "greater_than"):
        limit = ctx.get("ge", ctx.get("gt"))
        return "min_value", f"Zorg ervoor dat deze waarde groter of gelijk is aan {limit}."
    if etype in ("less_than_equal", "less_than"):
        limit = ctx.get("le", ctx.get("lt"))
        return "max_value", f"Zorg ervoor dat deze waarde kleiner of gelijk is aan {limit}."
    if etype in ("enum", "literal_error"):
        return "invalid_choice", f'"{value}" is een ongeldige keuze.'
    if etype in ("model_type", "dict_type", "model_attributes_type"):
        kind = _type_name(value)
        return "invalid", f"Ongeldige gegevens. Verwacht een object, ontvangen: {kind}."
    if etype == "list_type":
        return "not_a_list", f'Verwacht een lijst, ontvangen: "{_type_name(value)}".'
    # Our own validators raise PydanticCustomError(code, message): pass both through.
    return etype, err["msg"]


def field_name(loc: tuple[int | str, ...], prefix: str = "") -> str:
    parts = [prefix] if prefix else []
    parts += [str(p) if isinstance(p, int) else to_camel(p) for p in loc]
    return ".".join(parts)


def translate(
    exc: ValidationError, prefix: str = "", model: type[BaseModel] | None = None
) -> list[InvalidParam]:
    params: list[InvalidParam] = []
    for err in exc.errors(include_url=False):
        code, reason = _message(err)
        loc = err["loc"]
        if err["type"] in ("model_type", "dict_type", "model_attributes_type"):
            loc = (*loc, "non_field_errors")
        elif err["type"] == "list_type" and model is not None and _list_of_objects(model, loc):
            loc = (*loc, "non_field_errors")  # as the reference names a bad list of objects
        params.append(InvalidParam(field_name(loc, prefix) or "nonFieldErrors", code, reason))
    return params


def _list_of_objects(model: type[BaseModel], loc: tuple[int | str, ...]) -> bool:
    """Whether the field at ``loc`` is a list of objects (nested models), not of values."""
    annotation: Any = model
    for part in loc:
        annotation = _unwrap(annotation)
        if isinstance(part, int):
            args = get_args(annotation)
            annotation = args[0] if args else None
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
            fields = annotation.model_fields  # an error's location may use either spelling
            info = next((f for n, f in fields.items() if part in (n, f.alias)), None)
            annotation = info.annotation if info is not None else None
        else:
            return False
    annotation = _unwrap(annotation)
    if get_origin(annotation) is not list:
        return False
    item = _unwrap(get_args(annotation)[0])
    return isinstance(item, type) and issubclass(item, BaseModel)


def _unwrap(annotation: Any) -> Any:
    """``X`` of ``X | None`` and of ``Annotated[X, ...]``."""
    while get_origin(annotation) is Annotated or (
        get_args(annotation) and type(None) in get_args(annotation)
    ):
        args = [a for a in get_args(annotation) if a is not type(None)]
        annotation = args[0]
    return annotation


def validate(model: type[M], data: Any, prefix: str = "") -> M:
    """Validate a decoded body; non-objects and field errors become a 400."""
    if not isinstance(data, dict):
        name = f"{prefix}.nonFieldErrors" if prefix else "nonFieldErrors"
        reason = f"Ongeldige gegevens. Verwacht een object, ontvangen: {_type_name(data)}."
        raise ValidationFailed([InvalidParam(name, "invalid", reason)])
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ValidationFailed(translate(exc, prefix, model)) from None


def missing_required(obj: BaseModel, required: tuple[str, ...]) -> list[InvalidParam]:
    """Required-ness is checked here (not by Pydantic) so PATCH can reuse the same model."""
    return [
        InvalidParam(to_camel(name), "required", REQUIRED)
        for name in required
        if name not in obj.model_fields_set
    ]


def missing_keys(data: Any, required: tuple[str, ...]) -> list[InvalidParam]:
    """Required fields absent from a raw body (either spelling), found before model validation
    so that they are reported together with any other field errors."""
    if not isinstance(data, dict):
        return []
    return [
        InvalidParam(to_camel(name), "required", REQUIRED)
        for name in required
        if name not in data and to_camel(name) not in data
    ]


def validate_required(model: type[M], data: Any, required: tuple[str, ...]) -> M:
    """``validate``, with the ``required`` fields absent from the body reported together with
    the field errors (the required fields of a create or a PUT, checked by hand so that PATCH
    can share the model)."""
    missing = missing_keys(data, required)
    try:
        obj = validate(model, data)
    except ValidationFailed as exc:
        named = {p.name for p in exc.invalid_params}
        extra = [m for m in missing if m.name not in named]
        raise ValidationFailed(exc.invalid_params + extra) from None
    if missing:
        raise ValidationFailed(missing)
    return obj


def decode_json(content_type: str | None, body: bytes) -> Any:
    if not body.strip():
        return {}  # an empty body is an empty object: the field checks then say what is missing
    media_type = (content_type or "").split(";")[0].strip().lower()
    if media_type != "application/json" and not media_type.endswith("+json"):
        raise unsupported_media_type(media_type or "")
    try:
        data = orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        raise parse_error(f"JSON parse error - {exc}") from None
    if nesting_depth(data) > MAX_DEPTH:
        raise parse_error(f"JSON parse error - meer dan {MAX_DEPTH} niveaus genest.")
    return data


# No resource nests deeper than a few levels (metadata is the deepest); far deeper bodies would
# only make the recursive checks below and in Pydantic run out of stack (RecursionError).
MAX_DEPTH = 32


def nesting_depth(value: Any) -> int:
    """How deep objects and arrays nest, measured without recursion."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            item = item.values()
        elif not isinstance(item, list):
            continue
        deepest = max(deepest, depth)
        if depth <= MAX_DEPTH:  # deeper is refused anyway; no need to walk on
            stack.extend((sub, depth + 1) for sub in item)
    return deepest


NUL_REASON = "Tekst mag geen NUL-teken (\\u0000) bevatten."


def _has_nul(value: Any) -> bool:
    """NUL in a text value, or anywhere in free JSON (``metadata``); nested models check their
    own fields. Iterative: a deeply nested body must not exhaust the stack."""
    todo = [value]
    while todo:
        item = todo.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return True
        elif isinstance(item, dict):
            todo.extend(item.keys())
            todo.extend(item.values())
        elif isinstance(item, list | tuple):
            todo.extend(item)
    return False
