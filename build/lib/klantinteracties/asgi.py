"""ASGI entry point for uvicorn and other servers: ``klantinteracties.asgi:app``."""

from .app import create_app

app = create_app()
