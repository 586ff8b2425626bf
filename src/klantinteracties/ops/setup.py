"""``setup apply``: bring applications, their tokens, categorieën and the kanalen at the
Notificaties API to what a file says (ops/setup_file.py reads it).

First every item is compared with what is there (the plan); each change in it is then made
through the stores the CLI commands use (access/applications.py, TokenStore, the kanalen
registration of events/). What the file does not name is left alone: setup adds and updates,
it never deletes. The plan is made completely before anything is written, so a file with a
missing key or an unknown scope changes nothing; a failure halfway (a lost database) leaves
the items done so far, and applying again finishes the rest.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from klantinteracties.access.applications import ApplicationStore
from klantinteracties.api.categorieen.repository import categorieen
from klantinteracties.core.auth import TokenStore, hash_key
from klantinteracties.db.models import api_token
from klantinteracties.settings import Settings

from .setup_file import ApplicationSpec, SetupError, SetupFile, TokenSpec, expiry, read_key

CREATE, UPDATE, UNCHANGED = "create", "update", "unchanged"
DONE = {CREATE: "created", UPDATE: "updated", UNCHANGED: "unchanged"}


@dataclass
class Change:
    kind: str  # application, token, categorie, kanaal
    name: str
    action: str
    fields: tuple[str, ...] = ()  # what an update changes (names only, never values)
    make: Callable[[], Awaitable[None]] | None = field(default=None, repr=False)

    def line(self, done: bool = False) -> str:
        action = DONE[self.action] if done else self.action
        changed = f" ({', '.join(self.fields)})" if self.fields else ""
        return f"{self.kind} {self.name}: {action}{changed}"


class Planner:
    """Compares the file with one database session (and the Notificaties API) and makes the
    changes' closures; they run in the same session."""

    def __init__(self, session: AsyncSession, settings: Settings, kanalen: Any = None) -> None:
        self.session = session
        self.settings = settings
        self.tokens = TokenStore(api_token)
        self.apps = ApplicationStore(self.tokens)
        self.kanalen = kanalen  # a NotificationsClient when the file registers kanalen

    async def plan(self, spec: SetupFile) -> list[Change]:
        keys = self._keys(spec)  # every key read before anything is compared
        changes: list[Change] = []
        for app in spec.applications:
            changes.append(await self._application(app))
            for token in app.tokens:
                changes.append(await self._token(app.name, token, keys[token.name]))
        for categorie in spec.categorieen:
            changes.append(await self._categorie(categorie.naam))
        if spec.notifications.register_kanalen:
            changes += await self._kanalen()
        return changes

    @staticmethod
    def _keys(spec: SetupFile) -> dict[str, str]:
        keys: dict[str, str] = {}
        problems: list[str] = []
        for i, app in enumerate(spec.applications):
            for j, token in enumerate(app.tokens):
                where = f"applications[{i}].tokens[{j}]"
                try:
                    key = read_key(token, where)
                except SetupError as exc:
                    problems += exc.problems
                    continue
                if key in keys.values():  # compared here, never printed
                    problems.append(f"{where}: the same key as another token; each needs its own")
                keys[token.name] = key
        if problems:
            raise SetupError(problems)
        return keys

    async def _application(self, app: ApplicationSpec) -> Change:
        wanted: dict[str, Any] = {
            "description": app.description,
            "scopes": list(dict.fromkeys(app.scopes)),
            "privileges": sorted(set(app.privileges)),
            "processing_activity_id": app.processing_activity or None,
        }
        current = await self.apps.get(self.session, app.name)
        if current is None:

            async def create() -> None:
                await self.apps.create(
                    self.session,
                    app.name,
                    wanted["scopes"],
                    wanted["privileges"],
                    app.description,
                    wanted["processing_activity_id"],
                )

            return Change("application", app.name, CREATE, make=create)
        differ = {k: v for k, v in wanted.items() if _differs(k, current[k], v)}
        if not differ:
            return Change("application", app.name, UNCHANGED)

        async def update() -> None:
            await self.apps.update(self.session, app.name, **differ)

        return Change("application", app.name, UPDATE, _names(differ), update)

    async def _token(self, application: str, token: TokenSpec, key: str) -> Change:
        expires_at = expiry(token)
        if await self.tokens.key_in_use(self.session, key, token.name):
            raise SetupError([f"token {token.name}: its key is already another token's key"])
        current = await self.tokens.get_token(self.session, token.name)
        if current is None:

            async def create() -> None:
                await self.tokens.create(
                    self.session,
                    token.name,
                    description=token.description,
                    key=key,
                    application=application,
                    expires_at=expires_at,
                )

            return Change("token", token.name, CREATE, make=create)
        if current["revoked_at"] is not None:
            raise SetupError([f"token {token.name}: revoked; a new token needs a new name"])
        differ: dict[str, Any] = {}
        if current["key_hash"] != hash_key(key):
            differ["key"] = key
        if current["application"] != application:
            differ["application"] = application
        if current["expires_at"] != expires_at:
            differ["expires_at"] = expires_at
        if current["description"] != token.description:
            differ["description"] = token.description
        if not differ:
            return Change("token", token.name, UNCHANGED)

        async def update() -> None:
            await self.tokens.set_token(self.session, token.name, **differ)

        return Change("token", token.name, UPDATE, _names(differ), update)

    async def _categorie(self, naam: str) -> Change:
        if await categorieen.exists_other(self.session, {"naam": naam}, None):
            return Change("categorie", naam, UNCHANGED)

        async def create() -> None:
            await categorieen.insert(self.session, {"naam": naam})
            await self.session.commit()

        return Change("categorie", naam, CREATE, make=create)

    async def _kanalen(self) -> list[Change]:
        from klantinteracties.events.kanalen import KANALEN
        from klantinteracties.events.registration import register, registered

        client = self.kanalen
        known = await registered(client)
        link = self.settings.notifications_documentation_link
        changes = []
        for kanaal in KANALEN:
            if known[kanaal.naam]:
                changes.append(Change("kanaal", kanaal.naam, UNCHANGED))
                continue

            async def create(kanaal: Any = kanaal) -> None:
                await register(client, kanaal, link)

            changes.append(Change("kanaal", kanaal.naam, CREATE, make=create))
        return changes


_LABELS = {"processing_activity_id": "processingActivity", "expires_at": "expires"}


def _names(differ: dict[str, Any]) -> tuple[str, ...]:
    return tuple(_LABELS.get(k, k) for k in differ)


def _differs(name: str, current: Any, wanted: Any) -> bool:
    if name == "scopes":  # their order means nothing
        return sorted(current) != sorted(wanted)
    return bool(current != wanted)


async def apply(changes: list[Change]) -> None:
    """Makes the plan's changes in order (an application before its tokens)."""
    for change in changes:
        if change.make is not None:
            await change.make()
