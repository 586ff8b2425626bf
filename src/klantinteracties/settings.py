"""Runtime configuration, read from environment variables.

Every setting has a safe default so that `klantinteracties serve` works with no configuration:
the embedded default is a SQLite file inside the data directory.
"""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="KLANTINTERACTIES_", extra="ignore")

    database_url: str = Field(
        default="",
        validation_alias=AliasChoices("DATABASE_URL", "KLANTINTERACTIES_DATABASE_URL"),
        description="SQLAlchemy async URL; empty means the embedded SQLite file in DATA_DIR.",
    )
    data_dir: Path = Field(default=Path("data"), description="Where the embedded database lives.")
    host: str = "127.0.0.1"
    port: int = 8000
    # unset means one per usable core on PostgreSQL, one on SQLite.
    workers: int | None = Field(
        default=None,
        description="Processes of `serve`; unset: one per core on PostgreSQL, 1 on SQLite "
        "(more than 1 on SQLite is refused).",
    )
    auto_migrate: bool = Field(
        default=True, description="Bring the database schema up to date when the server starts."
    )
    # Connections beyond the pool are closed when given back, so a pool smaller than the
    # concurrent requests a process serves means a new connection for many requests.
    db_pool_size: int = 20
    db_max_overflow: int = 10
    sql_echo: bool = False
    cors_allowed_origins: str = Field(
        default="", description="Comma-separated origins allowed by CORS; '*' allows all."
    )
    log_level: str = "info"
    max_body_size: int = Field(
        default=1024 * 1024, description="Largest request body in bytes; larger is a 413."
    )
    body_read_timeout: float = Field(
        default=30.0, description="Seconds a client gets to send its whole request body (408)."
    )
    header_read_timeout: float = Field(
        default=10.0, description="Seconds a client gets to send a request's headers."
    )
    max_expanded_rows: int = Field(
        default=10000, description="Most related rows one response may expand (more is a 400)."
    )
    count_estimate_from: int = Field(
        default=100_000,
        description="On PostgreSQL, an unfiltered list of a table the planner believes holds at "
        "least this many rows reports the planner's estimate as its count instead of counting "
        "every row. 0: always count exactly.",
    )
    token_cache_seconds: float = Field(
        default=1.0,
        description="How long a checked token is trusted from the cache where the database "
        "cannot notify other processes (SQLite): the longest a revocation takes. 0: no cache.",
    )
    token_cache_notified_seconds: float = Field(
        default=60.0,
        description="The same on PostgreSQL, where revocations are notified at once: a bound "
        "for changes made to api_token by hand. 0: no cache.",
    )
    token_cache_size: int = Field(default=4096, description="Most tokens cached per process.")
    allowed_hosts: str = Field(
        default="", description="Comma-separated Host names accepted; empty accepts any."
    )
    # A secret, so it never shows in a repr of the settings (or in a log line made of one).
    processing_log: bool = Field(
        default=True,
        description="Log every read and write of personal data (docs/privacy.md); off only "
        "for measurements.",
    )
    processing_log_key: SecretStr = Field(
        default=SecretStr(""),
        description="Key of the data subject hash in the processing log (its UTF-8 bytes); "
        "empty: a key generated at first use and kept in the database.",
    )
    processing_log_retention_days: int = Field(
        default=0,
        description="`audit prune` deletes processing log records older than this many days; "
        "0 keeps them for ever (and prune refuses to run).",
    )

    # Notifications: emitting (docs/notifications.md)
    notifications_url: str = Field(
        default="",
        description="Root URL of the Notificaties API; set, every write of partijen, "
        "klantcontacten and internetaken stores its notification (the outbox); empty: off.",
    )
    notifications_source: str = Field(
        default="",
        description="The `source` of the notifications and CloudEvents (e.g. the register's "
        "URL); empty: no `source` in notifications, and no CloudEvents.",
    )
    cloudevents: bool = Field(
        default=False,
        description="Also store CloudEvents of zaak links (onderwerpobjecten), when "
        "NOTIFICATIONS_URL and NOTIFICATIONS_SOURCE are set.",
    )
    # Notifications: delivery
    notifications_client_id: str = Field(
        default="", description="Client id of the ZGW JWT sent to the Notificaties API."
    )
    notifications_secret: SecretStr = Field(
        default=SecretStr(""), description="Secret that signs the ZGW JWT (HS256)."
    )
    notifications_authorization: SecretStr = Field(
        default=SecretStr(""),
        description="A literal Authorization header value (e.g. 'Token abc'); when set it is "
        "sent instead of a JWT.",
    )
    notifications_timeout: float = Field(
        default=10.0, description="Seconds one delivery attempt may take."
    )
    notifications_max_attempts: int = Field(
        default=10, description="Attempts before a message is marked failed."
    )
    notifications_backoff_base: float = Field(
        default=5.0, description="Seconds before the first retry; doubled per attempt."
    )
    notifications_backoff_cap: float = Field(
        default=3600.0, description="Longest wait between two attempts, in seconds."
    )
    notifications_retention_days: float = Field(
        default=7.0, description="The worker deletes delivered messages older than this."
    )
    # A claim must outlast a whole batch on the wire (the batch is sent at once, so about one
    # timeout); a worker that dies loses its claim after this and another takes over.
    notifications_lease: float = Field(
        default=60.0, description="Seconds a worker's claim on a message lasts."
    )
    notifications_poll_interval: float = Field(
        default=1.0, description="Seconds an idle worker waits before it looks again."
    )
    notifications_batch_size: int = Field(
        default=20, description="Messages one worker claims and sends at once."
    )
    notifications_with_worker: bool | None = Field(
        default=None,
        description="Run the delivery worker inside `serve`; unset: only on the embedded SQLite.",
    )
    notifications_documentation_link: str = Field(
        default="",
        description="documentatieLink of the kanalen `notifications register-kanalen` creates.",
    )

    # Health (ops/health.py)
    health_timeout: float = Field(
        default=2.0, description="Seconds /_health/ready waits for the database."
    )
    health_max_outbox_backlog: int = Field(
        default=10000,
        description="/_health/ready answers 503 from this many pending notifications on; "
        "0: the backlog never makes it unready.",
    )

    # Metrics and logs (ops/metrics.py, ops/logs.py): the "metrics" part of issue 15
    metrics_token: SecretStr = Field(
        default=SecretStr(""),
        description="Token a scraper sends (Authorization: Bearer ...) for /_metrics on the "
        "API's port; empty: no /_metrics there.",
    )
    metrics_port: int | None = Field(
        default=None,
        ge=1,
        le=65535,
        description="Port of a separate metrics listener (no token; on HOST); unset: none. "
        "Either this or METRICS_TOKEN turns metrics on.",
    )
    log_format: Literal["auto", "json", "text"] = Field(
        default="auto",
        description="json: one JSON object a line; text: for people; auto: JSON unless the "
        "stream (stdout for the access log, stderr for the rest) is a terminal.",
    )

    # The v1 APIs (klantinteracties/v1, docs/v1.md)
    v1_bronorganisatie: str = Field(
        default="",
        max_length=9,
        description="bronorganisatie (RSIN) a v1 klant shows for a partij no v1 client wrote.",
    )
    v1_jwt_expiry: int = Field(
        default=3600, ge=1, description="Seconds after its iat that a v1 client's JWT is accepted."
    )
    v1_jwt_leeway: int = Field(
        default=10, ge=0, description="Seconds of clock difference allowed on a JWT's iat and exp."
    )

    # Beheer web interface (docs/beheer.md)
    beheer_session_idle_minutes: float = Field(
        default=30.0, gt=0, description="A beheer session ends after this many minutes unused."
    )
    beheer_session_max_hours: float = Field(
        default=12.0, gt=0, description="A beheer session ends this many hours after login."
    )
    beheer_lockout_attempts: int = Field(
        default=5, ge=1, description="Failed passwords in a row that lock a login name."
    )
    beheer_lockout_minutes: float = Field(
        default=15.0, gt=0, description="How long a locked login name stays locked."
    )
    beheer_require_totp: bool = Field(
        default=False,
        description="Every staff account needs a TOTP second factor to log in (`staff totp`).",
    )

    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite+aiosqlite:///{(self.data_dir / 'klantinteracties.db').resolve()}"


