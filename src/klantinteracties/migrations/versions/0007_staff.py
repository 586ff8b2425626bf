"""staff accounts, sessions and login failures of the beheer interface; who acted, in the
processing log

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import klantinteracties.core.types

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
_MOMENT = klantinteracties.core.types.UTCDateTime


def upgrade() -> None:
    op.create_table(
        "staff",
        sa.Column("id", _ID, autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("disabled_at", _MOMENT(), nullable=True),
        sa.Column("totp_secret", sa.String(length=64), nullable=True),
        sa.Column("totp_last_step", sa.BigInteger(), nullable=True),
        sa.Column("created_at", _MOMENT(), nullable=False),
        sa.Column("updated_at", _MOMENT(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff")),
        sa.UniqueConstraint("name", name=op.f("uq_staff_name")),
    )
    op.create_table(
        "staff_session",
        sa.Column("id_hash", sa.String(length=64), nullable=False),
        sa.Column("staff_id", _ID, nullable=False),
        sa.Column("csrf_token", sa.String(length=64), nullable=False),
        sa.Column("created_at", _MOMENT(), nullable=False),
        sa.Column("last_seen_at", _MOMENT(), nullable=False),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_staff_session_staff_id_staff"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id_hash", name=op.f("pk_staff_session")),
    )
    with op.batch_alter_table("staff_session", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_staff_session_staff_id"), ["staff_id"], unique=False)
    op.create_table(
        "staff_login_failure",
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_failure_at", _MOMENT(), nullable=False),
        sa.Column("locked_until", _MOMENT(), nullable=True),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_staff_login_failure")),
    )
    # Plain ADD COLUMN (no batch copy on SQLite), so the log's triggers of 0005 stay in place.
    op.add_column("processing_log", sa.Column("user_id", sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("processing_log", schema=None) as batch_op:
        batch_op.drop_column("user_id")
    op.drop_table("staff_login_failure")
    with op.batch_alter_table("staff_session", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_staff_session_staff_id"))
    op.drop_table("staff_session")
    op.drop_table("staff")
