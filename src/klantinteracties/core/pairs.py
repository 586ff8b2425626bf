"""A resource that links two others, each pair at most once (actorklantcontacten,
vertegenwoordigingen): the generic CRUD flow plus the pair's uniqueness."""

from __future__ import annotations

from typing import Any

from sqlalchemy import RowMapping
from sqlalchemy.ext.asyncio import AsyncSession

from .errors import InvalidParam, ValidationFailed
from .service import CrudService


class PairService(CrudService):
    """A resource that links two others (``pair``), each pair at most once."""

    pair: tuple[str, str]
    pair_taken: str  # reason given when the pair already exists

    async def validate(self, session: AsyncSession, obj: Any, current: RowMapping | None) -> None:
        await super().validate(session, obj, current)
        keys = [self.ref_after_write(obj, current, side) for side in self.pair]
        if None in keys:
            return
        await self.check_pair(session, keys[0], keys[1])
        values = {f"{side}_uuid": key for side, key in zip(self.pair, keys, strict=True)}
        exclude = current["uuid"] if current is not None else None
        if await self.repo.exists_other(session, values, exclude):
            raise ValidationFailed([InvalidParam("nonFieldErrors", "unique", self.pair_taken)])

    async def check_pair(self, session: AsyncSession, first: Any, second: Any) -> None:
        """Further rules on the pair itself."""
