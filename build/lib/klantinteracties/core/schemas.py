"""Input building blocks shared by all resources: relation references and value groups."""

from __future__ import annotations

import uuid as uuidlib
from typing import Any, ClassVar

from pydantic import Field

from .validation import InputModel


class FkRef(InputModel):
    """A relation on input: only ``uuid`` counts; ``url`` is read-only and ignored."""

    uuid: uuidlib.UUID
    url: str | None = Field(default=None, exclude=True)


class Gegevensgroep(InputModel):
    """A value group stored as flat columns ``<group>_<sub>``; sending it replaces all of it."""

    # Value each column gets when the group is sent without it (or sent as null).
    empty_values: ClassVar[dict[str, Any]] = {}

    @classmethod
    def columns(cls, prefix: str, value: Gegevensgroep | None) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in cls.model_fields:
            sub = getattr(value, name) if value is not None else None
            if sub is None:
                sub = cls.empty_values.get(name, "")
            out[f"{prefix}_{name}"] = sub
        return out
