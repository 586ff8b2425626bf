"""Tables of the klantcontacten family: klantcontact, betrokkene, onderwerpobject, bijlage.

Substring search (``onderwerp``, ``inhoud``, ``reactie``, digital ``adres``) is served on
PostgreSQL by trigram GIN indexes. They are created by the migrations only (they need the pg_trgm
extension and have no SQLite equivalent), so they are not declared here; their names start with
``trgm_`` and the model/migration comparison ignores them.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Index,
    String,
    Table,
)

from klantinteracties.core.types import UTCDateTime

from .base import adres_columns, contactnaam_columns, key_columns, metadata, ref, text

IDENTIFICATOR_FIELDS = ("object_id", "code_objecttype", "code_register", "code_soort_object_id")


def identificator_columns(prefix: str) -> list[Column[str]]:
    return [text(f"{prefix}_{name}", 200) for name in IDENTIFICATOR_FIELDS]


klantcontact = Table(
    "klantcontact",
    metadata,
    *key_columns(),
    Column("nummer", String(10), nullable=True, unique=True),
    Column("referentienummer", String(10), nullable=True, unique=True),
    Column("kanaal", String(50), nullable=False, index=True),
    Column("onderwerp", String(200), nullable=False),
    text("inhoud", 1000),
    text("reactie", 4000),
    Column("indicatie_contact_gelukt", Boolean, nullable=True, index=True),
    text("hoofd_onderwerp_type", 200),
    Column("verdere_actie_ondernomen", Boolean, nullable=False, default=False),
    Column("taal", String(3), nullable=False),
    Column("vertrouwelijk", Boolean, nullable=False, index=True),
    Column("plaatsgevonden_op", UTCDateTime, nullable=False, index=True),
    Column("metadata_json", JSON, nullable=False, default=dict),
    CheckConstraint(
        "NOT (indicatie_contact_gelukt IS TRUE AND verdere_actie_ondernomen)",
        name="gelukt_zonder_verdere_actie",
    ),
    # Default order of the collection: newest first.
    Index("ix_klantcontact_order", "plaatsgevonden_op", "id"),
)

betrokkene = Table(
    "betrokkene",
    metadata,
    *key_columns(),
    # Deleting a partij keeps the contact history: only the link is cleared.
    ref("was_partij", "partij", "SET NULL"),
    ref("had_klantcontact", "klantcontact", "CASCADE", nullable=False),
    *adres_columns("bezoekadres"),
    *adres_columns("correspondentieadres"),
    *contactnaam_columns(),
    Column("rol", String(20), nullable=False),
    text("organisatienaam", 200),
    Column("initiator", Boolean, nullable=False),
    Index("ix_betrokkene_contactnaam_achternaam", "contactnaam_achternaam"),
    Index("ix_betrokkene_contactnaam_voornaam", "contactnaam_voornaam"),
    Index("ix_betrokkene_contactnaam_voorletters", "contactnaam_voorletters"),
    Index("ix_betrokkene_contactnaam_voorvoegsel_achternaam", "contactnaam_voorvoegsel_achternaam"),
    Index("ix_betrokkene_organisatienaam", "organisatienaam"),
)

onderwerpobject = Table(
    "onderwerpobject",
    metadata,
    *key_columns(),
    ref("klantcontact", "klantcontact", "CASCADE"),
    ref("was_klantcontact", "klantcontact", "CASCADE"),
    *identificator_columns("onderwerpobjectidentificator"),
    # "Which contacts were about zaak X": by object id first.
    Index(
        "ix_onderwerpobject_identificator",
        "onderwerpobjectidentificator_object_id",
        "onderwerpobjectidentificator_code_objecttype",
    ),
    Index("ix_onderwerpobject_code_register", "onderwerpobjectidentificator_code_register"),
    Index(
        "ix_onderwerpobject_code_soort_object_id",
        "onderwerpobjectidentificator_code_soort_object_id",
    ),
)

bijlage = Table(
    "bijlage",
    metadata,
    *key_columns(),
    ref("was_bijlage_van_klantcontact", "klantcontact", "CASCADE"),
    *identificator_columns("bijlageidentificator"),
    Index(
        "ix_bijlage_identificator",
        "bijlageidentificator_object_id",
        "bijlageidentificator_code_objecttype",
    ),
    Index("ix_bijlage_code_register", "bijlageidentificator_code_register"),
    Index("ix_bijlage_code_soort_object_id", "bijlageidentificator_code_soort_object_id"),
)
