"""Tables of actoren (who handled a contact) and interne taken (follow-up tasks)."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Index,
    Integer,
    String,
    Table,
    UniqueConstraint,
)

from klantinteracties.core.types import UTCDateTime

from .base import key_columns, metadata, ref, text
from .klantcontacten import identificator_columns

actor = Table(
    "actor",
    metadata,
    *key_columns(),
    Column("naam", String(200), nullable=False, index=True),
    Column("soort_actor", String(30), nullable=False, index=True),
    Column("indicatie_actief", Boolean, nullable=False, default=True, index=True),
    *identificator_columns("actoridentificator"),
    # actorIdentificatie: which soort's sub-object is stored (NULL: none was ever given).
    Column("identificatie_soort", String(30), nullable=True),
    text("functie", 40),
    text("emailadres", 254),
    text("telefoonnummer", 20),
    text("faxnummer", 20),
    text("omschrijving", 200),
    Index(
        "ix_actor_actoridentificator",
        "actoridentificator_object_id",
        "actoridentificator_code_objecttype",
    ),
    Index("ix_actor_actoridentificator_code_register", "actoridentificator_code_register"),
    Index(
        "ix_actor_actoridentificator_code_soort_object_id",
        "actoridentificator_code_soort_object_id",
    ),
)

actorklantcontact = Table(
    "actorklantcontact",
    metadata,
    *key_columns(),
    ref("actor", "actor", "CASCADE", nullable=False),
    ref("klantcontact", "klantcontact", "CASCADE", nullable=False),
    UniqueConstraint("actor_uuid", "klantcontact_uuid"),
)

internetaak = Table(
    "internetaak",
    metadata,
    *key_columns(),
    Column("nummer", String(10), nullable=True, unique=True),
    Column("referentienummer", String(10), nullable=True, unique=True),
    Column("gevraagde_handeling", String(200), nullable=False),
    ref("aanleidinggevend_klantcontact", "klantcontact", "CASCADE", nullable=False),
    text("toelichting", 1000),
    Column("status", String(20), nullable=False, index=True),
    Column("toegewezen_op", UTCDateTime, nullable=False, index=True),
    Column("afgehandeld_op", UTCDateTime, nullable=True),
)

# Ordered assignment of a task to actors (toegewezenAanActoren); volgorde 0 is the first actor,
# which the deprecated single field toegewezenAanActor shows.
internetaak_actor = Table(
    "internetaak_actor",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    ref("internetaak", "internetaak", "CASCADE", nullable=False, index=False),
    ref("actor", "actor", "CASCADE", nullable=False, index=False),
    Column("volgorde", Integer, nullable=False),
    UniqueConstraint("internetaak_uuid", "actor_uuid"),
    # The work queue: open tasks of actor X.
    Index("ix_internetaak_actor_actor", "actor_uuid", "internetaak_uuid"),
)
