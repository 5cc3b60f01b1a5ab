"""CORS: only the origins configured in QILE_CORS_ORIGINS (none by default) may call the API from a page."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from qile_api.root.app import create_app
from qile_api.settings import Settings
from tests.api.conftest import Api

ALLOWED = "https://wenming.zibo.example.cn"
FOREIGN = "https://e.vil"
QUERY = {"query": "{ themes { key } }"}


def preflight(origin: str, headers: str = "authorization, content-type") -> dict[str, str]:
    return {"Origin": origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": headers}


@pytest.fixture
async def configured(seeded_dsn: str) -> AsyncIterator[httpx.AsyncClient]:
    settings = Settings(cors_origins=[ALLOWED], _env_file=None)  # type: ignore[call-arg]
    app = create_app(settings, dsn=seeded_dsn)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://qile.test") as client:
            yield client


async def test_by_default_no_page_elsewhere_may_call_the_api(api: Api) -> None:
    asked = await api.client.options("/graphql", headers=preflight(FOREIGN))
    answered = await api.client.post("/graphql", json=QUERY, headers={"Origin": FOREIGN})

    # the browser's question is refused, so it never sends the request
    assert asked.status_code == 400 and "access-control-allow-origin" not in asked.headers
    # and a request it sends anyway (no preflight needed) cannot be read by the page
    assert answered.status_code == 200 and "access-control-allow-origin" not in answered.headers


async def test_a_configured_origin_may_call_the_api_with_a_token(configured: httpx.AsyncClient) -> None:
    headers = preflight(ALLOWED, "authorization, content-type, x-qile-client")
    asked = await configured.options("/graphql", headers=headers)
    answered = await configured.post("/graphql", json=QUERY, headers={"Origin": ALLOWED})

    assert asked.status_code == 200
    assert asked.headers["access-control-allow-origin"] == ALLOWED
    assert {"GET", "POST"} <= set(asked.headers["access-control-allow-methods"].split(", "))
    allowed = asked.headers["access-control-allow-headers"].lower()
    assert "authorization" in allowed and "x-qile-client" in allowed
    # tokens travel in a header, never a cookie: nothing is allowed with credentials
    assert "access-control-allow-credentials" not in asked.headers
    assert answered.headers["access-control-allow-origin"] == ALLOWED
    assert answered.json()["data"]["themes"]


@pytest.mark.parametrize("origin", [FOREIGN, ALLOWED + ".e.vil", "http://wenming.zibo.example.cn", "null"])
async def test_other_origins_stay_refused_when_one_is_configured(configured: httpx.AsyncClient, origin: str) -> None:
    asked = await configured.options("/graphql", headers=preflight(origin))
    answered = await configured.post("/graphql", json=QUERY, headers={"Origin": origin})

    assert asked.status_code == 400 and "access-control-allow-origin" not in asked.headers
    assert "access-control-allow-origin" not in answered.headers


@pytest.mark.parametrize("value", ["*", "https://a.example.org/", "a.example.org", "https://a.example.org/console"])
def test_a_setting_that_is_not_an_origin_is_refused_at_start(value: str) -> None:
    with pytest.raises(ValueError, match="not an origin"):
        Settings(cors_origins=[value], _env_file=None)  # type: ignore[call-arg]
