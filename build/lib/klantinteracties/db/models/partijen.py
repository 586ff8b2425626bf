"""Tables of the partijen family: partij, its identificatoren, digitale adressen,
rekeningnummers, vertegenwoordigingen and categorieën."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Date, Index, String, Table, UniqueConstraint, Uuid, text

from .base import adres_columns, contactnaam_columns, key_columns, metadata, ref
from .base import text as text_col

ADRES_FILTER_FIELDS = ("nummeraanduiding_id", "adresregel1", "adresregel2", "adresregel3", "land")

partij = Table(
    "partij",
    metadata,
    *key_columns(),
    Column("nummer", String(10), nullable=True, unique=True),
    text_col("interne_notitie", 1000),
    Column("soort_partij", String(20), nullable=False, index=True),
    Column("indicatie_geheimhouding", Boolean, nullable=True, index=True),
    text_col("voorkeurstaal", 3),
    Column("indicatie_actief", Boolean, nullable=False, index=True),
    *adres_columns("bezoekadres"),
    *adres_columns("correspondentieadres"),
    # partijIdentificatie: which soort's sub-object is stored (NULL: none was ever given).
    Column("identificatie_soort", String(20), nullable=True),
    *contactnaam_columns(),
    text_col("organisatie_naam", 200),
    Column("contactpersoon_uuid", Uuid, nullable=True),
    ref("werkte_voor_partij", "partij", "SET NULL"),
    *(
        Index(f"ix_partij_{prefix}_{name}", f"{prefix}_{name}")
        for prefix in ("bezoekadres", "correspondentieadres")
        for name in ADRES_FILTER_FIELDS
    ),
)

partij_identificator = Table(
    "partij_identificator",
    metadata,
    *key_columns(),
    ref("identificeerde_partij", "partij", "CASCADE"),
    text_col("andere_partij_identificator", 200),
    Column("code_objecttype", String(30), nullable=False),
    Column("code_soort_object_id", String(30), nullable=False),
    Column("object_id", String(200), nullable=False),
    Column("code_register", String(10), nullable=False),
    ref("sub_identificator_van", "partij_identificator", "RESTRICT"),
    # The lookup clients make most: by object id (BSN, KvK number), then by kind.
    Index("ix_partij_identificator_lookup", "object_id", "code_soort_object_id"),
    Index("ix_partij_identificator_code_objecttype", "code_objecttype"),
    Index("ix_partij_identificator_code_register", "code_register"),
    Index(
        "uq_partij_identificator_top_level",
        "code_objecttype",
        "code_soort_object_id",
        "object_id",
        "code_register",
        unique=True,
        sqlite_where=text("sub_identificator_van_uuid IS NULL"),
        postgresql_where=text("sub_identificator_van_uuid IS NULL"),
    ),
    Index(
        "uq_partij_identificator_under_parent",
        "sub_identificator_van_uuid",
        "code_objecttype",
        "code_soort_object_id",
        "object_id",
        "code_register",
        unique=True,
        sqlite_where=text("sub_identificator_van_uuid IS NOT NULL"),
        postgresql_where=text("sub_identificator_van_uuid IS NOT NULL"),
    ),
    Index(
        "uq_partij_identificator_soort_per_partij",
        "identificeerde_partij_uuid",
        "code_soort_object_id",
        unique=True,
        sqlite_where=text("identificeerde_partij_uuid IS NOT NULL"),
        postgresql_where=text("identificeerde_partij_uuid IS NOT NULL"),
    ),
)

digitaal_adres = Table(
    "digitaal_adres",
    metadata,
    *key_columns(),
    ref("verstrekt_door_partij", "partij", "CASCADE"),
    ref("verstrekt_door_betrokkene", "betrokkene", "SET NULL"),
    Column("adres", String(80), nullable=False),
    Column("soort_digitaal_adres", String(20), nullable=False, index=True),
    Column("is_standaard_adres", Boolean, nullable=False, default=False, index=True),
    text_col("omschrijving", 40),
    text_col("referentie", 50),
    Column("verificatie_datum", Date, nullable=True, index=True),
    # The partij's voorkeursDigitaalAdres is kept here (not on partij) so that it cannot point at
    # an address the partij no longer has: unlinking or deleting the address clears it.
    Column("is_voorkeur", Boolean, nullable=False, default=False),
    Index("ix_digitaal_adres_adres", "adres"),
    Index("ix_digitaal_adres_referentie", "referentie"),
    Index(
        "uq_digitaal_adres_per_partij",
        "verstrekt_door_partij_uuid",
        "soort_digitaal_adres",
        "adres",
        unique=True,
        sqlite_where=text("verstrekt_door_partij_uuid IS NOT NULL"),
        postgresql_where=text("verstrekt_door_partij_uuid IS NOT NULL"),
    ),
    Index(
        "uq_digitaal_adres_referentie",
        "verstrekt_door_partij_uuid",
        "soort_digitaal_adres",
        "referentie",
        unique=True,
        sqlite_where=text("verstrekt_door_partij_uuid IS NOT NULL AND referentie <> ''"),
        postgresql_where=text("verstrekt_door_partij_uuid IS NOT NULL AND referentie <> ''"),
    ),
    Index(
        "uq_digitaal_adres_standaard",
        "verstrekt_door_partij_uuid",
        "soort_digitaal_adres",
        unique=True,
        sqlite_where=text("is_standaard_adres"),
        postgresql_where=text("is_standaard_adres"),
    ),
    Index(
        "uq_digitaal_adres_voorkeur",
        "verstrekt_door_partij_uuid",
        unique=True,
        sqlite_where=text("is_voorkeur"),
        postgresql_where=text("is_voorkeur"),
    ),
)

rekeningnummer = Table(
    "rekeningnummer",
    metadata,
    *key_columns(),
    ref("partij", "partij", "CASCADE"),
    Column("iban", String(34), nullable=False, index=True),
    text_col("bic", 11),
    Column("is_voorkeur", Boolean, nullable=False, default=False),
    Index("ix_rekeningnummer_bic", "bic"),
    Index(
        "uq_rekeningnummer_voorkeur",
        "partij_uuid",
        unique=True,
        sqlite_where=text("is_voorkeur"),
        postgresql_where=text("is_voorkeur"),
    ),
)

vertegenwoordigden = Table(
    "vertegenwoordigden",
    metadata,
    *key_columns(),
    ref("vertegenwoordigende_partij", "partij", "CASCADE", nullable=False),
    ref("vertegenwoordigde_partij", "partij", "CASCADE", nullable=False),
    UniqueConstraint("vertegenwoordigende_partij_uuid", "vertegenwoordigde_partij_uuid"),
)

categorie = Table(
    "categorie",
    metadata,
    *key_columns(),
    text_col("naam", 80),
    Index("ix_categorie_naam", "naam"),
)

categorie_relatie = Table(
    "categorie_relatie",
    metadata,
    *key_columns(),
    ref("partij", "partij", "CASCADE"),
    ref("categorie", "categorie", "CASCADE"),
    Column("begin_datum", Date, nullable=True, index=True),
    Column("eind_datum", Date, nullable=True, index=True),
)
