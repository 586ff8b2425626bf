"""Shared table metadata and column helpers.

Tables are plain SQLAlchemy Core tables: reads return rows, never ORM objects, so nothing can be
lazy-loaded behind the code's back.

Every resource table has an integer ``id`` (insertion order, used for "newest first") and a
unique ``uuid`` (the public identity). Relations reference the ``uuid`` column, which lets a
representation render ``{uuid, url}`` for a relation without a join.
"""

from __future__ import annotations

import uuid as uuidlib
from typing import Any

from sqlalchemy import Column, ForeignKey, Integer, MetaData, String, Uuid

from klantinteracties.core.types import BigIntPK

NAMING = {
    "ix": "ix_%(column_0_N_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING)


def key_columns() -> list[Column[Any]]:
    return [
        Column("id", BigIntPK, primary_key=True, autoincrement=True),
        Column("uuid", Uuid, nullable=False, unique=True, default=uuidlib.uuid4),
    ]


def text(name: str, length: int) -> Column[str]:
    """Optional text: stored as '' when not given, as existing clients expect."""
    return Column(name, String(length), nullable=False, default="", server_default="")


def ref(
    name: str, target: str, ondelete: str, nullable: bool = True, index: bool = True
) -> Column[Any]:
    """A relation ``<name>_uuid`` to ``<target>.uuid``."""
    return Column(
        f"{name}_uuid",
        Uuid,
        ForeignKey(f"{target}.uuid", ondelete=ondelete),
        nullable=nullable,
        index=index,
    )


ADRES_FIELDS: tuple[tuple[str, int], ...] = (
    ("nummeraanduiding_id", 16),
    ("straatnaam", 255),
    ("huisnummertoevoeging", 20),
    ("postcode", 7),
    ("stad", 255),
    ("adresregel1", 80),
    ("adresregel2", 80),
    ("adresregel3", 80),
    ("land", 2),
)


def adres_columns(prefix: str) -> list[Column[Any]]:
    cols: list[Column[Any]] = [text(f"{prefix}_{name}", size) for name, size in ADRES_FIELDS]
    cols.append(Column(f"{prefix}_huisnummer", Integer, nullable=True))
    return cols


def contactnaam_columns(prefix: str = "contactnaam") -> list[Column[Any]]:
    return [
        text(f"{prefix}_voorletters", 10),
        text(f"{prefix}_voornaam", 200),
        text(f"{prefix}_voorvoegsel_achternaam", 10),
        text(f"{prefix}_achternaam", 200),
    ]
