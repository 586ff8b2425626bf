"""Tables of the Contactgegevens API: persons and organisations with their address.

They stand alone: there are no relations to the Klantinteracties tables.
"""

from __future__ import annotations

from sqlalchemy import Column, Date, String, Table

from .base import adres_columns, key_columns, metadata, text

persoon = Table(
    "persoon",
    metadata,
    *key_columns(),
    Column("geboortedatum", Date, nullable=False),
    Column("overlijdensdatum", Date, nullable=True),
    Column("geslachtsnaam", String(200), nullable=False),
    text("geslacht", 1),
    text("voorvoegsel", 10),
    text("voornamen", 200),
    *adres_columns("adres"),
)

organisatie = Table(
    "organisatie",
    metadata,
    *key_columns(),
    Column("handelsnaam", String(255), nullable=False),
    Column("oprichtingsdatum", Date, nullable=True),
    Column("opheffingsdatum", Date, nullable=True),
    *adres_columns("adres"),
)
