"""A forged Host header cannot reach the SQL that builds the URLs in a response."""

from __future__ import annotations

import httpx

from klantinteracties.core.fastpath import url_text
from tests.conftest import BASE


async def test_a_quote_or_backslash_in_the_host_never_reaches_a_url(app, client):
    # Starlette may already drop such a Host; core/fastpath.py percent-encodes it as well.
    made = (await client.post("/categorieen", json={"naam": "vip"})).json()
    transport = httpx.ASGITransport(app=app)
    headers = {**client.headers, "Host": "evil'\\\\host"}
    async with httpx.AsyncClient(transport=transport, base_url=BASE, headers=headers) as forged:
        r = await forged.get(f"/categorieen/{made['uuid']}")
    assert r.status_code == 200, r.text
    url = r.json()["url"]
    assert "'" not in url and "\\" not in url and url.endswith(made["uuid"]), url
    assert r.json()["naam"] == "vip"


def test_the_base_url_is_made_safe_for_the_sql_literal():
    assert url_text("http://h.example:8000/klantinteracties/api/v1") == (
        "http://h.example:8000/klantinteracties/api/v1"
    )
    assert url_text("http://a'b\\c/x") == "http://a%27b%5Cc/x"
