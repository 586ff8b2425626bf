"""The rules a partij-identificator must satisfy, shared by the standalone endpoint and by the
nested ``Partij.partijIdentificatoren`` list. Nothing in here writes to the database.

Rules are checked against the *effective* values: what was sent, completed with the stored row
(``current``) for what was not sent, so a PATCH of one field is judged as the whole result.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from sqlalchemy import RowMapping
from sqlalchemy.ext.asyncio import AsyncSession

from klantinteracties.core.errors import InvalidParam
from klantinteracties.core.validation import REQUIRED

from .repository import partij_identificatoren, partijen_repo
from .schemas import PartijIdentificator

GROUP_FIELDS = ("code_objecttype", "code_soort_object_id", "object_id", "code_register")

# Which codeObjecttype a register holds, and which codeSoortObjectId identifies an objecttype.
OBJECTTYPES_PER_REGISTER = {
    "brp": ("natuurlijk_persoon",),
    "hr": ("vestiging", "niet_natuurlijk_persoon"),
}
SOORTEN_PER_OBJECTTYPE = {
    "natuurlijk_persoon": ("bsn",),
    "niet_natuurlijk_persoon": ("rsin", "kvk_nummer"),
    "vestiging": ("vestigingsnummer",),
}
# codeSoortObjectId -> (exact length, uses the elfproef, name in messages)
OBJECT_ID_FORMATS = {
    "bsn": (9, True, "een BSN"),
    "rsin": (9, True, "een RSIN"),
    "kvk_nummer": (8, False, "een KvK-nummer"),
    "vestigingsnummer": (12, False, "een vestigingsnummer"),
}
_DIGITS = re.compile(r"[0-9]+")

NAME_OBJECTTYPE = "partijIdentificatorCodeObjecttype"
NAME_SOORT = "partijIdentificatorCodeSoortObjectId"
NAME_OBJECT_ID = "partijIdentificatorObjectId"
NAME_SUB = "subIdentificatorVan"
NAME_ALL = "__all__"


def elfproef(value: str) -> bool:
    """The 11-test of BSN and RSIN: weights 9..2 from the left and -1 for the last digit."""
    if not _DIGITS.fullmatch(value):
        return False
    total = sum(
        int(digit) * (-1 if pos == 0 else pos + 1) for pos, digit in enumerate(reversed(value))
    )
    return total % 11 == 0


def object_id_problem(soort: str, object_id: str) -> str | None:
    """Why ``object_id`` is not a valid value of kind ``soort`` (None when it is)."""
    if soort not in OBJECT_ID_FORMATS:
        return None
    length, eleven, label = OBJECT_ID_FORMATS[soort]
    if len(object_id) != length:
        return f"{label} bestaat uit precies {length} tekens."
    if not _DIGITS.fullmatch(object_id):
        return f"{label} bestaat alleen uit cijfers."
    if eleven and not elfproef(object_id):
        return f"{label} moet voldoen aan de elfproef."
    return None


def hierarchy_problem(group: dict[str, Any]) -> InvalidParam | None:
    """Register -> objecttype -> soort object id must fit together; the first misfit counts."""
    register, objecttype = group["code_register"], group["code_objecttype"]
    soort = group["code_soort_object_id"]
    allowed = OBJECTTYPES_PER_REGISTER.get(register)
    if register and objecttype and allowed is not None and objecttype not in allowed:
        reason = (
            f"Bij codeRegister `{register}` past alleen codeObjecttype "
            f"{_choices(allowed)}, niet `{objecttype}`."
        )
        return InvalidParam(NAME_OBJECTTYPE, "invalid", reason)
    allowed = SOORTEN_PER_OBJECTTYPE.get(objecttype)
    if objecttype and soort and allowed is not None and soort not in allowed:
        reason = (
            f"Bij codeObjecttype `{objecttype}` past alleen codeSoortObjectId "
            f"{_choices(allowed)}, niet `{soort}`."
        )
        return InvalidParam(NAME_SOORT, "invalid", reason)
    return None


def _choices(values: tuple[str, ...]) -> str:
    return " of ".join(f"`{v}`" for v in values)


@dataclass(frozen=True)
class Effective:
    """The identificator as it will be stored."""

    group: dict[str, Any] | None
    parent: uuid.UUID | None


def effective(obj: PartijIdentificator, current: RowMapping | None) -> Effective:
    sent = obj.model_fields_set
    group: dict[str, Any] | None = None
    if obj.partij_identificator is not None:
        group = {name: str(getattr(obj.partij_identificator, name)) for name in GROUP_FIELDS}
    elif current is not None:
        group = {name: current[name] for name in GROUP_FIELDS}
    if "sub_identificator_van" in sent:
        parent = obj.sub_identificator_van.uuid if obj.sub_identificator_van else None
    else:
        parent = current["sub_identificator_van_uuid"] if current is not None else None
    return Effective(group, parent)


async def check_identificator(
    session: AsyncSession,
    obj: PartijIdentificator,
    *,
    current: RowMapping | None,
    partij_uuid: uuid.UUID | None,
    prefix: str = "",
    partial: bool = False,
    exclude: Collection[uuid.UUID] = (),
) -> list[InvalidParam]:
    """Every rule for one identificator; returns the errors with ``prefix`` before each name
    (not before ``__all__``, which names the identificator as a whole wherever it is).

    As in the reference, the rules run in two rounds: the fields on their own (relations exist,
    the group is given), and only when those pass, the rules that combine values, of which just
    the first that fails is reported.

    ``current``: the stored row being updated (None on create). ``partij_uuid``: the partij the
    identificator will belong to. ``partial``: a PATCH, so the group may be left out when a row
    exists. ``exclude``: uuids of rows that the same request removes (not counted as clashes).
    """
    eff = effective(obj, current)
    errors = await _check_refs(session, obj)
    group_sent = "partij_identificator" in obj.model_fields_set
    if obj.partij_identificator is None and (group_sent or current is None or not partial):
        # An empty group counts as missing: the group cannot be cleared.
        errors.append(InvalidParam("partijIdentificator", "required", REQUIRED))
    if not errors and eff.group is not None:
        first = await _first_misfit(session, obj, current, eff)
        if first is not None:
            errors.append(first)
        else:
            ignore = {*exclude, *([current["uuid"]] if current is not None else [])}
            errors += await _check_unique(session, eff, partij_uuid, ignore)
    return [
        e if e.name == NAME_ALL else InvalidParam(f"{prefix}{e.name}", e.code, e.reason)
        for e in errors
    ]


async def _check_refs(session: AsyncSession, obj: PartijIdentificator) -> list[InvalidParam]:
    """The relations sent must exist."""
    errors: list[InvalidParam] = []
    partij_ref = obj.identificeerde_partij
    if partij_ref is not None and not await partijen_repo.exists(session, partij_ref.uuid):
        errors.append(
            InvalidParam("identificeerdePartij.uuid", "invalid", "Er is geen partij met deze uuid.")
        )
    sub = obj.sub_identificator_van
    if sub is not None and not await partij_identificatoren.exists(session, sub.uuid):
        reason = "Er is geen partij-identificator met deze uuid."
        errors.append(InvalidParam(f"{NAME_SUB}.uuid", "invalid", reason))
    return errors


async def _first_misfit(
    session: AsyncSession,
    obj: PartijIdentificator,
    current: RowMapping | None,
    eff: Effective,
) -> InvalidParam | None:
    """The first rule on combined values that fails, in the reference's order: the codes fit
    together, the objectId fits its soort, then the rules about subIdentificatorVan."""
    assert eff.group is not None
    found = hierarchy_problem(eff.group) or _object_id_misfit(eff.group)
    if found is None:
        found = await _parent_misfit(session, obj, current)
    if found is None:
        found = _needs_parent(eff)
    if found is None:
        found = await _soort_change(session, current, eff.group)
    return found


async def _parent_misfit(
    session: AsyncSession, obj: PartijIdentificator, current: RowMapping | None
) -> InvalidParam | None:
    if obj.sub_identificator_van is None:
        return None
    key = obj.sub_identificator_van.uuid
    if current is not None and key == current["uuid"]:
        reason = "Een partij-identificator kan geen sub-identificator van zichzelf zijn."
        return InvalidParam(NAME_SUB, "invalid", reason)
    parent = await partij_identificatoren.get(session, key)
    if parent is not None and parent["code_soort_object_id"] != "kvk_nummer":
        reason = (
            "subIdentificatorVan moet een partij-identificator met codeSoortObjectId "
            "`kvk_nummer` zijn."
        )
        return InvalidParam(NAME_SUB, "invalid", reason)
    return None


def _object_id_misfit(group: dict[str, Any]) -> InvalidParam | None:
    problem = object_id_problem(group["code_soort_object_id"], group["object_id"])
    if problem is None:
        return None
    return InvalidParam(NAME_OBJECT_ID, "invalid", f"Deze waarde is niet geldig: {problem}")


def _needs_parent(eff: Effective) -> InvalidParam | None:
    assert eff.group is not None
    if eff.group["code_soort_object_id"] != "vestigingsnummer" or eff.parent is not None:
        return None
    reason = (
        "Een vestigingsnummer hoort onder een KvK-nummer: geef in subIdentificatorVan een "
        "partij-identificator met codeSoortObjectId `kvk_nummer` op."
    )
    return InvalidParam(NAME_SUB, "invalid", reason)


async def _soort_change(
    session: AsyncSession, current: RowMapping | None, group: dict[str, Any]
) -> InvalidParam | None:
    """Children were accepted for this soort (a KvK number); another soort would orphan them."""
    if current is None or group["code_soort_object_id"] == current["code_soort_object_id"]:
        return None
    if not await partij_identificatoren.has_children(session, current["uuid"]):
        return None
    reason = (
        "De codeSoortObjectId kan niet veranderen zolang er partij-identificatoren zijn "
        "die deze als subIdentificatorVan hebben."
    )
    return InvalidParam(NAME_SOORT, "invalid", reason)


async def _check_unique(
    session: AsyncSession,
    eff: Effective,
    partij_uuid: uuid.UUID | None,
    ignore: Collection[uuid.UUID],
) -> list[InvalidParam]:
    """The database enforces these too; checking first gives the client a precise message.
    Only the first clash is reported, as in the reference."""
    assert eff.group is not None
    if await partij_identificatoren.find_same(session, eff.group, eff.parent, ignore):
        reason = (
            "Een partij-identificator moet uniek zijn: deze combinatie van codeObjecttype, "
            "codeSoortObjectId, objectId en codeRegister is al vastgelegd."
        )
        return [InvalidParam(NAME_ALL, "invalid", reason)]
    soort = eff.group["code_soort_object_id"]
    if partij_uuid is not None and await partij_identificatoren.soort_taken(
        session, partij_uuid, soort, ignore
    ):
        reason = (
            "Een partij heeft ten hoogste één identificator per codeSoortObjectId; "
            f"deze partij heeft al een `{soort}`."
        )
        return [InvalidParam(NAME_ALL, "invalid", reason)]
    return []
