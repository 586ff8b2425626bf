"""import checkpoints

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import klantinteracties.core.types

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "import_checkpoint",
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("step", sa.String(length=60), nullable=False),
        sa.Column("last_id", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", klantinteracties.core.types.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("source", "step", name="pk_import_checkpoint"),
    )


def downgrade() -> None:
    op.drop_table("import_checkpoint")
