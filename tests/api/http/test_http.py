"""Health probes, media, and the protections around /graphql."""

from __future__ import annotations

import hashlib

import httpx
import pytest

from qile_api.media.sql import store_media
from qile_api.regions import queries as region_queries
from qile_api.root.app import create_app
from qile_api.settings import Settings
from tests.api import factories as f
from tests.api import staff
from tests.api.conftest import Api
from tests.pg import Databases

PNG_1X1 = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cf00000301010018dd8db40000000049454e44ae426082"
)


async def test_healthz_and_readyz(api: Api) -> None:
    assert (await api.client.get("/healthz")).json() == {"status": "ok"}
    ready = await api.client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["pendingMigrations"] == []


async def test_readyz_fails_while_migrations_are_pending(databases: Databases) -> None:
    dsn = await databases.create()
    app = create_app(Settings(), dsn=dsn, run_migrations=False)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            ready = await client.get("/readyz")
            alive = await client.get("/healthz")
    assert ready.status_code == 503
    assert alive.status_code == 200


async def honour_photo(api: Api) -> tuple[str, int]:
    """A stored photo on a published, consented honour: on public view."""
    sha = hashlib.sha256(PNG_1X1).hexdigest()
    await store_media(api.db, sha, "image/png", 1, 1, PNG_1X1)
    honour = await f.honour(api.db, "工盛社区", "王秀兰")
    await api.db.execute("UPDATE honours SET photo_sha256 = $1 WHERE id = $2", sha, honour)
    return sha, honour


async def test_media_is_served_immutable_with_its_type(api: Api) -> None:
    sha, _ = await honour_photo(api)

    response = await api.client.get(f"/media/{sha}")
    again = await api.client.get(f"/media/{sha}", headers={"If-None-Match": response.headers["etag"]})

    assert response.status_code == 200
    assert response.content == PNG_1X1
    assert response.headers["content-type"] == "image/png"
    assert "immutable" in response.headers["cache-control"]
    assert again.status_code == 304


async def test_a_withdrawn_photo_stays_with_staff_of_its_scope_and_leaves_screens(api: Api) -> None:
    sha, honour = await honour_photo(api)
    editor = await staff.staff(api.db, "editor", "EDITOR", "工盛社区")
    screen = await f.screen(api.db, "工盛社区", "GALLERY")

    # consent withdrawn: the photo leaves public view with the honour
    await api.db.execute("UPDATE honours SET consent_withdrawn_at = now() WHERE id = $1", honour)

    anonymous = await api.client.get(f"/media/{sha}")
    as_staff = await api.client.get(f"/media/{sha}", headers={"Authorization": f"Bearer {editor}"})
    as_screen = await api.client.get(f"/media/{sha}", headers={"Authorization": f"Bearer {screen}"})
    assert anonymous.status_code == 404
    assert as_staff.status_code == 200
    assert as_screen.status_code == 404  # no longer in its feed (tests/api/media/test_access.py)
    assert as_staff.headers["cache-control"].startswith("private")


async def test_media_unknown_and_malformed(api: Api) -> None:
    assert (await api.client.get("/media/" + "0" * 64)).status_code == 404
    assert (await api.client.get("/media/not-a-hash")).status_code == 400


async def test_oversized_bodies_are_refused(api: Api) -> None:
    # the test app caps bodies at 512 KiB
    huge = {"query": "{ themes { key } }", "variables": {"pad": "x" * 600_000}}
    response = await api.client.post("/graphql", json=huge)
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"


async def test_deep_queries_are_refused(api: Api) -> None:
    inner = "name"
    for _ in range(8):
        inner = f"subdistricts {{ district {{ {inner} }} }}"
    deep = f"{{ districts {{ {inner} }} }}"
    body = await api.gql(deep)
    assert body["data"] is None
    assert body["errors"][0]["extensions"] == {
        "code": "QUERY_TOO_COMPLEX",
        "limit": "depth",
        "allowed": 12,
        "found": 18,
    }


async def test_alias_floods_are_refused(api: Api) -> None:
    flood = "{ " + " ".join(f"a{i}: themes {{ key }}" for i in range(50)) + " }"
    body = await api.gql(flood)
    assert body["data"] is None
    assert "aliases" in body["errors"][0]["message"]


async def test_unexpected_errors_are_masked(api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    async def broken(*_: object) -> object:
        raise RuntimeError("password=hunter2 at 10.0.0.5")

    monkeypatch.setattr(region_queries, "regions_at_level", broken)
    body = await api.gql("{ districts { name } }")

    assert body["errors"][0]["message"] == "Unexpected error."
    assert "hunter2" not in str(body)


async def test_syntax_errors_are_explained(api: Api) -> None:
    body = await api.gql("{ districts { name }")
    assert "Syntax Error" in body["errors"][0]["message"]
