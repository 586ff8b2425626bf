"""Side tables of the v1 APIs (klantinteracties/v1, docs/v1.md).

A v1 klant IS a partij (same uuid); ``v1_klant`` holds only what v2 has no place for. It keeps
two documents: ``written``, the v1 representation as the v1 client last wrote it, and
``derived``, the v1 representation the v2 data gave right after that write. A read compares
``derived`` with what the v2 data gives now: every part v2 left alone is answered from
``written`` (so a v1 client reads back exactly what it wrote), every part a v2 client changed
since is answered from the v2 data.
"""

from sqlalchemy import JSON, Column, ForeignKey, String, Table, UniqueConstraint, Uuid

from klantinteracties.core.types import BigIntPK

from .base import metadata

v1_klant = Table(
    "v1_klant",
    metadata,
    Column("id", BigIntPK, primary_key=True, autoincrement=True),
    # The partij's uuid; the row goes when the partij does, whichever API deletes it.
    Column(
        "uuid",
        Uuid,
        ForeignKey("partij.uuid", ondelete="CASCADE"),
        nullable=False,
        unique=True,
    ),
    # Columns, not only inside ``written``: kla-001 is a unique constraint on them, and they are
    # list filters.
    Column("bronorganisatie", String(9), nullable=False),
    Column("klantnummer", String(8), nullable=False),
    Column("written", JSON, nullable=False),
    Column("derived", JSON, nullable=False),
    UniqueConstraint("bronorganisatie", "klantnummer"),
)

# ZGW authentication of v1 clients (klantinteracties/v1/jwt.py): an application of access/
# (the same applications v2 tokens belong to) may have a v1 client id, the secret its JWTs are
# signed with, and its v1 scopes. HS256 is verified with the secret itself, so it is stored as
# given (docs/v1.md, "Authentication", says how it is protected); it is never shown or logged.
v1_client = Table(
    "v1_client",
    metadata,
    Column("id", BigIntPK, primary_key=True, autoincrement=True),
    Column(
        "application_id",
        BigIntPK,
        ForeignKey("application.id", ondelete="CASCADE"),
        nullable=False,
        unique=True,
    ),
    Column("client_id", String(200), nullable=False, unique=True),
    Column("secret", String(500), nullable=False),
    Column("scopes", JSON, nullable=False),
)
