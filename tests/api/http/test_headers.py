"""Every response tells browsers not to guess its type (X-Content-Type-Options: nosniff)."""

from __future__ import annotations

import hashlib

import httpx
import pytest

from qile_api.assessment import export
from qile_api.media.sql import store_media
from tests.api import factories as f
from tests.api.conftest import Api

PNG_1X1 = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cf00000301010018dd8db40000000049454e44ae426082"
)


def no_sniffing(response: httpx.Response) -> bool:
    return response.headers.get("x-content-type-options") == "nosniff"


async def test_graphql_answers_carry_nosniff(api: Api, developers_api: httpx.AsyncClient) -> None:
    query = await api.client.post("/graphql", json={"query": "{ themes { key } }"})
    bad = await api.client.post("/graphql", json={"query": "{ themes { key }"})
    # GraphiQL is served where introspection is on (make run)
    ide = await developers_api.get("/graphql", headers={"Accept": "text/html"})

    assert (query.status_code, bad.status_code, ide.status_code) == (200, 200, 200)
    assert "<html" in ide.text.lower()
    assert all(map(no_sniffing, (query, bad, ide)))


async def test_media_carries_nosniff_served_or_not(api: Api) -> None:
    sha = hashlib.sha256(PNG_1X1).hexdigest()
    await store_media(api.db, sha, "image/png", 1, 1, PNG_1X1)
    honour = await f.honour(api.db, "工盛社区", "王秀兰")  # published, consented: on public view
    await api.db.execute("UPDATE honours SET photo_sha256 = $1 WHERE id = $2", sha, honour)

    served = await api.client.get(f"/media/{sha}")
    cached = await api.client.get(f"/media/{sha}", headers={"If-None-Match": served.headers["etag"]})
    missing = await api.client.get("/media/" + "0" * 64)
    malformed = await api.client.get("/media/not-a-hash")

    assert [r.status_code for r in (served, cached, missing, malformed)] == [200, 304, 404, 400]
    assert all(map(no_sniffing, (served, cached, missing, malformed)))


async def test_probes_and_errors_carry_nosniff(api: Api) -> None:
    responses = [
        await api.client.get("/healthz"),
        await api.client.get("/readyz"),
        await api.client.get("/no/such/page"),
        await api.client.delete("/graphql"),
        await api.client.post("/graphql", json={"query": "{ themes { key } }", "pad": "x" * 600_000}),
        await api.client.post("/graphql", content=b"query", headers={"content-type": "text/plain"}),
        await api.client.get("/reports/assessment.csv", params={"year": "2026"}),
    ]

    assert [r.status_code for r in responses] == [200, 200, 404, 405, 413, 400, 401]
    assert all(map(no_sniffing, responses))


async def test_even_an_unexpected_failure_carries_nosniff(api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    async def broken(*_: object) -> object:
        raise RuntimeError("boom")

    monkeypatch.setattr(export, "staff_of", broken)
    transport = httpx.ASGITransport(app=api.app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://qile.test") as client:
        response = await client.get("/reports/assessment.csv", params={"year": "2026"})

    assert response.status_code == 500
    assert no_sniffing(response)
