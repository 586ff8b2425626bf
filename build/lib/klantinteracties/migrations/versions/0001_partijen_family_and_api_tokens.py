"""partijen family and api tokens

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import klantinteracties.core.types

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "api_token",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("identifier", sa.String(length=100), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("key_prefix", sa.String(length=8), nullable=False),
        sa.Column("scopes", sa.JSON(), nullable=False),
        sa.Column("description", sa.String(length=500), nullable=False),
        sa.Column(
            "created_at", klantinteracties.core.types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column(
            "revoked_at", klantinteracties.core.types.UTCDateTime(timezone=True), nullable=True
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_token")),
        sa.UniqueConstraint("identifier", name=op.f("uq_api_token_identifier")),
        sa.UniqueConstraint("key_hash", name=op.f("uq_api_token_key_hash")),
    )
    op.create_table(
        "categorie",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("naam", sa.String(length=80), server_default="", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_categorie")),
        sa.UniqueConstraint("uuid", name=op.f("uq_categorie_uuid")),
    )
    with op.batch_alter_table("categorie", schema=None) as batch_op:
        batch_op.create_index("ix_categorie_naam", ["naam"], unique=False)

    op.create_table(
        "partij",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("nummer", sa.String(length=10), nullable=True),
        sa.Column("interne_notitie", sa.String(length=1000), server_default="", nullable=False),
        sa.Column("soort_partij", sa.String(length=20), nullable=False),
        sa.Column("indicatie_geheimhouding", sa.Boolean(), nullable=True),
        sa.Column("voorkeurstaal", sa.String(length=3), server_default="", nullable=False),
        sa.Column("indicatie_actief", sa.Boolean(), nullable=False),
        sa.Column(
            "bezoekadres_nummeraanduiding_id",
            sa.String(length=16),
            server_default="",
            nullable=False,
        ),
        sa.Column(
            "bezoekadres_straatnaam", sa.String(length=255), server_default="", nullable=False
        ),
        sa.Column(
            "bezoekadres_huisnummertoevoeging",
            sa.String(length=20),
            server_default="",
            nullable=False,
        ),
        sa.Column("bezoekadres_postcode", sa.String(length=7), server_default="", nullable=False),
        sa.Column("bezoekadres_stad", sa.String(length=255), server_default="", nullable=False),
        sa.Column(
            "bezoekadres_adresregel1", sa.String(length=80), server_default="", nullable=False
        ),
        sa.Column(
            "bezoekadres_adresregel2", sa.String(length=80), server_default="", nullable=False
        ),
        sa.Column(
            "bezoekadres_adresregel3", sa.String(length=80), server_default="", nullable=False
        ),
        sa.Column("bezoekadres_land", sa.String(length=2), server_default="", nullable=False),
        sa.Column("bezoekadres_huisnummer", sa.Integer(), nullable=True),
        sa.Column(
            "correspondentieadres_nummeraanduiding_id",
            sa.String(length=16),
            server_default="",
            nullable=False,
        ),
        sa.Column(
            "correspondentieadres_straatnaam",
            sa.String(length=255),
            server_default="",
            nullable=False,
        ),
        sa.Column(
            "correspondentieadres_huisnummertoevoeging",
            sa.String(length=20),
            server_default="",
            nullable=False,
        ),
        sa.Column(
            "correspondentieadres_postcode", sa.String(length=7), server_default="", nullable=False
        ),
        sa.Column(
            "correspondentieadres_stad", sa.String(length=255), server_default="", nullable=False
        ),
        sa.Column(
            "correspondentieadres_adresregel1",
            sa.String(length=80),
            server_default="",
            nullable=False,
        ),
        sa.Column(
            "correspondentieadres_adresregel2",
            sa.String(length=80),
            server_default="",
            nullable=False,
        ),
        sa.Column(
            "correspondentieadres_adresregel3",
            sa.String(length=80),
            server_default="",
            nullable=False,
        ),
        sa.Column(
            "correspondentieadres_land", sa.String(length=2), server_default="", nullable=False
        ),
        sa.Column("correspondentieadres_huisnummer", sa.Integer(), nullable=True),
        sa.Column("identificatie_soort", sa.String(length=20), nullable=True),
        sa.Column(
            "contactnaam_voorletters", sa.String(length=10), server_default="", nullable=False
        ),
        sa.Column("contactnaam_voornaam", sa.String(length=200), server_default="", nullable=False),
        sa.Column(
            "contactnaam_voorvoegsel_achternaam",
            sa.String(length=10),
            server_default="",
            nullable=False,
        ),
        sa.Column(
            "contactnaam_achternaam", sa.String(length=200), server_default="", nullable=False
        ),
        sa.Column("organisatie_naam", sa.String(length=200), server_default="", nullable=False),
        sa.Column("contactpersoon_uuid", sa.Uuid(), nullable=True),
        sa.Column("werkte_voor_partij_uuid", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(
            ["werkte_voor_partij_uuid"],
            ["partij.uuid"],
            name=op.f("fk_partij_werkte_voor_partij_uuid_partij"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partij")),
        sa.UniqueConstraint("nummer", name=op.f("uq_partij_nummer")),
        sa.UniqueConstraint("uuid", name=op.f("uq_partij_uuid")),
    )
    with op.batch_alter_table("partij", schema=None) as batch_op:
        batch_op.create_index(
            "ix_partij_bezoekadres_adresregel1", ["bezoekadres_adresregel1"], unique=False
        )
        batch_op.create_index(
            "ix_partij_bezoekadres_adresregel2", ["bezoekadres_adresregel2"], unique=False
        )
        batch_op.create_index(
            "ix_partij_bezoekadres_adresregel3", ["bezoekadres_adresregel3"], unique=False
        )
        batch_op.create_index("ix_partij_bezoekadres_land", ["bezoekadres_land"], unique=False)
        batch_op.create_index(
            "ix_partij_bezoekadres_nummeraanduiding_id",
            ["bezoekadres_nummeraanduiding_id"],
            unique=False,
        )
        batch_op.create_index(
            "ix_partij_correspondentieadres_adresregel1",
            ["correspondentieadres_adresregel1"],
            unique=False,
        )
        batch_op.create_index(
            "ix_partij_correspondentieadres_adresregel2",
            ["correspondentieadres_adresregel2"],
            unique=False,
        )
        batch_op.create_index(
            "ix_partij_correspondentieadres_adresregel3",
            ["correspondentieadres_adresregel3"],
            unique=False,
        )
        batch_op.create_index(
            "ix_partij_correspondentieadres_land", ["correspondentieadres_land"], unique=False
        )
        batch_op.create_index(
            "ix_partij_correspondentieadres_nummeraanduiding_id",
            ["correspondentieadres_nummeraanduiding_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_partij_indicatie_actief"), ["indicatie_actief"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_partij_indicatie_geheimhouding"),
            ["indicatie_geheimhouding"],
            unique=False,
        )
        batch_op.create_index(batch_op.f("ix_partij_soort_partij"), ["soort_partij"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_partij_werkte_voor_partij_uuid"),
            ["werkte_voor_partij_uuid"],
            unique=False,
        )

    op.create_table(
        "categorie_relatie",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("partij_uuid", sa.Uuid(), nullable=True),
        sa.Column("categorie_uuid", sa.Uuid(), nullable=True),
        sa.Column("begin_datum", sa.Date(), nullable=True),
        sa.Column("eind_datum", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["categorie_uuid"],
            ["categorie.uuid"],
            name=op.f("fk_categorie_relatie_categorie_uuid_categorie"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["partij_uuid"],
            ["partij.uuid"],
            name=op.f("fk_categorie_relatie_partij_uuid_partij"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_categorie_relatie")),
        sa.UniqueConstraint("uuid", name=op.f("uq_categorie_relatie_uuid")),
    )
    with op.batch_alter_table("categorie_relatie", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_categorie_relatie_begin_datum"), ["begin_datum"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_categorie_relatie_categorie_uuid"), ["categorie_uuid"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_categorie_relatie_eind_datum"), ["eind_datum"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_categorie_relatie_partij_uuid"), ["partij_uuid"], unique=False
        )

    op.create_table(
        "digitaal_adres",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("verstrekt_door_partij_uuid", sa.Uuid(), nullable=True),
        sa.Column("adres", sa.String(length=80), nullable=False),
        sa.Column("soort_digitaal_adres", sa.String(length=20), nullable=False),
        sa.Column("is_standaard_adres", sa.Boolean(), nullable=False),
        sa.Column("omschrijving", sa.String(length=40), server_default="", nullable=False),
        sa.Column("referentie", sa.String(length=50), server_default="", nullable=False),
        sa.Column("verificatie_datum", sa.Date(), nullable=True),
        sa.Column("is_voorkeur", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["verstrekt_door_partij_uuid"],
            ["partij.uuid"],
            name=op.f("fk_digitaal_adres_verstrekt_door_partij_uuid_partij"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_digitaal_adres")),
        sa.UniqueConstraint("uuid", name=op.f("uq_digitaal_adres_uuid")),
    )
    with op.batch_alter_table("digitaal_adres", schema=None) as batch_op:
        batch_op.create_index("ix_digitaal_adres_adres", ["adres"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_digitaal_adres_is_standaard_adres"), ["is_standaard_adres"], unique=False
        )
        batch_op.create_index("ix_digitaal_adres_referentie", ["referentie"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_digitaal_adres_soort_digitaal_adres"),
            ["soort_digitaal_adres"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_digitaal_adres_verificatie_datum"), ["verificatie_datum"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_digitaal_adres_verstrekt_door_partij_uuid"),
            ["verstrekt_door_partij_uuid"],
            unique=False,
        )
        batch_op.create_index(
            "uq_digitaal_adres_per_partij",
            ["verstrekt_door_partij_uuid", "soort_digitaal_adres", "adres"],
            unique=True,
            sqlite_where=sa.text("verstrekt_door_partij_uuid IS NOT NULL"),
            postgresql_where=sa.text("verstrekt_door_partij_uuid IS NOT NULL"),
        )
        batch_op.create_index(
            "uq_digitaal_adres_referentie",
            ["verstrekt_door_partij_uuid", "soort_digitaal_adres", "referentie"],
            unique=True,
            sqlite_where=sa.text("verstrekt_door_partij_uuid IS NOT NULL AND referentie <> ''"),
            postgresql_where=sa.text("verstrekt_door_partij_uuid IS NOT NULL AND referentie <> ''"),
        )
        batch_op.create_index(
            "uq_digitaal_adres_standaard",
            ["verstrekt_door_partij_uuid", "soort_digitaal_adres"],
            unique=True,
            sqlite_where=sa.text("is_standaard_adres"),
            postgresql_where=sa.text("is_standaard_adres"),
        )
        batch_op.create_index(
            "uq_digitaal_adres_voorkeur",
            ["verstrekt_door_partij_uuid"],
            unique=True,
            sqlite_where=sa.text("is_voorkeur"),
            postgresql_where=sa.text("is_voorkeur"),
        )

    op.create_table(
        "partij_identificator",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("identificeerde_partij_uuid", sa.Uuid(), nullable=True),
        sa.Column(
            "andere_partij_identificator", sa.String(length=200), server_default="", nullable=False
        ),
        sa.Column("code_objecttype", sa.String(length=30), nullable=False),
        sa.Column("code_soort_object_id", sa.String(length=30), nullable=False),
        sa.Column("object_id", sa.String(length=200), nullable=False),
        sa.Column("code_register", sa.String(length=10), nullable=False),
        sa.Column("sub_identificator_van_uuid", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(
            ["identificeerde_partij_uuid"],
            ["partij.uuid"],
            name=op.f("fk_partij_identificator_identificeerde_partij_uuid_partij"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["sub_identificator_van_uuid"],
            ["partij_identificator.uuid"],
            name=op.f("fk_partij_identificator_sub_identificator_van_uuid_partij_identificator"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partij_identificator")),
        sa.UniqueConstraint("uuid", name=op.f("uq_partij_identificator_uuid")),
    )
    with op.batch_alter_table("partij_identificator", schema=None) as batch_op:
        batch_op.create_index(
            "ix_partij_identificator_code_objecttype", ["code_objecttype"], unique=False
        )
        batch_op.create_index(
            "ix_partij_identificator_code_register", ["code_register"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_partij_identificator_identificeerde_partij_uuid"),
            ["identificeerde_partij_uuid"],
            unique=False,
        )
        batch_op.create_index(
            "ix_partij_identificator_lookup", ["object_id", "code_soort_object_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_partij_identificator_sub_identificator_van_uuid"),
            ["sub_identificator_van_uuid"],
            unique=False,
        )
        batch_op.create_index(
            "uq_partij_identificator_soort_per_partij",
            ["identificeerde_partij_uuid", "code_soort_object_id"],
            unique=True,
            sqlite_where=sa.text("identificeerde_partij_uuid IS NOT NULL"),
            postgresql_where=sa.text("identificeerde_partij_uuid IS NOT NULL"),
        )
        batch_op.create_index(
            "uq_partij_identificator_top_level",
            ["code_objecttype", "code_soort_object_id", "object_id", "code_register"],
            unique=True,
            sqlite_where=sa.text("sub_identificator_van_uuid IS NULL"),
            postgresql_where=sa.text("sub_identificator_van_uuid IS NULL"),
        )
        batch_op.create_index(
            "uq_partij_identificator_under_parent",
            [
                "sub_identificator_van_uuid",
                "code_objecttype",
                "code_soort_object_id",
                "object_id",
                "code_register",
            ],
            unique=True,
            sqlite_where=sa.text("sub_identificator_van_uuid IS NOT NULL"),
            postgresql_where=sa.text("sub_identificator_van_uuid IS NOT NULL"),
        )

    op.create_table(
        "rekeningnummer",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("partij_uuid", sa.Uuid(), nullable=True),
        sa.Column("iban", sa.String(length=34), nullable=False),
        sa.Column("bic", sa.String(length=11), server_default="", nullable=False),
        sa.Column("is_voorkeur", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["partij_uuid"],
            ["partij.uuid"],
            name=op.f("fk_rekeningnummer_partij_uuid_partij"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rekeningnummer")),
        sa.UniqueConstraint("uuid", name=op.f("uq_rekeningnummer_uuid")),
    )
    with op.batch_alter_table("rekeningnummer", schema=None) as batch_op:
        batch_op.create_index("ix_rekeningnummer_bic", ["bic"], unique=False)
        batch_op.create_index(batch_op.f("ix_rekeningnummer_iban"), ["iban"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_rekeningnummer_partij_uuid"), ["partij_uuid"], unique=False
        )
        batch_op.create_index(
            "uq_rekeningnummer_voorkeur",
            ["partij_uuid"],
            unique=True,
            sqlite_where=sa.text("is_voorkeur"),
            postgresql_where=sa.text("is_voorkeur"),
        )

    op.create_table(
        "vertegenwoordigden",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("vertegenwoordigende_partij_uuid", sa.Uuid(), nullable=False),
        sa.Column("vertegenwoordigde_partij_uuid", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["vertegenwoordigde_partij_uuid"],
            ["partij.uuid"],
            name=op.f("fk_vertegenwoordigden_vertegenwoordigde_partij_uuid_partij"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["vertegenwoordigende_partij_uuid"],
            ["partij.uuid"],
            name=op.f("fk_vertegenwoordigden_vertegenwoordigende_partij_uuid_partij"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vertegenwoordigden")),
        sa.UniqueConstraint("uuid", name=op.f("uq_vertegenwoordigden_uuid")),
        sa.UniqueConstraint(
            "vertegenwoordigende_partij_uuid",
            "vertegenwoordigde_partij_uuid",
            name=op.f(
                "uq_vertegenwoordigden_vertegenwoordigende_partij_uuid_vertegenwoordigde_partij_uuid"
            ),
        ),
    )
    with op.batch_alter_table("vertegenwoordigden", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_vertegenwoordigden_vertegenwoordigde_partij_uuid"),
            ["vertegenwoordigde_partij_uuid"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_vertegenwoordigden_vertegenwoordigende_partij_uuid"),
            ["vertegenwoordigende_partij_uuid"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("vertegenwoordigden", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_vertegenwoordigden_vertegenwoordigende_partij_uuid"))
        batch_op.drop_index(batch_op.f("ix_vertegenwoordigden_vertegenwoordigde_partij_uuid"))

    op.drop_table("vertegenwoordigden")
    with op.batch_alter_table("rekeningnummer", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_rekeningnummer_voorkeur",
            sqlite_where=sa.text("is_voorkeur"),
            postgresql_where=sa.text("is_voorkeur"),
        )
        batch_op.drop_index(batch_op.f("ix_rekeningnummer_partij_uuid"))
        batch_op.drop_index(batch_op.f("ix_rekeningnummer_iban"))
        batch_op.drop_index("ix_rekeningnummer_bic")

    op.drop_table("rekeningnummer")
    with op.batch_alter_table("partij_identificator", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_partij_identificator_under_parent",
            sqlite_where=sa.text("sub_identificator_van_uuid IS NOT NULL"),
            postgresql_where=sa.text("sub_identificator_van_uuid IS NOT NULL"),
        )
        batch_op.drop_index(
            "uq_partij_identificator_top_level",
            sqlite_where=sa.text("sub_identificator_van_uuid IS NULL"),
            postgresql_where=sa.text("sub_identificator_van_uuid IS NULL"),
        )
        batch_op.drop_index(
            "uq_partij_identificator_soort_per_partij",
            sqlite_where=sa.text("identificeerde_partij_uuid IS NOT NULL"),
            postgresql_where=sa.text("identificeerde_partij_uuid IS NOT NULL"),
        )
        batch_op.drop_index(batch_op.f("ix_partij_identificator_sub_identificator_van_uuid"))
        batch_op.drop_index("ix_partij_identificator_lookup")
        batch_op.drop_index(batch_op.f("ix_partij_identificator_identificeerde_partij_uuid"))
        batch_op.drop_index("ix_partij_identificator_code_register")
        batch_op.drop_index("ix_partij_identificator_code_objecttype")

    op.drop_table("partij_identificator")
    with op.batch_alter_table("digitaal_adres", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_digitaal_adres_voorkeur",
            sqlite_where=sa.text("is_voorkeur"),
            postgresql_where=sa.text("is_voorkeur"),
        )
        batch_op.drop_index(
            "uq_digitaal_adres_standaard",
            sqlite_where=sa.text("is_standaard_adres"),
            postgresql_where=sa.text("is_standaard_adres"),
        )
        batch_op.drop_index(
            "uq_digitaal_adres_referentie",
            sqlite_where=sa.text("verstrekt_door_partij_uuid IS NOT NULL AND referentie <> ''"),
            postgresql_where=sa.text("verstrekt_door_partij_uuid IS NOT NULL AND referentie <> ''"),
        )
        batch_op.drop_index(
            "uq_digitaal_adres_per_partij",
            sqlite_where=sa.text("verstrekt_door_partij_uuid IS NOT NULL"),
            postgresql_where=sa.text("verstrekt_door_partij_uuid IS NOT NULL"),
        )
        batch_op.drop_index(batch_op.f("ix_digitaal_adres_verstrekt_door_partij_uuid"))
        batch_op.drop_index(batch_op.f("ix_digitaal_adres_verificatie_datum"))
        batch_op.drop_index(batch_op.f("ix_digitaal_adres_soort_digitaal_adres"))
        batch_op.drop_index("ix_digitaal_adres_referentie")
        batch_op.drop_index(batch_op.f("ix_digitaal_adres_is_standaard_adres"))
        batch_op.drop_index("ix_digitaal_adres_adres")

    op.drop_table("digitaal_adres")
    with op.batch_alter_table("categorie_relatie", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_categorie_relatie_partij_uuid"))
        batch_op.drop_index(batch_op.f("ix_categorie_relatie_eind_datum"))
        batch_op.drop_index(batch_op.f("ix_categorie_relatie_categorie_uuid"))
        batch_op.drop_index(batch_op.f("ix_categorie_relatie_begin_datum"))

    op.drop_table("categorie_relatie")
    with op.batch_alter_table("partij", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_partij_werkte_voor_partij_uuid"))
        batch_op.drop_index(batch_op.f("ix_partij_soort_partij"))
        batch_op.drop_index(batch_op.f("ix_partij_indicatie_geheimhouding"))
        batch_op.drop_index(batch_op.f("ix_partij_indicatie_actief"))
        batch_op.drop_index("ix_partij_correspondentieadres_nummeraanduiding_id")
        batch_op.drop_index("ix_partij_correspondentieadres_land")
        batch_op.drop_index("ix_partij_correspondentieadres_adresregel3")
        batch_op.drop_index("ix_partij_correspondentieadres_adresregel2")
        batch_op.drop_index("ix_partij_correspondentieadres_adresregel1")
        batch_op.drop_index("ix_partij_bezoekadres_nummeraanduiding_id")
        batch_op.drop_index("ix_partij_bezoekadres_land")
        batch_op.drop_index("ix_partij_bezoekadres_adresregel3")
        batch_op.drop_index("ix_partij_bezoekadres_adresregel2")
        batch_op.drop_index("ix_partij_bezoekadres_adresregel1")

    op.drop_table("partij")
    with op.batch_alter_table("categorie", schema=None) as batch_op:
        batch_op.drop_index("ix_categorie_naam")

    op.drop_table("categorie")
    op.drop_table("api_token")
