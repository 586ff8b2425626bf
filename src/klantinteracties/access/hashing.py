"""The keyed hash that stands for a data subject (BSN, KvK-nummer) in the processing log.

The log must say whose data was processed without holding the identifier itself: a row keeps
HMAC-SHA256(key, identifier) in hex. A plain SHA-256 would not do: there are only 10^9 BSNs, so
anyone holding the log could hash them all and read it back. With a key, that needs the key too.

The digest is computed in three places that must agree: in Python (``subject_hash``), inside a
PostgreSQL statement (``sha256()`` is built in since PostgreSQL 11, so HMAC is written out from
its definition, RFC 2104) and inside a SQLite statement (a function this module provides, which
core/db.py registers on every SQLite connection). The key and the pads derived from it are always
bound parameters: SQL text is logged (KLANTINTERACTIES_SQL_ECHO) and cached, parameters are not.

Only the standard library and SQLAlchemy are imported: core/db.py imports this module.
"""

from __future__ import annotations

import hashlib
import hmac
from functools import lru_cache

from sqlalchemy import ColumnElement, LargeBinary, String, bindparam, cast, func

BLOCK = 64  # SHA-256's block size in bytes: HMAC pads the key to it
SQLITE_FUNCTION = "ki_subject_hash"


def subject_hash(key: bytes, value: str) -> str:
    """The hex digest that stands for ``value`` in the log."""
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


@lru_cache(maxsize=8)  # one key per process in practice; made for every logged request
def _pads(key: bytes) -> tuple[bytes, bytes]:
    """HMAC's inner and outer key pads (RFC 2104): a key longer than a block is hashed first."""
    if len(key) > BLOCK:
        key = hashlib.sha256(key).digest()
    key = key.ljust(BLOCK, b"\0")
    return bytes(b ^ 0x36 for b in key), bytes(b ^ 0x5C for b in key)


def subject_hash_template(dialect_name: str, value_expr: ColumnElement[str]) -> ColumnElement[str]:
    """A SQL expression giving ``subject_hash(key, value)`` for each value of ``value_expr``,
    the key as named parameters (``hash_params`` gives their values), so that one statement
    serves every request."""
    if dialect_name == "postgresql":
        value = func.convert_to(value_expr, "UTF8", type_=LargeBinary)
        inner = func.sha256(_bytea("log_ipad").op("||")(value), type_=LargeBinary)
        outer = func.sha256(_bytea("log_opad").op("||")(inner), type_=LargeBinary)
        return func.encode(outer, "hex", type_=String)
    if dialect_name == "sqlite":
        key = bindparam("log_key", type_=LargeBinary)
        return func.ki_subject_hash(key, value_expr, type_=String)
    raise ValueError(f"no subject hash for the {dialect_name} dialect")


def hash_params(dialect_name: str, key: bytes) -> dict[str, bytes]:
    if dialect_name == "postgresql":
        ipad, opad = _pads(key)
        return {"log_ipad": ipad, "log_opad": opad}
    return {"log_key": key}


def _bytea(name: str) -> ColumnElement[bytes]:
    # Cast, so that the server need not guess the parameter's type next to ``||``.
    return cast(bindparam(name, type_=LargeBinary), LargeBinary)


def sqlite_subject_hash(key: bytes | None, value: str | None) -> str | None:
    """The SQLite function: NULL in, NULL out, like SQL's own functions."""
    if key is None or value is None:
        return None
    return subject_hash(bytes(key), str(value))


def register_sqlite_function(dbapi_conn: object) -> None:
    """Called for every new SQLite connection (core/db.py)."""
    dbapi_conn.create_function(  # type: ignore[attr-defined]
        SQLITE_FUNCTION, 2, sqlite_subject_hash, deterministic=True
    )
