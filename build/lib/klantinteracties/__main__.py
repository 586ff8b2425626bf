"""``python -m klantinteracties`` is the same as the ``klantinteracties`` command."""

from .cli import app

app()
