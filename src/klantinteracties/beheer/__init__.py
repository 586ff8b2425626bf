"""The beheer web interface for functional administrators (issue 13, docs/beheer.md): staff
accounts, login, and pages built on the api services. ``install`` is the one door app.py uses;
``api`` never imports this package."""

from __future__ import annotations

from typing import Any

from .security import PATH


def install(app: Any) -> None:
    """Mounts the interface at /beheer on the API app (whose state holds the database)."""
    from .routes import create_beheer

    app.mount(PATH, create_beheer(app))
