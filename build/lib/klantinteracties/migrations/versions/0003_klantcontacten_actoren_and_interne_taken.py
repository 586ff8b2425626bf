"""klantcontacten, actoren and interne taken

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import klantinteracties.core.types

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# Substring search (icontains filters) on PostgreSQL: trigram GIN indexes serve ILIKE '%x%'.
# Not declared on the tables (SQLite has no equivalent); names start with "trgm_".
TRIGRAM_INDEXES = (
    ("trgm_klantcontact_onderwerp", "klantcontact", "onderwerp"),
    ("trgm_klantcontact_inhoud", "klantcontact", "inhoud"),
    ("trgm_klantcontact_reactie", "klantcontact", "reactie"),
    ("trgm_digitaal_adres_adres", "digitaal_adres", "adres"),
    ("trgm_digitaal_adres_omschrijving", "digitaal_adres", "omschrijving"),
    ("trgm_actor_naam", "actor", "naam"),
)


def create_trigram_indexes() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    # Creating the extension needs rights the application's role may lack; without it the
    # search still works, only slower on big tables, so a refusal must not stop the migration.
    try:
        with bind.begin_nested():
            bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except sa.exc.DBAPIError:
        print("warning: pg_trgm is not available; substring search will not be indexed")
        return
    for name, table, column in TRIGRAM_INDEXES:
        op.create_index(
            name, table, [column], postgresql_using="gin", postgresql_ops={column: "gin_trgm_ops"}
        )


def upgrade() -> None:
    op.create_table(
        "actor",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("naam", sa.String(length=200), nullable=False),
        sa.Column("soort_actor", sa.String(length=30), nullable=False),
        sa.Column("indicatie_actief", sa.Boolean(), nullable=False),
        sa.Column(
            "actoridentificator_object_id", sa.String(length=200), server_default="", nullable=False
        ),
        sa.Column(
            "actoridentificator_code_objecttype",
            sa.String(length=200),
            server_default="",
            nullable=False,
        ),
        sa.Column(
            "actoridentificator_code_register",
            sa.String(length=200),
            server_default="",
            nullable=False,
        ),
        sa.Column(
            "actoridentificator_code_soort_object_id",
            sa.String(length=200),
            server_default="",
            nullable=False,
        ),
        sa.Column("identificatie_soort", sa.String(length=30), nullable=True),
        sa.Column("functie", sa.String(length=40), server_default="", nullable=False),
        sa.Column("emailadres", sa.String(length=254), server_default="", nullable=False),
        sa.Column("telefoonnummer", sa.String(length=20), server_default="", nullable=False),
        sa.Column("faxnummer", sa.String(length=20), server_default="", nullable=False),
        sa.Column("omschrijving", sa.String(length=200), server_default="", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actor")),
        sa.UniqueConstraint("uuid", name=op.f("uq_actor_uuid")),
    )
    with op.batch_alter_table("actor", schema=None) as batch_op:
        batch_op.create_index(
            "ix_actor_actoridentificator",
            ["actoridentificator_object_id", "actoridentificator_code_objecttype"],
            unique=False,
        )
        batch_op.create_index(
            "ix_actor_actoridentificator_code_register",
            ["actoridentificator_code_register"],
            unique=False,
        )
        batch_op.create_index(
            "ix_actor_actoridentificator_code_soort_object_id",
            ["actoridentificator_code_soort_object_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_actor_indicatie_actief"), ["indicatie_actief"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_actor_naam"), ["naam"], unique=False)
        batch_op.create_index(batch_op.f("ix_actor_soort_actor"), ["soort_actor"], unique=False)

    op.create_table(
        "klantcontact",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("nummer", sa.String(length=10), nullable=True),
        sa.Column("referentienummer", sa.String(length=10), nullable=True),
        sa.Column("kanaal", sa.String(length=50), nullable=False),
        sa.Column("onderwerp", sa.String(length=200), nullable=False),
        sa.Column("inhoud", sa.String(length=1000), server_default="", nullable=False),
        sa.Column("reactie", sa.String(length=4000), server_default="", nullable=False),
        sa.Column("indicatie_contact_gelukt", sa.Boolean(), nullable=True),
        sa.Column("hoofd_onderwerp_type", sa.String(length=200), server_default="", nullable=False),
        sa.Column("verdere_actie_ondernomen", sa.Boolean(), nullable=False),
        sa.Column("taal", sa.String(length=3), nullable=False),
        sa.Column("vertrouwelijk", sa.Boolean(), nullable=False),
        sa.Column(
            "plaatsgevonden_op",
            klantinteracties.core.types.UTCDateTime(timezone=True),
            nullable=False,
        ),
        sa.Column("metadata_json", sa.JSON(), nullable=False),
        sa.CheckConstraint(
            "NOT (indicatie_contact_gelukt IS TRUE AND verdere_actie_ondernomen)",
            name=op.f("ck_klantcontact_gelukt_zonder_verdere_actie"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_klantcontact")),
        sa.UniqueConstraint("nummer", name=op.f("uq_klantcontact_nummer")),
        sa.UniqueConstraint("referentienummer", name=op.f("uq_klantcontact_referentienummer")),
        sa.UniqueConstraint("uuid", name=op.f("uq_klantcontact_uuid")),
    )
    with op.batch_alter_table("klantcontact", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_klantcontact_indicatie_contact_gelukt"),
            ["indicatie_contact_gelukt"],
            unique=False,
        )
        batch_op.create_index(batch_op.f("ix_klantcontact_kanaal"), ["kanaal"], unique=False)
        batch_op.create_index("ix_klantcontact_order", ["plaatsgevonden_op", "id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_klantcontact_plaatsgevonden_op"), ["plaatsgevonden_op"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_klantcontact_vertrouwelijk"), ["vertrouwelijk"], unique=False
        )

    op.create_table(
        "actorklantcontact",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("actor_uuid", sa.Uuid(), nullable=False),
        sa.Column("klantcontact_uuid", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_uuid"],
            ["actor.uuid"],
            name=op.f("fk_actorklantcontact_actor_uuid_actor"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["klantcontact_uuid"],
            ["klantcontact.uuid"],
            name=op.f("fk_actorklantcontact_klantcontact_uuid_klantcontact"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actorklantcontact")),
        sa.UniqueConstraint(
            "actor_uuid",
            "klantcontact_uuid",
            name=op.f("uq_actorklantcontact_actor_uuid_klantcontact_uuid"),
        ),
        sa.UniqueConstraint("uuid", name=op.f("uq_actorklantcontact_uuid")),
    )
    with op.batch_alter_table("actorklantcontact", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_actorklantcontact_actor_uuid"), ["actor_uuid"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_actorklantcontact_klantcontact_uuid"),
            ["klantcontact_uuid"],
            unique=False,
        )

    op.create_table(
        "betrokkene",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("was_partij_uuid", sa.Uuid(), nullable=True),
        sa.Column("had_klantcontact_uuid", sa.Uuid(), nullable=False),
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
        sa.Column("rol", sa.String(length=20), nullable=False),
        sa.Column("organisatienaam", sa.String(length=200), server_default="", nullable=False),
        sa.Column("initiator", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["had_klantcontact_uuid"],
            ["klantcontact.uuid"],
            name=op.f("fk_betrokkene_had_klantcontact_uuid_klantcontact"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["was_partij_uuid"],
            ["partij.uuid"],
            name=op.f("fk_betrokkene_was_partij_uuid_partij"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_betrokkene")),
        sa.UniqueConstraint("uuid", name=op.f("uq_betrokkene_uuid")),
    )
    with op.batch_alter_table("betrokkene", schema=None) as batch_op:
        batch_op.create_index(
            "ix_betrokkene_contactnaam_achternaam", ["contactnaam_achternaam"], unique=False
        )
        batch_op.create_index(
            "ix_betrokkene_contactnaam_voorletters", ["contactnaam_voorletters"], unique=False
        )
        batch_op.create_index(
            "ix_betrokkene_contactnaam_voornaam", ["contactnaam_voornaam"], unique=False
        )
        batch_op.create_index(
            "ix_betrokkene_contactnaam_voorvoegsel_achternaam",
            ["contactnaam_voorvoegsel_achternaam"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_betrokkene_had_klantcontact_uuid"),
            ["had_klantcontact_uuid"],
            unique=False,
        )
        batch_op.create_index("ix_betrokkene_organisatienaam", ["organisatienaam"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_betrokkene_was_partij_uuid"), ["was_partij_uuid"], unique=False
        )

    op.create_table(
        "bijlage",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("was_bijlage_van_klantcontact_uuid", sa.Uuid(), nullable=True),
        sa.Column(
            "bijlageidentificator_object_id",
            sa.String(length=200),
            server_default="",
            nullable=False,
        ),
        sa.Column(
            "bijlageidentificator_code_objecttype",
            sa.String(length=200),
            server_default="",
            nullable=False,
        ),
        sa.Column(
            "bijlageidentificator_code_register",
            sa.String(length=200),
            server_default="",
            nullable=False,
        ),
        sa.Column(
            "bijlageidentificator_code_soort_object_id",
            sa.String(length=200),
            server_default="",
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["was_bijlage_van_klantcontact_uuid"],
            ["klantcontact.uuid"],
            name=op.f("fk_bijlage_was_bijlage_van_klantcontact_uuid_klantcontact"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bijlage")),
        sa.UniqueConstraint("uuid", name=op.f("uq_bijlage_uuid")),
    )
    with op.batch_alter_table("bijlage", schema=None) as batch_op:
        batch_op.create_index(
            "ix_bijlage_code_register", ["bijlageidentificator_code_register"], unique=False
        )
        batch_op.create_index(
            "ix_bijlage_code_soort_object_id",
            ["bijlageidentificator_code_soort_object_id"],
            unique=False,
        )
        batch_op.create_index(
            "ix_bijlage_identificator",
            ["bijlageidentificator_object_id", "bijlageidentificator_code_objecttype"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_bijlage_was_bijlage_van_klantcontact_uuid"),
            ["was_bijlage_van_klantcontact_uuid"],
            unique=False,
        )

    op.create_table(
        "internetaak",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("nummer", sa.String(length=10), nullable=True),
        sa.Column("referentienummer", sa.String(length=10), nullable=True),
        sa.Column("gevraagde_handeling", sa.String(length=200), nullable=False),
        sa.Column("aanleidinggevend_klantcontact_uuid", sa.Uuid(), nullable=False),
        sa.Column("toelichting", sa.String(length=1000), server_default="", nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column(
            "toegewezen_op", klantinteracties.core.types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column(
            "afgehandeld_op", klantinteracties.core.types.UTCDateTime(timezone=True), nullable=True
        ),
        sa.ForeignKeyConstraint(
            ["aanleidinggevend_klantcontact_uuid"],
            ["klantcontact.uuid"],
            name=op.f("fk_internetaak_aanleidinggevend_klantcontact_uuid_klantcontact"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_internetaak")),
        sa.UniqueConstraint("nummer", name=op.f("uq_internetaak_nummer")),
        sa.UniqueConstraint("referentienummer", name=op.f("uq_internetaak_referentienummer")),
        sa.UniqueConstraint("uuid", name=op.f("uq_internetaak_uuid")),
    )
    with op.batch_alter_table("internetaak", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_internetaak_aanleidinggevend_klantcontact_uuid"),
            ["aanleidinggevend_klantcontact_uuid"],
            unique=False,
        )
        batch_op.create_index(batch_op.f("ix_internetaak_status"), ["status"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_internetaak_toegewezen_op"), ["toegewezen_op"], unique=False
        )

    op.create_table(
        "onderwerpobject",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("klantcontact_uuid", sa.Uuid(), nullable=True),
        sa.Column("was_klantcontact_uuid", sa.Uuid(), nullable=True),
        sa.Column(
            "onderwerpobjectidentificator_object_id",
            sa.String(length=200),
            server_default="",
            nullable=False,
        ),
        sa.Column(
            "onderwerpobjectidentificator_code_objecttype",
            sa.String(length=200),
            server_default="",
            nullable=False,
        ),
        sa.Column(
            "onderwerpobjectidentificator_code_register",
            sa.String(length=200),
            server_default="",
            nullable=False,
        ),
        sa.Column(
            "onderwerpobjectidentificator_code_soort_object_id",
            sa.String(length=200),
            server_default="",
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["klantcontact_uuid"],
            ["klantcontact.uuid"],
            name=op.f("fk_onderwerpobject_klantcontact_uuid_klantcontact"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["was_klantcontact_uuid"],
            ["klantcontact.uuid"],
            name=op.f("fk_onderwerpobject_was_klantcontact_uuid_klantcontact"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_onderwerpobject")),
        sa.UniqueConstraint("uuid", name=op.f("uq_onderwerpobject_uuid")),
    )
    with op.batch_alter_table("onderwerpobject", schema=None) as batch_op:
        batch_op.create_index(
            "ix_onderwerpobject_code_register",
            ["onderwerpobjectidentificator_code_register"],
            unique=False,
        )
        batch_op.create_index(
            "ix_onderwerpobject_code_soort_object_id",
            ["onderwerpobjectidentificator_code_soort_object_id"],
            unique=False,
        )
        batch_op.create_index(
            "ix_onderwerpobject_identificator",
            [
                "onderwerpobjectidentificator_object_id",
                "onderwerpobjectidentificator_code_objecttype",
            ],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_onderwerpobject_klantcontact_uuid"), ["klantcontact_uuid"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_onderwerpobject_was_klantcontact_uuid"),
            ["was_klantcontact_uuid"],
            unique=False,
        )

    op.create_table(
        "internetaak_actor",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("internetaak_uuid", sa.Uuid(), nullable=False),
        sa.Column("actor_uuid", sa.Uuid(), nullable=False),
        sa.Column("volgorde", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_uuid"],
            ["actor.uuid"],
            name=op.f("fk_internetaak_actor_actor_uuid_actor"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["internetaak_uuid"],
            ["internetaak.uuid"],
            name=op.f("fk_internetaak_actor_internetaak_uuid_internetaak"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_internetaak_actor")),
        sa.UniqueConstraint(
            "internetaak_uuid",
            "actor_uuid",
            name=op.f("uq_internetaak_actor_internetaak_uuid_actor_uuid"),
        ),
    )
    with op.batch_alter_table("internetaak_actor", schema=None) as batch_op:
        batch_op.create_index(
            "ix_internetaak_actor_actor", ["actor_uuid", "internetaak_uuid"], unique=False
        )

    with op.batch_alter_table("digitaal_adres", schema=None) as batch_op:
        batch_op.add_column(sa.Column("verstrekt_door_betrokkene_uuid", sa.Uuid(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_digitaal_adres_verstrekt_door_betrokkene_uuid"),
            ["verstrekt_door_betrokkene_uuid"],
            unique=False,
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_digitaal_adres_verstrekt_door_betrokkene_uuid_betrokkene"),
            "betrokkene",
            ["verstrekt_door_betrokkene_uuid"],
            ["uuid"],
            ondelete="SET NULL",
        )

    create_trigram_indexes()


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name, _table, _column in TRIGRAM_INDEXES:
            op.execute(f"DROP INDEX IF EXISTS {name}")
    with op.batch_alter_table("digitaal_adres", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_digitaal_adres_verstrekt_door_betrokkene_uuid_betrokkene"),
            type_="foreignkey",
        )
        batch_op.drop_index(batch_op.f("ix_digitaal_adres_verstrekt_door_betrokkene_uuid"))
        batch_op.drop_column("verstrekt_door_betrokkene_uuid")

    with op.batch_alter_table("internetaak_actor", schema=None) as batch_op:
        batch_op.drop_index("ix_internetaak_actor_actor")

    op.drop_table("internetaak_actor")
    with op.batch_alter_table("onderwerpobject", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_onderwerpobject_was_klantcontact_uuid"))
        batch_op.drop_index(batch_op.f("ix_onderwerpobject_klantcontact_uuid"))
        batch_op.drop_index("ix_onderwerpobject_identificator")
        batch_op.drop_index("ix_onderwerpobject_code_soort_object_id")
        batch_op.drop_index("ix_onderwerpobject_code_register")

    op.drop_table("onderwerpobject")
    with op.batch_alter_table("internetaak", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_internetaak_toegewezen_op"))
        batch_op.drop_index(batch_op.f("ix_internetaak_status"))
        batch_op.drop_index(batch_op.f("ix_internetaak_aanleidinggevend_klantcontact_uuid"))

    op.drop_table("internetaak")
    with op.batch_alter_table("bijlage", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bijlage_was_bijlage_van_klantcontact_uuid"))
        batch_op.drop_index("ix_bijlage_identificator")
        batch_op.drop_index("ix_bijlage_code_soort_object_id")
        batch_op.drop_index("ix_bijlage_code_register")

    op.drop_table("bijlage")
    with op.batch_alter_table("betrokkene", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_betrokkene_was_partij_uuid"))
        batch_op.drop_index("ix_betrokkene_organisatienaam")
        batch_op.drop_index(batch_op.f("ix_betrokkene_had_klantcontact_uuid"))
        batch_op.drop_index("ix_betrokkene_contactnaam_voorvoegsel_achternaam")
        batch_op.drop_index("ix_betrokkene_contactnaam_voornaam")
        batch_op.drop_index("ix_betrokkene_contactnaam_voorletters")
        batch_op.drop_index("ix_betrokkene_contactnaam_achternaam")

    op.drop_table("betrokkene")
    with op.batch_alter_table("actorklantcontact", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_actorklantcontact_klantcontact_uuid"))
        batch_op.drop_index(batch_op.f("ix_actorklantcontact_actor_uuid"))

    op.drop_table("actorklantcontact")
    with op.batch_alter_table("klantcontact", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_klantcontact_vertrouwelijk"))
        batch_op.drop_index(batch_op.f("ix_klantcontact_plaatsgevonden_op"))
        batch_op.drop_index("ix_klantcontact_order")
        batch_op.drop_index(batch_op.f("ix_klantcontact_kanaal"))
        batch_op.drop_index(batch_op.f("ix_klantcontact_indicatie_contact_gelukt"))

    op.drop_table("klantcontact")
    with op.batch_alter_table("actor", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_actor_soort_actor"))
        batch_op.drop_index(batch_op.f("ix_actor_naam"))
        batch_op.drop_index(batch_op.f("ix_actor_indicatie_actief"))
        batch_op.drop_index("ix_actor_actoridentificator_code_soort_object_id")
        batch_op.drop_index("ix_actor_actoridentificator_code_register")
        batch_op.drop_index("ix_actor_actoridentificator")

    op.drop_table("actor")
