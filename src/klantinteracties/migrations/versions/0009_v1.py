"""the v1 Klanten API's side table and its ZGW clients

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "v1_klant",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("bronorganisatie", sa.String(length=9), nullable=False),
        sa.Column("klantnummer", sa.String(length=8), nullable=False),
        sa.Column("written", sa.JSON(), nullable=False),
        sa.Column("derived", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["uuid"], ["partij.uuid"], name=op.f("fk_v1_klant_uuid_partij"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_v1_klant")),
        sa.UniqueConstraint("uuid", name=op.f("uq_v1_klant_uuid")),
        sa.UniqueConstraint(
            "bronorganisatie", "klantnummer", name=op.f("uq_v1_klant_bronorganisatie_klantnummer")
        ),
    )
    op.create_table(
        "v1_client",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "application_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("client_id", sa.String(length=200), nullable=False),
        sa.Column("secret", sa.String(length=500), nullable=False),
        sa.Column("scopes", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["application.id"],
            name=op.f("fk_v1_client_application_id_application"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_v1_client")),
        sa.UniqueConstraint("application_id", name=op.f("uq_v1_client_application_id")),
        sa.UniqueConstraint("client_id", name=op.f("uq_v1_client_client_id")),
    )


def downgrade() -> None:
    op.drop_table("v1_client")
    op.drop_table("v1_klant")
