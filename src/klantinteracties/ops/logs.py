"""``KLANTINTERACTIES_LOG_FORMAT``: JSON lines for log collectors, text for people
(docs/operations.md "Logs").

``auto`` (the default) decides per stream: the access log goes to stdout, everything else to
stderr, and each is JSON unless it is a terminal. A JSON line holds ``time`` (UTC), ``level``,
``logger`` and either ``message`` or, for an access line, the request's fields (method, route
template, status, duration_ms, trace_id, application: core/frontdoor.py), which never include a
path, query string or token.
"""

from __future__ import annotations

import datetime as dt
import logging
import sys
from typing import Any, TextIO

import orjson

FORMATS = ("auto", "json", "text")
# uvicorn's handlers (uvicorn.config.LOGGING_CONFIG) and the stream each writes to.
_STREAMS = {"default": "stderr", "access": "stdout"}


class JsonLines(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        moment = dt.datetime.fromtimestamp(record.created, dt.UTC)
        line: dict[str, Any] = {
            "time": moment.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "level": record.levelname.lower(),
            "logger": record.name,
        }
        fields = getattr(record, "request", None)
        if isinstance(fields, dict):
            line.update(fields)
        else:
            line["message"] = record.getMessage()
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return orjson.dumps(line, default=str).decode()


def wants_json(log_format: str, stream: TextIO) -> bool:
    if log_format == "auto":
        return not stream.isatty()
    return log_format == "json"


def apply(config: dict[str, Any], log_format: str) -> dict[str, Any]:
    """``config`` (a logging dictConfig built on uvicorn's) with the JSON formatter on the
    handlers whose stream wants it."""
    config["formatters"]["json"] = {"()": f"{__name__}.JsonLines"}
    for handler, stream in _STREAMS.items():
        if wants_json(log_format, getattr(sys, stream)):
            config["handlers"][handler]["formatter"] = "json"
    return config
