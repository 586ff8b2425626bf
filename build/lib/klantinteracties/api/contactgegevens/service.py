"""Rules of the Contactgegevens API.

Beyond type and length checks the reference implementation validates nothing. We add the date
rules any register of persons and organisations needs, with clear 400s:

* geboortedatum, overlijdensdatum and oprichtingsdatum cannot lie in the future: they record
  facts. An opheffingsdatum *may* lie in the future, because a closure is often announced (and
  registered) before it takes effect.
* overlijdensdatum cannot be before geboortedatum and opheffingsdatum not before
  oprichtingsdatum (the same day is allowed). On PATCH the stored value of the other date counts.

"Today" is the date in the Netherlands, where these registers live.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic.alias_generators import to_camel
from sqlalchemy import RowMapping
from sqlalchemy.ext.asyncio import AsyncSession

from klantinteracties.api.outputs import contactgegevens as outputs_contactgegevens
from klantinteracties.core.adres import Adres
from klantinteracties.core.errors import InvalidParam, ValidationFailed
from klantinteracties.core.service import CrudService
from klantinteracties.core.validation import NOT_NULL, missing_required, validate

from .repository import organisaties, personen
from .schemas import Organisatie, Persoon

NL: dt.tzinfo
try:
    NL = ZoneInfo("Europe/Amsterdam")
except ZoneInfoNotFoundError:  # no time zone database installed
    NL = dt.timezone(dt.timedelta(hours=2))  # summer time: errs on the lenient side in winter


def today() -> dt.date:
    return dt.datetime.now(NL).date()


@dataclass(frozen=True)
class DateOrder:
    """``later`` may not be before ``earlier`` (both being set)."""

    earlier: str
    later: str

    def check(self, obj: Any, current: RowMapping | None) -> InvalidParam | None:
        first, last = _effective(obj, current, self.earlier), _effective(obj, current, self.later)
        if first is None or last is None or last >= first:
            return None
        # Name the field the client sent, so the error points at what it just tried to change.
        if self.later in obj.model_fields_set:
            reason = f"De {self.later} kan niet vóór de {self.earlier} liggen."
            return InvalidParam(to_camel(self.later), "invalid", reason)
        reason = f"De {self.earlier} kan niet na de {self.later} liggen."
        return InvalidParam(to_camel(self.earlier), "invalid", reason)


def _effective(obj: Any, current: RowMapping | None, name: str) -> Any:
    """The value after this write: the sent one, else the stored one."""
    if name in obj.model_fields_set:
        return getattr(obj, name)
    return current[name] if current is not None else None


class ContactgegevensService(CrudService):
    scope = "contactgegevens"
    not_null: tuple[str, ...] = ()  # may be omitted on PATCH, but never set to null
    not_blank: tuple[str, ...] = ()  # required names: an empty string is no name
    not_in_future: tuple[str, ...] = ()
    date_orders: tuple[DateOrder, ...] = ()
    group_fields = {"adres": Adres}

    def parse(self, data: Any, partial: bool) -> Any:
        # Nulls are found in the raw body so that they are reported along with any type errors.
        errors = self.null_errors(data)
        try:
            obj = validate(self.input_model, data)
        except ValidationFailed as exc:
            raise ValidationFailed(exc.invalid_params + errors) from None
        if not partial:
            errors = missing_required(obj, self.required) + errors
        errors += [
            InvalidParam(to_camel(name), "blank", NOT_NULL)
            for name in self.not_blank
            if name in obj.model_fields_set and not getattr(obj, name).strip()
        ]
        if errors:
            raise ValidationFailed(errors)
        return obj

    def null_errors(self, data: Any) -> list[InvalidParam]:
        if not isinstance(data, dict):
            return []  # validate() reports a non-object body
        return [
            InvalidParam(to_camel(name), "null", NOT_NULL)
            for name in self.not_null
            if any(key in data and data[key] is None for key in (name, to_camel(name)))
        ]

    async def validate(self, session: AsyncSession, obj: Any, current: RowMapping | None) -> None:
        errors: list[InvalidParam] = []
        now = today()
        for name in self.not_in_future:
            value = getattr(obj, name)
            if name in obj.model_fields_set and value is not None and value > now:
                reason = f"De {name} kan niet in de toekomst liggen."
                errors.append(InvalidParam(to_camel(name), "invalid", reason))
        for order in self.date_orders:
            error = order.check(obj, current)
            if error is not None and error.name not in {e.name for e in errors}:
                errors.append(error)
        if errors:
            raise ValidationFailed(errors)


class PersoonService(ContactgegevensService):
    collection = "persoon"
    repo = personen
    representation = outputs_contactgegevens.Persoon
    input_model = Persoon
    required = ("geboortedatum", "geslachtsnaam")
    not_null = ("geboortedatum", "geslacht")
    not_blank = ("geslachtsnaam",)
    not_in_future = ("geboortedatum", "overlijdensdatum")
    date_orders = (DateOrder("geboortedatum", "overlijdensdatum"),)


class OrganisatieService(ContactgegevensService):
    collection = "organisatie"
    repo = organisaties
    representation = outputs_contactgegevens.Organisatie
    input_model = Organisatie
    required = ("handelsnaam",)
    not_blank = ("handelsnaam",)
    not_in_future = ("oprichtingsdatum",)
    date_orders = (DateOrder("oprichtingsdatum", "opheffingsdatum"),)


persoon_service = PersoonService()
organisatie_service = OrganisatieService()
