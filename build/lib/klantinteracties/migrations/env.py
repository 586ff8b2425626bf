"""Alembic environment. One migration tree serves SQLite and PostgreSQL.

Normally migrations run through ``klantinteracties.migrate``, which hands over an open connection
in ``config.attributes["connection"]``. Running the ``alembic`` command directly also works: then
the URL comes from the settings.
"""

from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from klantinteracties.db.models import metadata
from klantinteracties.migrate import include_name
from klantinteracties.settings import get_settings

config = context.config


def run_with(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite cannot ALTER much
        compare_type=True,
        include_name=include_name,
    )
    with context.begin_transaction():
        context.run_migrations()


async def run_from_settings() -> None:
    engine = create_async_engine(get_settings().resolved_database_url())
    async with engine.begin() as conn:
        await conn.run_sync(run_with)
    await engine.dispose()


connection = config.attributes.get("connection")
if connection is not None:
    run_with(connection)
else:
    asyncio.run(run_from_settings())
