"""Schemathesis hooks for the fuzz test (loaded through ``SCHEMATHESIS_HOOKS``)."""

from __future__ import annotations

import json
from typing import Any

import schemathesis

PROBLEM_KEYS = ("type", "code", "title", "status", "detail", "instance")


@schemathesis.check
def problem_body_on_4xx(ctx: Any, response: Any, case: Any) -> None:
    """Every refusal is a problem document (RFC 7807) with our fields and the same status."""
    if not 400 <= response.status_code < 500:
        return
    media_type = response.headers.get("content-type", [""])
    media_type = media_type[0] if isinstance(media_type, list) else media_type
    assert media_type.startswith("application/json"), f"content-type {media_type!r}"
    body = json.loads(response.content)
    missing = [key for key in PROBLEM_KEYS if key not in body]
    assert not missing, f"problem body without {missing}"
    assert body["status"] == response.status_code, "status in the body differs"
    if response.status_code == 400 and body["code"] == "invalid":
        assert body.get("invalidParams"), "a validation problem names the invalid parameters"
