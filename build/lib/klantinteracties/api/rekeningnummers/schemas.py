from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from klantinteracties.core.schemas import FkRef
from klantinteracties.core.validation import InputModel, reject_blank

IBAN_PATTERN = r"^[A-Za-z]{2}[0-9]{2}[A-Za-z0-9]{1,30}$"
BIC_PATTERN = r"^(\S{8,11})?$"  # empty: no BIC
_IBAN = re.compile(IBAN_PATTERN)


def iban_problem(value: str) -> str | None:
    """Why ``value`` is no IBAN. Only the shape is checked (country code, check digits,
    account): no checksum, as before."""
    return None if _IBAN.match(value) else f"Dit is geen geldig IBAN-nummer: {value}"


def _iban(value: str) -> str:
    reject_blank(value)
    problem = iban_problem(value)
    if problem is not None:
        raise PydanticCustomError("invalid", problem)
    return value


def _bic(value: str) -> str:
    if value == "":
        return value  # no BIC given
    if any(ch.isspace() for ch in value):
        raise PydanticCustomError("invalid", "Een BIC mag geen spaties bevatten.")
    if not 8 <= len(value) <= 11:
        raise PydanticCustomError("min_length", "Een BIC bestaat uit 8 tot 11 tekens.")
    return value


class Rekeningnummer(InputModel):
    """A bank account number of a partij."""

    partij: FkRef | None = Field(default=None, description="De partij van dit rekeningnummer.")
    iban: Annotated[str, AfterValidator(_iban)] = Field(
        default="",
        max_length=34,
        description="Het internationale bankrekeningnummer (IBAN).",
        json_schema_extra={"pattern": IBAN_PATTERN},
    )
    bic: Annotated[str, AfterValidator(_bic)] = Field(
        default="",
        max_length=11,
        description="De code van de bank (BIC), 8 tot 11 tekens zonder spaties.",
        json_schema_extra={"pattern": BIC_PATTERN},
    )