# ---- invalid settings stop every command at once ----
@lru_cache
def get_settings() -> Settings:
    """The settings of this process. A value that is not valid ends it with exit code 2 and one
    line per bad variable on stderr (before anything else is done: serve, worker, every command
    reads its settings first)."""
    try:
        return Settings()
    except ValidationError as exc:
        for line in problems(exc):
            print(line, file=sys.stderr)
        raise SystemExit(2) from None


# Pydantic's own messages name Python types; an operator wants to know what to write instead.
_PLAIN = {
    "int_parsing": "not a valid integer",
    "int_from_float": "not a valid integer",
    "float_parsing": "not a valid number",
    "bool_parsing": "not a valid boolean (true or false)",
}


def variables(name: str) -> list[str]:
    """The environment variables that set a field, the documented one first."""
    alias = Settings.model_fields[name].validation_alias
    if isinstance(alias, AliasChoices):
        return [str(choice) for choice in alias.choices]
    return [f"{Settings.model_config.get('env_prefix', '')}{name}".upper()]


def problems(error: ValidationError) -> list[str]:
    """One line per setting that is not valid, naming its variable, never its value (it may be
    a secret)."""
    lines = []
    for item in error.errors():
        field = str(item["loc"][0]) if item["loc"] else ""
        variable = variables(field)[0] if field in Settings.model_fields else field.upper()
        lines.append(f"{variable}: {_PLAIN.get(item['type']) or str(item['msg']).lower()}")
    return lines
