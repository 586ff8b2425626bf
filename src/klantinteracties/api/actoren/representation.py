"""The representation of an actor; also used inside a klantcontact's ``hadBetrokkenActoren``."""

from __future__ import annotations

from typing import Any

from pydantic.alias_generators import to_camel
from sqlalchemy import RowMapping

from klantinteracties.core.context import Ctx

from .schemas import IDENTIFICATIE_MODELS, Actoridentificator

COLLECTION = "actoren"


def identificatie_output(row: RowMapping) -> dict[str, Any] | None:
    """The stored sub-object, shaped by the current soort; null when none belongs to it."""
    soort = row["identificatie_soort"]
    if soort is None or soort != row["soort_actor"]:
        return None
    return {to_camel(name): row[name] for name in IDENTIFICATIE_MODELS[soort].model_fields}


def actor_output(ctx: Ctx, row: RowMapping) -> dict[str, Any]:
    return {
        "uuid": str(row["uuid"]),
        "url": ctx.url(COLLECTION, row["uuid"]),
        "naam": row["naam"],
        "soortActor": row["soort_actor"],
        "indicatieActief": row["indicatie_actief"],
        "actoridentificator": Actoridentificator.output("actoridentificator", row),
        "actorIdentificatie": identificatie_output(row),
    }
