"""The schema revision this code needs. A constant, so that the readiness check can compare it
with the database's ``alembic_version`` without loading the migration machinery into a serving
process; tests/core/test_migrations.py checks it against the newest migration."""

HEAD = "0007"
