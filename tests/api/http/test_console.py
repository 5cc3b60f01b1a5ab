"""The API serves the staff console's build under /console/ and GraphiQL from it (no CDN)."""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from qile_api.root.app import create_app
from qile_api.settings import Settings

INDEX = '<!doctype html><html><head><script type="module" src="/console/assets/index-abc123.js"></script></head></html>'
BROWSER = {"Accept": "text/html,application/xhtml+xml"}


def fake_build(root: Path) -> Path:
    """What `vite build` leaves: index.html, hashed assets, GraphiQL's bundle and manifest."""
    (root / "assets").mkdir(parents=True)
    (root / "index.html").write_text(INDEX, encoding="utf-8")
    (root / "assets" / "index-abc123.js").write_text("console.log('工作台')", encoding="utf-8")
    (root / "favicon.svg").write_text("<svg/>", encoding="utf-8")
    (root / "graphiql" / "assets").mkdir(parents=True)
    (root / "graphiql" / "assets" / "main-def456.js").write_text("/* graphiql */", encoding="utf-8")
    (root / "graphiql" / ".vite").mkdir()
    manifest = {
        "graphiql/main.ts": {"file": "assets/main-def456.js", "css": ["assets/main-789.css"], "isEntry": True},
        "_runtime.js": {"file": "assets/runtime-000.js"},
    }
    (root / "graphiql" / ".vite" / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return root


async def client_for(dsn: str, console_dir: Path) -> AsyncIterator[httpx.AsyncClient]:
    # As developers run it (`make run`): introspection on, so GraphiQL is served.
    settings = Settings(console_dir=console_dir, introspection=True, _env_file=None)  # type: ignore[call-arg]
    app = create_app(settings, dsn=dsn)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            yield client


@pytest.fixture
async def built(seeded_dsn: str, tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    async for client in client_for(seeded_dsn, fake_build(tmp_path / "dist")):
        yield client


@pytest.fixture
async def unbuilt(seeded_dsn: str, tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    async for client in client_for(seeded_dsn, tmp_path / "never-built"):
        yield client


def assert_locked_down(response: httpx.Response) -> None:
    csp = response.headers["content-security-policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["x-content-type-options"] == "nosniff"


async def test_the_console_and_its_client_routes_answer_the_app(built: httpx.AsyncClient) -> None:
    home = await built.get("/console/")
    deep = await built.get("/console/notices/Tm90aWNlOjE=")
    bare = await built.get("/console")

    for page in (home, deep):
        assert page.status_code == 200
        assert page.text == INDEX
        assert page.headers["content-type"].startswith("text/html")
        # a new build reaches browsers at their next load
        assert page.headers["cache-control"] == "no-cache"
        assert_locked_down(page)
    assert bare.status_code == 308 and bare.headers["location"] == "/console/"


async def test_hashed_assets_are_cached_for_a_year_and_others_revalidate(built: httpx.AsyncClient) -> None:
    script = await built.get("/console/assets/index-abc123.js")
    graphiql = await built.get("/console/graphiql/assets/main-def456.js")
    icon = await built.get("/console/favicon.svg")

    assert script.status_code == 200 and "javascript" in script.headers["content-type"]
    assert script.text == "console.log('工作台')"
    assert script.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert graphiql.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert icon.status_code == 200 and icon.headers["cache-control"] == "no-cache"


async def test_missing_files_and_private_ones_are_not_found(built: httpx.AsyncClient) -> None:
    missing_script = await built.get("/console/assets/index-gone.js")
    manifest = await built.get("/console/graphiql/.vite/manifest.json")
    escaped = await built.get("/console/%2e%2e/%2e%2e/pyproject.toml")

    # a missing script is a 404, never the app's HTML served as JavaScript
    assert missing_script.status_code == 404
    assert manifest.status_code == 404
    assert escaped.status_code == 404


async def test_an_unbuilt_console_says_to_run_make(unbuilt: httpx.AsyncClient) -> None:
    page = await unbuilt.get("/console/notices")
    ide = await unbuilt.get("/graphql", headers=BROWSER)

    assert page.status_code == 503
    assert "工作台尚未构建" in page.text and "make" in page.text
    assert_locked_down(page)
    assert ide.status_code == 503
    assert "GraphiQL尚未构建" in ide.text and "make" in ide.text


async def test_graphiql_loads_only_this_apis_own_files(built: httpx.AsyncClient) -> None:
    page = await built.get("/graphql", headers=BROWSER)

    assert page.status_code == 200
    assert_locked_down(page)
    assert '<script type="module" src="/console/graphiql/assets/main-def456.js"></script>' in page.text
    assert '<link rel="stylesheet" href="/console/graphiql/assets/main-789.css">' in page.text
    # no external host and no inline script: the page works on a network without internet
    assert re.findall(r"(?:src|href)=\"([^\"]+)\"", page.text) == [
        "/console/favicon.svg",
        "/console/graphiql/assets/main-789.css",
        "/console/graphiql/assets/main-def456.js",
    ]
    assert "<script>" not in page.text and "//" not in page.text.replace("<!doctype html>", "")
