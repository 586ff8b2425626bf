"""Staff accounts of the beheer web interface (docs/beheer.md), their sessions and the failed
logins that lock a name out.

Staff are people, not client systems: they never hold API tokens, and a staff session is only
ever accepted under /beheer/. Passwords are stored as argon2 hashes, sessions by the SHA-256 of
their cookie value, so that a copy of the database opens no session.
"""

from sqlalchemy import BigInteger, Column, ForeignKey, Integer, String, Table

from klantinteracties.core.types import BigIntPK, UTCDateTime

from .base import metadata

staff = Table(
    "staff",
    metadata,
    Column("id", BigIntPK, primary_key=True, autoincrement=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("role", String(20), nullable=False),  # beheerder | raadpleger
    Column("password_hash", String(200), nullable=False),
    Column("disabled_at", UTCDateTime, nullable=True),
    # The TOTP secret (base32) once a second factor is set up; it must be readable to check a
    # code, so it is as secret as the database. The last step used stops a code's replay.
    Column("totp_secret", String(64), nullable=True),
    Column("totp_last_step", BigInteger, nullable=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
)

staff_session = Table(
    "staff_session",
    metadata,
    Column("id_hash", String(64), primary_key=True),
    Column(
        "staff_id",
        BigIntPK,
        ForeignKey("staff.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("csrf_token", String(64), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("last_seen_at", UTCDateTime, nullable=False),
)

# Keyed by the name typed in, whether or not such a staff member exists: a guessed name is
# locked out exactly like a real one, so the answers tell nothing about which names exist.
staff_login_failure = Table(
    "staff_login_failure",
    metadata,
    Column("name", String(100), primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("last_failure_at", UTCDateTime, nullable=False),
    Column("locked_until", UTCDateTime, nullable=True),
)
