"""Applications and their API tokens (see core/auth.py for how a request is authenticated).

An application (a client system such as KISS or a form builder) holds the rights: scopes per
resource group and the privileges ``geheimhouding`` and ``vertrouwelijk`` (docs/privacy.md). It
owns one or more tokens. A token holds only a key, as a hash, and its validity: an optional expiry,
and during a rotation the previous key's hash with the moment it stops working.
"""

from sqlalchemy import JSON, Column, ForeignKey, String, Table

from klantinteracties.core.types import BigIntPK, UTCDateTime

from .base import metadata

application = Table(
    "application",
    metadata,
    Column("id", BigIntPK, primary_key=True, autoincrement=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("description", String(500), nullable=False, default=""),
    Column("scopes", JSON, nullable=False),
    Column("privileges", JSON, nullable=False),
    # The LDV processing activity the application's requests are logged under (may be
    # overridden per request, see docs/privacy.md).
    Column("processing_activity_id", String(200), nullable=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
)

api_token = Table(
    "api_token",
    metadata,
    Column("id", BigIntPK, primary_key=True, autoincrement=True),
    Column("identifier", String(100), nullable=False, unique=True),
    Column(
        "application_id",
        BigIntPK,
        ForeignKey("application.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("key_hash", String(64), nullable=False, unique=True),
    Column("key_prefix", String(8), nullable=False),
    Column("description", String(500), nullable=False, default=""),
    Column("created_at", UTCDateTime, nullable=False),
    Column("expires_at", UTCDateTime, nullable=True),
    Column("revoked_at", UTCDateTime, nullable=True),
    # A rotated key keeps working until previous_expires_at, so clients can switch without
    # downtime: two active keys.
    Column("previous_key_hash", String(64), nullable=True, unique=True),
    Column("previous_expires_at", UTCDateTime, nullable=True),
)
