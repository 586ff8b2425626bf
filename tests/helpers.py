"""Assertion helpers for HTTP-level tests."""

from __future__ import annotations

from typing import Any

import httpx


def problem(response: httpx.Response, status: int) -> dict[str, Any]:
    """Assert a problem body with the given status and return it."""
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    for key in ("type", "code", "title", "status", "detail", "instance"):
        assert key in body, body
    assert body["status"] == status
    return body


def invalid_params(response: httpx.Response) -> dict[str, str]:
    """A 400 validation problem's invalidParams as {name: code}."""
    body = problem(response, 400)
    return {p["name"]: p["code"] for p in body["invalidParams"]}


def reasons(response: httpx.Response) -> dict[str, str]:
    body = response.json()
    return {p["name"]: p["reason"] for p in body.get("invalidParams", [])}
