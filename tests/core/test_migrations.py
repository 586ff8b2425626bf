"""The models and the migration tree must describe the same schema, on both databases."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from klantinteracties.db.models import metadata
from klantinteracties.migrate import current_revision, head_revision, include_name


async def test_database_is_at_head(database):
    assert await current_revision(database.write_engine) == head_revision()


async def test_models_and_migrations_agree(database):
    def diff(conn):
        opts = {"compare_type": True, "include_name": include_name}
        ctx = MigrationContext.configure(conn, opts=opts)
        return compare_metadata(ctx, metadata)

    async with database.write_engine.connect() as conn:
        changes = await conn.run_sync(diff)
    assert changes == []


async def test_trigram_indexes_on_postgresql(database):
    if database.sqlite:
        return  # SQLite has no trigram indexes; its LIKE scans (see README)
    async with database.read_engine.connect() as conn:
        rows = await conn.exec_driver_sql(
            "SELECT indexname FROM pg_indexes WHERE indexname LIKE 'trgm_%'"
        )
        names = {r[0] for r in rows}
    assert {"trgm_klantcontact_onderwerp", "trgm_digitaal_adres_adres"} <= names


async def test_downgrade_and_upgrade_again(database):
    from alembic import command

    from klantinteracties.migrate import alembic_config, upgrade

    def down(conn):
        command.downgrade(alembic_config(conn), "0002")

    async with database.write_engine.begin() as conn:
        await conn.run_sync(down)
    await upgrade(database.write_engine)
    assert await current_revision(database.write_engine) == head_revision()
