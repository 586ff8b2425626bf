"""Correcting a digitaal adres (an e-mail address, a phone number): through the API's own
service, so every rule and validation message applies and the change is announced as any
other write (notifications, processing log)."""

from __future__ import annotations

import uuid as uuidlib
from typing import Any

from starlette.requests import Request

from klantinteracties.api.digitaleadressen.service import digitaal_adres_service
from klantinteracties.core.errors import ValidationFailed

from .people import origin
from .reading import ctx, staff_session
from .sessions import StaffSession

FIELDS = ("adres", "omschrijving")


def _url(request: Request, key: uuidlib.UUID) -> str:
    return f"{origin(request)}/beheer/digitaleadressen/{key}"


async def digitaal_adres(
    parent_state: Any, request: Request, who: StaffSession, key: uuidlib.UUID
) -> dict[str, Any]:
    """The adres as the API shows it (a logged read); ProblemError 404 when there is none."""
    async with staff_session(parent_state, who, "beheerDigitaalAdres", _url(request, key)) as s:
        return await digitaal_adres_service.retrieve(s, ctx(parent_state, origin(request)), key)


async def correct(
    parent_state: Any,
    request: Request,
    who: StaffSession,
    key: uuidlib.UUID,
    fields: dict[str, str],
) -> dict[str, str]:
    """Saves the form's fields as a partial update; returns the validation messages by field
    (``""`` for those not about one field), empty when it was saved."""
    data = {name: fields.get(name, "") for name in FIELDS}
    try:
        obj = digitaal_adres_service.parse(data, partial=True)
        url = _url(request, key)
        async with staff_session(parent_state, who, "beheerDigitaalAdres", url, True) as s:
            c = ctx(parent_state, origin(request))
            await digitaal_adres_service.update(s, c, key, obj, partial=True)
    except ValidationFailed as exc:
        messages: dict[str, str] = {}
        for param in exc.invalid_params:
            field = param.name if param.name in FIELDS else ""
            messages[field] = " ".join(filter(None, (messages.get(field), param.reason)))
        return messages
    return {}
