"""Authentication without a query per request: a per-process cache of checked tokens.

What is cached is a key's SHA-256 hash -> its Principal, for known, unrevoked tokens only:
unknown keys are never cached, so random keys cannot grow memory, and the cache is an LRU of a
bounded size. The hard part is revocation, which must reach every server process within a second:

- SQLite (the embedded default; a second process is e.g. the CLI) cannot tell other processes
  of a change, so an entry is trusted for KLANTINTERACTIES_TOKEN_CACHE_SECONDS (1 s) only.
- PostgreSQL: every write through TokenStore sends a notification on ``CHANNEL`` in its own
  transaction, so it is delivered on commit. Each server process keeps one connection of its own
  that LISTENs and clears the cache on a notification. The cache is used only while that
  connection is up: when it is lost a notification may have been missed, so the process asks
  the database on every request until it has reconnected (with backoff) and cleared the cache.
  Entries still expire after KLANTINTERACTIES_TOKEN_CACHE_NOTIFIED_SECONDS, a bound for changes
  made to api_token by hand, which nobody notifies.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import asyncpg
from sqlalchemy.ext.asyncio import AsyncEngine

if TYPE_CHECKING:
    from ..settings import Settings

CHANNEL = "klantinteracties_api_token"
LISTENER_NAME = "klantinteracties-token-listener"  # application_name in pg_stat_activity
CREATED = "create"  # the payload of a create; anything else clears the cache
log = logging.getLogger("klantinteracties.auth")


# What is cached per key hash: auth's Principal. Generic, so that this module needs nothing from
# auth (which imports it): no import circle.
V = TypeVar("V")


class TokenCache(Generic[V]):
    """Hash -> (time cached, value), least recently used first."""

    def __init__(
        self,
        ttl: float,
        size: int,
        needs_listener: bool,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.ttl = ttl
        self.size = size
        self.clock = clock
        # Without a listener to wait for (SQLite) the cache is usable from the start.
        self.trusted = not needs_listener
        self.generation = 0  # bumped on every clear; see put()
        self._entries: OrderedDict[str, tuple[float, V]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, digest: str) -> V | None:
        if not self.trusted:
            return None
        entry = self._entries.get(digest)
        if entry is None:
            return None
        if self.clock() - entry[0] >= self.ttl:
            del self._entries[digest]
            return None
        self._entries.move_to_end(digest)
        return entry[1]

    def put(self, digest: str, principal: V, generation: int) -> None:
        """Cache a lookup that started when the cache was at ``generation``. If the cache was
        cleared since, the row may have been read before the change that cleared it, so it is
        not kept."""
        if not self.trusted or generation != self.generation:
            return
        self._entries[digest] = (self.clock(), principal)
        self._entries.move_to_end(digest)
        while len(self._entries) > self.size:
            self._entries.popitem(last=False)

    def clear(self) -> None:
        self._entries.clear()
        self.generation += 1

    def set_trusted(self, trusted: bool) -> None:
        """Both ways the cache starts empty: what was cached before a lost connection may be
        stale, and so may what a query that was running across the reconnect read."""
        self.clear()
        self.trusted = trusted


def token_cache(settings: Settings, sqlite: bool) -> TokenCache[Any] | None:
    """The cache the settings ask for, or None when switched off."""
    ttl = settings.token_cache_seconds if sqlite else settings.token_cache_notified_seconds
    if settings.token_cache_seconds <= 0 or ttl <= 0 or settings.token_cache_size <= 0:
        return None
    return TokenCache(ttl, settings.token_cache_size, needs_listener=not sqlite)


@asynccontextmanager
async def token_notifications(cache: TokenCache | None, engine: AsyncEngine) -> AsyncIterator[None]:
    """While inside, a PostgreSQL cache listens for changes (for the server's lifespan)."""
    if cache is None or engine.dialect.name != "postgresql":
        yield
        return
    listener = TokenListener(cache, engine)
    await listener.start()
    try:
        yield
    finally:
        await listener.stop()


class TokenListener:
    """One dedicated asyncpg connection that LISTENs on ``CHANNEL`` for a TokenCache.

    It is not taken from the engine's pool: it lives as long as the process, so it would take a
    pool slot for ever and be subject to the pool's recycling. It is opened from the engine's own
    connect arguments instead, under its own application_name so operators can see it.
    """

    MIN_BACKOFF = 0.05
    MAX_BACKOFF = 5.0
    PING_SECONDS = 1.0  # a connection that dies silently is noticed within about twice this

    def __init__(self, cache: TokenCache, engine: AsyncEngine) -> None:
        self.cache = cache
        _args, kwargs = engine.dialect.create_connect_args(engine.url)
        for own in ("prepared_statement_cache_size", "prepared_statement_name_func"):
            kwargs.pop(own, None)  # SQLAlchemy's options, not asyncpg's
        settings = dict(kwargs.pop("server_settings", None) or {})
        settings["application_name"] = LISTENER_NAME
        self._connect_args = {**kwargs, "server_settings": settings}
        self._task: asyncio.Task[None] | None = None
        self._up = asyncio.Event()

    async def start(self, wait: float = 5.0) -> None:
        """Listen in the background; wait (a little) for the first connection so that a server
        that starts normally serves from the cache at once."""
        self._task = asyncio.create_task(self._run(), name="token-listener")
        try:
            await asyncio.wait_for(self._up.wait(), wait)
        except TimeoutError:
            log.warning("Token cache not in use yet: no notification connection.")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None

    async def _run(self) -> None:
        delay = self.MIN_BACKOFF
        while True:
            was_up = False
            try:
                conn = await asyncpg.connect(**self._connect_args, timeout=5)
                was_up = True
                await self._listen(conn)
                log.warning("Token notifications lost; checking every token in the database.")
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # any failure: try again later, never stop listening
                log.warning("Token notification connection failed (%s).", type(exc).__name__)
            delay = self.MIN_BACKOFF if was_up else min(delay * 2, self.MAX_BACKOFF)
            await asyncio.sleep(delay)

    async def _listen(self, conn: asyncpg.Connection) -> None:
        """Returns (or raises) when the connection is lost."""
        lost = asyncio.Event()
        conn.add_termination_listener(lambda _conn: lost.set())
        try:
            await conn.add_listener(CHANNEL, self._notified)
            # From here on every change is notified; anything earlier is dropped with the cache.
            self.cache.set_trusted(True)
            self._up.set()
            while not lost.is_set():
                try:
                    await asyncio.wait_for(lost.wait(), self.PING_SECONDS)
                except TimeoutError:
                    await asyncio.wait_for(conn.execute("SELECT 1"), self.PING_SECONDS)
        finally:
            self.cache.set_trusted(False)
            self._up.clear()
            conn.terminate()

    def _notified(self, _conn: Any, _pid: int, _channel: str, payload: str) -> None:
        # A new token makes nothing cached stale (unknown keys are never cached). Anything else
        # (a revocation, a change of scopes, a NOTIFY by hand) may, and clears the whole cache:
        # such changes are rare, and refilling costs one query per token in use.
        if payload != CREATED:
            self.cache.clear()
