"""processing log (verwerkingenlogging) and its key

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import klantinteracties.core.types

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The flag `audit prune` sets (SET LOCAL, so for its own transaction only) to be let through.
PRUNE_FLAG = "klantinteracties.processing_log_prune"

# On PostgreSQL the log is append-only: an UPDATE or TRUNCATE is always refused, a DELETE unless
# the transaction set the prune flag. A statement trigger: checked once, not once per row.
APPEND_ONLY = f"""
CREATE FUNCTION processing_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('{PRUNE_FLAG}', true) = 'on' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'processing_log is append-only (% refused)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$
"""
TRIGGERS = (
    "CREATE TRIGGER processing_log_append_only BEFORE UPDATE OR DELETE ON processing_log "
    "FOR EACH STATEMENT EXECUTE FUNCTION processing_log_append_only()",
    "CREATE TRIGGER processing_log_no_truncate BEFORE TRUNCATE ON processing_log "
    "FOR EACH STATEMENT EXECUTE FUNCTION processing_log_append_only()",
)


def upgrade() -> None:
    op.create_table(
        "processing_log",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("trace_id", sa.String(length=32), nullable=False),
        sa.Column("span_id", sa.String(length=16), nullable=False),
        sa.Column("parent_span_id", sa.String(length=16), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("start_time", klantinteracties.core.types.UTCDateTime(), nullable=False),
        sa.Column("end_time", klantinteracties.core.types.UTCDateTime(), nullable=False),
        sa.Column("status", sa.String(length=5), nullable=False),
        sa.Column("application", sa.String(length=200), nullable=False),
        sa.Column("operation", sa.String(length=6), nullable=False),
        sa.Column("resource_url", sa.String(length=1000), nullable=False),
        sa.Column("data_subject_id", sa.String(length=64), nullable=False),
        sa.Column("data_subject_type", sa.String(length=3), nullable=False),
        sa.Column("processing_activity_id", sa.String(length=1000), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_processing_log")),
    )
    with op.batch_alter_table("processing_log", schema=None) as batch_op:
        batch_op.create_index("ix_processing_log_trace", ["trace_id", "start_time"])
        batch_op.create_index(
            "ix_processing_log_activity", ["processing_activity_id", "start_time"]
        )
        batch_op.create_index("ix_processing_log_subject", ["data_subject_id", "start_time"])
        batch_op.create_index("ix_processing_log_start_time", ["start_time"])
    op.create_table(
        "processing_log_key",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_processing_log_key")),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(APPEND_ONLY)
        for trigger in TRIGGERS:
            op.execute(trigger)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS processing_log_no_truncate ON processing_log")
        op.execute("DROP TRIGGER IF EXISTS processing_log_append_only ON processing_log")
        op.execute("DROP FUNCTION IF EXISTS processing_log_append_only()")
    op.drop_table("processing_log_key")
    with op.batch_alter_table("processing_log", schema=None) as batch_op:
        batch_op.drop_index("ix_processing_log_start_time")
        batch_op.drop_index("ix_processing_log_subject")
        batch_op.drop_index("ix_processing_log_activity")
        batch_op.drop_index("ix_processing_log_trace")
    op.drop_table("processing_log")
