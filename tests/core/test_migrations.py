"""The models and the migration tree must describe the same schema, on both databases."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from klantinteracties.db.models import metadata
from klantinteracties.migrate import current_revision, head_revision


async def test_database_is_at_head(database):
    assert await current_revision(database.write_engine) == head_revision()


async def test_models_and_migrations_agree(database):
    def diff(conn):
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        return compare_metadata(ctx, metadata)

    async with database.write_engine.connect() as conn:
        changes = await conn.run_sync(diff)
    assert changes == []
