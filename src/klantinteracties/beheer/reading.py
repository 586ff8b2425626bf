"""How the beheer pages read and write: through the api services, in sessions that see what an
application with both privileges (geheimhouding, vertrouwelijk) sees, and that log every read
of personal data to the processing log as the API does, with "beheer" as the application and
the staff member as the user (docs/beheer.md)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from klantinteracties.access.processing_log import Activity, new_span_id, new_trace_id
from klantinteracties.access.recording import RequestRecorder
from klantinteracties.core.auth import PRIVILEGES, utcnow
from klantinteracties.core.context import Ctx, ExpandBudget
from klantinteracties.core.events import set_emitter
from klantinteracties.core.processing import set_recorder
from klantinteracties.core.view import View, set_view

from .sessions import StaffSession

APPLICATION = "beheer"
API_PATH = "/klantinteracties/api/v1"
# Functional administrators answer residents about everything the register holds, so both
# roles see as an application with both privileges; what they looked at is logged per person.
STAFF_VIEW = View(frozenset(PRIVILEGES))


def ctx(parent_state: Any, origin: str) -> Ctx:
    """The api services' context: ``url`` fields point at the API of this server."""
    settings = parent_state.settings
    return Ctx(
        origin.rstrip("/") + API_PATH,
        ExpandBudget(settings.max_expanded_rows),
        settings.count_estimate_from,
    )


async def _recorder(
    parent_state: Any, who: StaffSession, name: str, operation: str, url: str
) -> RequestRecorder | None:
    recorders = getattr(parent_state, "recorders", None)
    if recorders is None:  # the processing log is off
        return None
    activity = Activity(
        trace_id=new_trace_id(),
        span_id=new_span_id(),
        name=name,
        application=APPLICATION,
        operation=operation,
        resource_url=url,
        start_time=utcnow(),
        user_id=who.name,
    )
    key = await recorders.load(parent_state.db.write_engine)
    return RequestRecorder(activity, key, recorders.statements)


@asynccontextmanager
async def staff_session(
    parent_state: Any,
    who: StaffSession,
    name: str,
    url: str,
    write: bool = False,
) -> AsyncIterator[AsyncSession]:
    """A session of the page ``name`` (e.g. "beheerPartij") at ``url`` (without query)."""
    recorder = await _recorder(parent_state, who, name, "update" if write else "read", url)
    async with parent_state.db.session(write=write) as session:
        set_view(session, STAFF_VIEW)
        set_recorder(session, recorder)
        if write:  # notifications apply to a write here as to one through the API
            set_emitter(session, getattr(parent_state, "emitter", None))
        yield session
