"""Application factory: one process serves both the Klantinteracties and Contactgegevens APIs."""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from starlette.middleware.cors import CORSMiddleware

from . import __version__
from .access import visibility
from .access.audit_api import audit_api
from .access.processing_log import SubjectKey
from .access.recording import Recorders
from .api import klantinteracties_api
from .api.contactgegevens import contactgegevens_api
from .beheer import install as install_beheer
from .core.auth import TokenStore
from .core.db import Database, is_connection_error, is_sqlite
from .core.docs import install_api
from .core.errors import install_error_handlers
from .core.failures import LastResortMiddleware, install_failure_handlers
from .core.frontdoor import AccessLogMiddleware, AllowedHostsMiddleware, parse_hosts
from .core.http import ApiMiddleware
from .core.token_cache import token_cache, token_notifications
from .db.models import api_token
from .events import worker as delivery
from .events.outbox import OutboxEmitter
from .ops import health, metrics, tracing
from .settings import Settings, get_settings
from .v1.api import klanten_api


def create_app(settings: Settings | None = None, database: Database | None = None) -> FastAPI:
    settings = settings or get_settings()
    traced = tracing.configure()  # off unless OTEL_* asks for it
    visibility.install()  # the confidentiality rules, before any request is served

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = database is None
        db = database or Database(
            settings.resolved_database_url(),
            echo=settings.sql_echo,
            pool_size=settings.db_pool_size,
            max_overflow=settings.db_max_overflow,
        )
        app.state.db = db
        if traced:
            tracing.instrument({db.read_engine, db.write_engine})
        await _load_log_key(app, db)
        async with (
            token_notifications(app.state.tokens.cache, db.read_engine),
            delivery.running(db, settings, metrics.delivery_observer(settings)),
            metrics.running(db, settings),
        ):
            yield
        if owned:
            await db.dispose()

    app = FastAPI(
        title="Klantinteracties",
        version=__version__,
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        lifespan=lifespan,
        redirect_slashes=False,  # the APIs have no trailing slashes; "/x/" is a 404, not a redirect
        **_no_native_telemetry(),
    )
    if database is not None:  # tests hand in a database and may skip the lifespan
        app.state.db = database
    # Without the lifespan a PostgreSQL cache never gets its listener, and so is never used.
    sqlite = is_sqlite(database.url if database else settings.resolved_database_url())
    app.state.tokens = TokenStore(api_token, token_cache(settings, sqlite))
    app.state.settings = settings
    app.state.processing_log_key = SubjectKey(settings.processing_log_key.get_secret_value())
    if settings.processing_log:
        app.state.recorders = Recorders(app.state.processing_log_key)
    if settings.notifications_url:
        app.state.emitter = OutboxEmitter(settings.notifications_source, settings.cloudevents)
    install_error_handlers(app)
    install_failure_handlers(app)
    health.install(app)
    observers = metrics.install(app, settings)  # the "metrics" part of issue 15
    _install_bench_stats(app)
    apis = [klantinteracties_api(), contactgegevens_api(), audit_api(), klanten_api()]
    for api in apis:
        install_api(app, api)
    install_beheer(app)  # the web interface under /beheer (issue 13)
    # Added innermost first: the last one added sees a request first.
    app.add_middleware(LastResortMiddleware)
    app.add_middleware(ApiMiddleware, versions={api.prefix: api.version for api in apis})
    hosts = parse_hosts(settings.allowed_hosts)
    if hosts:
        app.add_middleware(AllowedHostsMiddleware, hosts=hosts)
    origins = [o.strip() for o in settings.cors_allowed_origins.split(",") if o.strip()]
    if origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=origins,
            allow_methods=["*"],
            allow_headers=["*"],
            expose_headers=["API-version"],
        )
    app.add_middleware(AccessLogMiddleware, observers=observers)
    if traced:  # outermost, so the span covers everything
        tracing.install(app)
    return app


# Tracing (issue 15).
def _no_native_telemetry() -> dict[str, Any]:
    """FastAPI's own OpenTelemetry (newer versions) switches itself on as soon as any tracer
    provider is set, and then puts the query string on its spans (``url.query``: a filter's
    BSN) and exception messages in its logs. Our spans are ops/tracing_otel.py's, which keep to
    route templates; older FastAPI versions have no such thing to switch off."""
    if "telemetry" not in inspect.signature(FastAPI.__init__).parameters:
        return {}
    return {"telemetry": {"tracing": False, "metrics": False, "logs": False}}


async def _load_log_key(app: FastAPI, db: Database) -> None:
    """The processing log's key before the first request (which would otherwise load it with a
    connection of its own while holding one). A database that is down at start-up is no reason
    not to start: the first request then loads it."""
    recorders = getattr(app.state, "recorders", None)
    if recorders is None:
        return
    try:
        await recorders.load(db.write_engine)
    except Exception as exc:
        if not is_connection_error(exc):
            raise


def _install_bench_stats(app: FastAPI) -> None:
    """``GET /_bench/stats`` for ``bench run``, only when KLANTINTERACTIES_BENCH_STATS=1."""
    from .bench import stats

    if stats.enabled():
        stats.install(app)
