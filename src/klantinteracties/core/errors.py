"""The one problem body used for every 4xx/5xx response.

Shape: ``{type, code, title, status, detail, instance, invalidParams}``; ``invalidParams`` lists
``{name, code, reason}`` with camelCase dotted field names.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, field
from typing import Any

import orjson
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from sqlalchemy.exc import IntegrityError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from .scrub import route_of, scrubbed_traceback

logger = logging.getLogger("klantinteracties")

VALIDATION_TITLE = "Ongeldige invoerwaarde."


@dataclass(frozen=True)
class InvalidParam:
    name: str
    code: str
    reason: str

    def as_dict(self) -> dict[str, str]:
        return {"name": self.name, "code": self.code, "reason": self.reason}


@dataclass
class ProblemError(Exception):
    status: int
    code: str
    title: str
    detail: str
    kind: str  # last part of the ``type`` URL, e.g. "ValidationError"
    invalid_params: list[InvalidParam] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)
    # Why a token was refused, in a word a metric may carry (never the token itself).
    reason: str = ""


class ValidationFailed(ProblemError):
    """400 with invalidParams; raised by services for rule violations."""

    def __init__(self, params: list[InvalidParam]) -> None:
        super().__init__(
            400, "invalid", VALIDATION_TITLE, VALIDATION_TITLE, "ValidationError", params
        )


def invalid(name: str, reason: str, code: str = "invalid") -> ValidationFailed:
    return ValidationFailed([InvalidParam(name, code, reason)])


def not_found(detail: str = "Niet gevonden.") -> ProblemError:
    return ProblemError(404, "not_found", "Niet gevonden.", detail, "NotFound")


def parse_error(detail: str) -> ProblemError:
    return ProblemError(400, "parse_error", "Ongeldig samengestelde request.", detail, "ParseError")


def unsupported_media_type(media_type: str) -> ProblemError:
    msg = f'Ongeldige media type "{media_type}" in aanvraag.'
    return ProblemError(415, "unsupported_media_type", msg, msg, "UnsupportedMediaType")


def not_authenticated() -> ProblemError:
    msg = "Authenticatiegegevens zijn niet opgegeven."
    return ProblemError(
        401,
        "not_authenticated",
        msg,
        msg,
        "NotAuthenticated",
        headers={"WWW-Authenticate": "Token"},
        reason="missing",
    )


def authentication_failed(
    detail: str = "Ongeldige token.", reason: str = "unknown"
) -> ProblemError:
    return ProblemError(
        401,
        "authentication_failed",
        "Ongeldige authenticatiegegevens.",
        detail,
        "AuthenticationFailed",
        headers={"WWW-Authenticate": "Token"},
        reason=reason,
    )


def permission_denied(detail: str = "Dit token heeft geen recht op deze actie.") -> ProblemError:
    return ProblemError(
        403,
        "permission_denied",
        "Je hebt geen toestemming om deze actie uit te voeren.",
        detail,
        "PermissionDenied",
    )


PROBLEM_JSON = "application/problem+json"


def problem_media_type(accept: str | None) -> str:
    """``application/json`` like the reference: the real client library (open-klant-client)
    refuses any other media type and would never see our errors as errors. A client that names
    ``application/problem+json`` in ``Accept`` gets that."""
    for part in (accept or "").split(","):
        media, *params = (item.strip().lower() for item in part.split(";"))
        if media == PROBLEM_JSON and not any(_refused_quality(p) for p in params):
            return PROBLEM_JSON
    return "application/json"


def _refused_quality(param: str) -> bool:
    name, _, value = param.partition("=")
    try:
        return name.strip() == "q" and float(value) == 0
    except ValueError:
        return False


def problem_response(request: Request, err: ProblemError) -> Response:
    if err.reason:  # for the edge middleware's observers (ops/metrics.py)
        request.state.failure_reason = err.reason
    body: dict[str, Any] = {
        "type": f"{str(request.base_url).rstrip('/')}/ref/fouten/{err.kind}/",
        "code": err.code,
        "title": err.title,
        "status": err.status,
        "detail": err.detail,
        "instance": f"urn:uuid:{uuid.uuid4()}",
    }
    if err.invalid_params or err.kind == "ValidationError":
        body["invalidParams"] = [p.as_dict() for p in err.invalid_params]
    return Response(
        orjson.dumps(body),
        status_code=err.status,
        media_type=problem_media_type(request.headers.get("accept")),
        headers=err.headers,
    )


_STATUS_PROBLEMS: dict[int, tuple[str, str, str]] = {
    404: ("not_found", "Niet gevonden.", "NotFound"),
    405: ("method_not_allowed", "Methode niet toegestaan.", "MethodNotAllowed"),
    406: ("not_acceptable", "Kan niet voldoen aan de opgegeven Accept header.", "NotAcceptable"),
}


def _http_exception(request: Request, exc: StarletteHTTPException) -> Response:
    code, title, kind = _STATUS_PROBLEMS.get(exc.status_code, ("error", "Fout.", "APIException"))
    detail = title
    if exc.status_code == 405:
        detail = f'Methode "{request.method}" niet toegestaan.'
    err = ProblemError(exc.status_code, code, title, detail, kind, headers=dict(exc.headers or {}))
    return problem_response(request, err)


def install_error_handlers(app: FastAPI) -> None:
    async def on_problem(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ProblemError)
        return problem_response(request, exc)

    async def on_http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        return _http_exception(request, exc)

    async def on_request_validation(request: Request, exc: Exception) -> Response:
        # Our routes parse their own input; this only guards routes declared with typed params.
        return problem_response(request, invalid("nonFieldErrors", "Ongeldige aanvraag."))

    async def on_integrity(request: Request, exc: Exception) -> Response:
        # Services check rules first and give precise messages; this is the safety net for
        # races between two writers (or a rule a service forgot): still a 400, never a 500.
        # The driver's message quotes the clashing values (personal data): name the kind only.
        kind = type(getattr(exc, "orig", exc)).__name__
        logger.info("integrity error on %s %s: %s", request.method, route_of(request), kind)
        reason = "Deze gegevens botsen met gegevens die al zijn opgeslagen."
        return problem_response(request, invalid("nonFieldErrors", reason, "unique"))

    async def on_unexpected(request: Request, exc: Exception) -> Response:
        logger.error(
            "unhandled error on %s %s\n%s",
            request.method,
            route_of(request),
            scrubbed_traceback(exc),
        )
        msg = "Er is een serverfout opgetreden."
        return problem_response(request, ProblemError(500, "error", msg, msg, "APIException"))

    app.add_exception_handler(ProblemError, on_problem)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(RequestValidationError, on_request_validation)
    app.add_exception_handler(IntegrityError, on_integrity)
    app.add_exception_handler(Exception, on_unexpected)
