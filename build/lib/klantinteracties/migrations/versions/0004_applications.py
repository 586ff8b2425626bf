"""applications own the rights; tokens get an expiry and a second key for rotation

Every existing token becomes an application of its own, of the same name, with the token's
scopes and no privileges (docs/privacy.md: privileges are granted, never assumed).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

import datetime as dt
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import klantinteracties.core.types

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC = klantinteracties.core.types.UTCDateTime
ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    applications = op.create_table(
        "application",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("description", sa.String(length=500), nullable=False),
        sa.Column("scopes", sa.JSON(), nullable=False),
        sa.Column("privileges", sa.JSON(), nullable=False),
        sa.Column("processing_activity_id", sa.String(length=200), nullable=True),
        sa.Column("created_at", UTC(timezone=True), nullable=False),
        sa.Column("updated_at", UTC(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_application")),
        sa.UniqueConstraint("name", name=op.f("uq_application_name")),
    )
    with op.batch_alter_table("api_token") as batch:
        batch.add_column(sa.Column("application_id", ID, nullable=True))
        batch.add_column(sa.Column("expires_at", UTC(timezone=True), nullable=True))
        batch.add_column(sa.Column("previous_key_hash", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("previous_expires_at", UTC(timezone=True), nullable=True))

    conn = op.get_bind()
    tokens = sa.table(
        "api_token",
        sa.column("id", ID),
        sa.column("identifier", sa.String),
        sa.column("scopes", sa.JSON),
        sa.column("description", sa.String),
        sa.column("created_at", UTC(timezone=True)),
        sa.column("application_id", ID),
    )
    now = dt.datetime.now(dt.UTC)
    for token in conn.execute(sa.select(tokens)).mappings().all():
        app_id = conn.execute(
            sa.insert(applications)
            .values(
                name=token["identifier"],
                description=token["description"],
                scopes=token["scopes"],
                privileges=[],
                created_at=token["created_at"] or now,
                updated_at=now,
            )
            .returning(applications.c.id)
        ).scalar_one()
        conn.execute(
            sa.update(tokens).where(tokens.c.id == token["id"]).values(application_id=app_id)
        )

    with op.batch_alter_table("api_token") as batch:
        batch.alter_column("application_id", existing_type=ID, nullable=False)
        batch.create_foreign_key(
            op.f("fk_api_token_application_id_application"),
            "application",
            ["application_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch.create_index(batch.f("ix_api_token_application_id"), ["application_id"])
        batch.create_unique_constraint(
            batch.f("uq_api_token_previous_key_hash"), ["previous_key_hash"]
        )
        batch.drop_column("scopes")


def downgrade() -> None:
    with op.batch_alter_table("api_token") as batch:
        batch.add_column(sa.Column("scopes", sa.JSON(), nullable=True))
    conn = op.get_bind()
    conn.execute(
        sa.text(
            "UPDATE api_token SET scopes = "
            "(SELECT scopes FROM application WHERE application.id = api_token.application_id)"
        )
    )
    with op.batch_alter_table("api_token") as batch:
        batch.alter_column("scopes", existing_type=sa.JSON(), nullable=False)
        batch.drop_constraint(batch.f("uq_api_token_previous_key_hash"), type_="unique")
        batch.drop_index(batch.f("ix_api_token_application_id"))
        batch.drop_constraint(batch.f("fk_api_token_application_id_application"), "foreignkey")
        batch.drop_column("previous_expires_at")
        batch.drop_column("previous_key_hash")
        batch.drop_column("expires_at")
        batch.drop_column("application_id")
    op.drop_table("application")
