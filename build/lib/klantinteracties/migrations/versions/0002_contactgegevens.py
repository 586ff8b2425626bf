"""contactgegevens: persoon and organisatie

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "organisatie",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("handelsnaam", sa.String(length=255), nullable=False),
        sa.Column("oprichtingsdatum", sa.Date(), nullable=True),
        sa.Column("opheffingsdatum", sa.Date(), nullable=True),
        sa.Column(
            "adres_nummeraanduiding_id", sa.String(length=16), server_default="", nullable=False
        ),
        sa.Column("adres_straatnaam", sa.String(length=255), server_default="", nullable=False),
        sa.Column(
            "adres_huisnummertoevoeging", sa.String(length=20), server_default="", nullable=False
        ),
        sa.Column("adres_postcode", sa.String(length=7), server_default="", nullable=False),
        sa.Column("adres_stad", sa.String(length=255), server_default="", nullable=False),
        sa.Column("adres_adresregel1", sa.String(length=80), server_default="", nullable=False),
        sa.Column("adres_adresregel2", sa.String(length=80), server_default="", nullable=False),
        sa.Column("adres_adresregel3", sa.String(length=80), server_default="", nullable=False),
        sa.Column("adres_land", sa.String(length=2), server_default="", nullable=False),
        sa.Column("adres_huisnummer", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisatie")),
        sa.UniqueConstraint("uuid", name=op.f("uq_organisatie_uuid")),
    )
    op.create_table(
        "persoon",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("geboortedatum", sa.Date(), nullable=False),
        sa.Column("overlijdensdatum", sa.Date(), nullable=True),
        sa.Column("geslachtsnaam", sa.String(length=200), nullable=False),
        sa.Column("geslacht", sa.String(length=1), server_default="", nullable=False),
        sa.Column("voorvoegsel", sa.String(length=10), server_default="", nullable=False),
        sa.Column("voornamen", sa.String(length=200), server_default="", nullable=False),
        sa.Column(
            "adres_nummeraanduiding_id", sa.String(length=16), server_default="", nullable=False
        ),
        sa.Column("adres_straatnaam", sa.String(length=255), server_default="", nullable=False),
        sa.Column(
            "adres_huisnummertoevoeging", sa.String(length=20), server_default="", nullable=False
        ),
        sa.Column("adres_postcode", sa.String(length=7), server_default="", nullable=False),
        sa.Column("adres_stad", sa.String(length=255), server_default="", nullable=False),
        sa.Column("adres_adresregel1", sa.String(length=80), server_default="", nullable=False),
        sa.Column("adres_adresregel2", sa.String(length=80), server_default="", nullable=False),
        sa.Column("adres_adresregel3", sa.String(length=80), server_default="", nullable=False),
        sa.Column("adres_land", sa.String(length=2), server_default="", nullable=False),
        sa.Column("adres_huisnummer", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_persoon")),
        sa.UniqueConstraint("uuid", name=op.f("uq_persoon_uuid")),
    )


def downgrade() -> None:
    op.drop_table("persoon")
    op.drop_table("organisatie")
