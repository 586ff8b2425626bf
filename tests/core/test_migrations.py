"""The models and the migration tree must describe the same schema, on both databases."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import delete, insert, select

from klantinteracties.db.models import metadata, processing_log_key
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

    # The downgrade drops the processing log's key, which the session's app has cached: put
    # the same key back, or later tests would find another key than the app logs with.
    async with database.write_engine.begin() as conn:
        keys = (await conn.execute(select(processing_log_key))).mappings().all()
        await conn.run_sync(down)
    await upgrade(database.write_engine)
    assert await current_revision(database.write_engine) == head_revision()
    async with database.write_engine.begin() as conn:
        await conn.execute(delete(processing_log_key))
        if keys:
            await conn.execute(insert(processing_log_key), [dict(k) for k in keys])
