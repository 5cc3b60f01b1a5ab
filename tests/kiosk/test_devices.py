"""Pairing, heartbeat, screenshots and proof of play: the real kiosk against the real API."""

from __future__ import annotations

import asyncio
import dataclasses
import sqlite3
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx
from strawberry import relay

from qile_api.accounts.service import create_account
from qile_api.db.database import Database
from qile_kiosk.app import Kiosk
from qile_kiosk.render import BRAND_RED
from qile_kiosk.state import Mode
from tests.kiosk.conftest import kiosk_config, new_screen, run_until
from tests.servers import ApiProcess

PASSWORD = "配对测试-correct-horse"
SCREEN = """
query($id: ID!) {
  node(id: $id) { ... on Screen { name lastSeenAt online report { contentVersion mode } screenshot { url pending } } }
}
"""


async def gql(api: ApiProcess, query: str, variables: dict[str, Any], token: str | None = None) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    async with httpx.AsyncClient(base_url=api.url) as client:
        response = await client.post("/graphql", json={"query": query, "variables": variables}, headers=headers)
    body: dict[str, Any] = response.json()
    assert not body.get("errors"), body
    return body["data"]  # type: ignore[no-any-return]


async def admin(api: ApiProcess, db: Database) -> str:
    username = f"kiosk-{uuid.uuid4().hex[:8]}"
    city = await db.fetchval("SELECT id FROM regions WHERE level = 'CITY'")
    async with db.transaction() as tx:
        await create_account(
            tx, actor_id=None, username=username, password=PASSWORD, role="ADMIN", scope_region_id=int(city)
        )
    login = "mutation($u: String!, $p: String!) { login(input: {username: $u, password: $p}) { token } }"
    return str((await gql(api, login, {"u": username, "p": PASSWORD}))["login"]["token"])


async def screen_gid(db: Database, name: str) -> str:
    return str(relay.GlobalID("Screen", str(await db.fetchval("SELECT id FROM screens WHERE name = $1", name))))


async def step_until(kiosk: Kiosk, check: Callable[[], Awaitable[bool]], seconds: float = 15.0) -> None:
    """Run the kiosk's loop while awaiting a check against the API or the database."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while loop.time() < deadline:
        for _ in range(5):
            kiosk.step()
            await asyncio.sleep(0.02)
        if await check():
            return
    raise AssertionError(f"timed out; kiosk state {kiosk.state.mode}, error {kiosk.state.last_error}")


async def test_pairing_end_to_end(api: ApiProcess, kiosk_db: Database, tmp_path: Path) -> None:
    kiosk = Kiosk(kiosk_config(tmp_path, api.url, None), headless=True)
    kiosk.start()
    try:
        run_until(kiosk, lambda: kiosk.state.pairing_code is not None)
        kiosk.step()
        code = kiosk.state.pairing_code
        assert code is not None and len(code) == 6
        frame = kiosk.last_frame
        assert frame is not None and frame.mode is Mode.PAIRING and frame.pairing_code == code
        assert kiosk.status_line() is not None and "前有效" in kiosk.status_line()  # type: ignore[operator]
        # The pairing screen: brand red with the code in large white type in the middle.
        assert kiosk.surface.get_at((5, 5))[:3] == BRAND_RED
        assert kiosk.layout.height > 0 and kiosk.ts.drawn

        token = await admin(api, kiosk_db)
        community = relay.GlobalID(
            "Community", str(await kiosk_db.fetchval("SELECT id FROM regions WHERE name = '工盛社区'"))
        )
        claim = """mutation($input: ScreenPairingClaimInput!) {
            screenPairingClaim(input: $input) { screen { name } errors { code message } } }"""
        claimed = await gql(
            api,
            claim,
            {"input": {"code": code, "community": str(community), "kind": "BULLETIN", "name": "配对屏"}},
            token,
        )
        assert claimed["screenPairingClaim"]["errors"] == []
        run_until(kiosk, lambda: kiosk.state.mode is Mode.SHOWING)
        feed = kiosk.state.feed
        assert feed is not None and feed.screen.name == "配对屏"
        stored = (tmp_path / "screen-token").read_text(encoding="utf-8")
        assert stored.startswith("qs_")
    finally:
        kiosk.close()
    # Restarted, the kiosk uses the stored token: no pairing again.
    again = Kiosk(kiosk_config(tmp_path, api.url, None), headless=True)
    try:
        assert again.config.token == stored and again.state.mode is Mode.OFFLINE
    finally:
        again.close()


async def test_heartbeat_and_screenshot_reach_staff(api: ApiProcess, kiosk_db: Database, tmp_path: Path) -> None:
    screen_token = await new_screen(kiosk_db, "BULLETIN", "心跳屏")
    gid = await screen_gid(kiosk_db, "心跳屏")
    staff = await admin(api, kiosk_db)
    kiosk = Kiosk(kiosk_config(tmp_path, api.url, screen_token), headless=True)
    kiosk.start()
    try:
        run_until(kiosk, lambda: kiosk.state.mode is Mode.SHOWING)

        async def reported() -> bool:
            node = (await gql(api, SCREEN, {"id": gid}, staff))["node"]
            report = node["report"] or {}
            feed = kiosk.state.feed
            return bool(node["online"] and feed and report.get("contentVersion") == feed.version)

        await step_until(kiosk, reported)
        node = (await gql(api, SCREEN, {"id": gid}, staff))["node"]
        assert node["lastSeenAt"] and node["report"]["mode"] == "showing"
        # The API flushes heartbeats every couple of seconds in one batch.
        await step_until(kiosk, lambda: _stored_heartbeat(kiosk_db, "心跳屏"), seconds=10)

        request = "mutation($id: ID!) { screenScreenshotRequest(input: {id: $id}) { errors { code } } }"
        assert (await gql(api, request, {"id": gid}, staff))["screenScreenshotRequest"]["errors"] == []

        async def screenshot_arrived() -> bool:
            shot = (await gql(api, SCREEN, {"id": gid}, staff))["node"]["screenshot"]
            return bool(shot and shot["url"] and not shot["pending"])

        await step_until(kiosk, screenshot_arrived)
        shot = (await gql(api, SCREEN, {"id": gid}, staff))["node"]["screenshot"]
        async with httpx.AsyncClient(base_url=api.url) as client:
            # Screenshots are for staff only: fetched with the staff token.
            image = await client.get(shot["url"], headers={"Authorization": f"Bearer {staff}"})
        assert image.status_code == 200 and len(image.content) > 1000
    finally:
        kiosk.close()


async def _stored_heartbeat(db: Database, name: str) -> bool:
    found = await db.fetchval(
        "SELECT count(*) FROM screen_heartbeats h JOIN screens s ON s.id = h.screen_id WHERE s.name = $1", name
    )
    return bool(found)


async def test_plays_recorded_offline_arrive_after_reconnect_exactly_once(
    kiosk_dsn: str, kiosk_db: Database, tmp_path: Path
) -> None:
    await kiosk_db.execute("UPDATE notices SET urgent = false")  # a rotation, not one preempting notice
    token = await new_screen(kiosk_db, "BULLETIN", "播放屏")
    screen_id = await kiosk_db.fetchval("SELECT id FROM screens WHERE name = '播放屏'")
    config = dataclasses.replace(kiosk_config(tmp_path, "", token), slide_seconds=0.15)
    api = ApiProcess(kiosk_dsn).start()
    config = dataclasses.replace(config, api_url=api.url)
    kiosk = Kiosk(config, headless=True)
    kiosk.start()
    try:
        run_until(kiosk, lambda: kiosk.state.mode is Mode.SHOWING and len(kiosk.rotation.slides) > 1)
        api.stop()
        run_until(kiosk, lambda: kiosk.state.mode is Mode.OFFLINE)
        run_until(kiosk, lambda: len(kiosk.plays.pending()) >= 5)
    finally:
        kiosk.close()
        api.stop()
    # The queue survives a restart of the kiosk during the outage.
    with sqlite3.connect(tmp_path / "plays.sqlite3") as local:
        offline = {row[0] for row in local.execute("SELECT id FROM plays")}
        # Includes the plays that went up before the outage, if any; those count once too.
    assert len(offline) >= 5

    api = ApiProcess(kiosk_dsn, port=api.port).start()
    kiosk = Kiosk(config, headless=True)
    kiosk.start()
    try:

        async def all_arrived() -> bool:
            rows = await kiosk_db.fetchval(
                "SELECT count(*) FROM plays WHERE screen_id = $1 AND client_id = ANY($2::text[])",
                screen_id,
                list(offline),
            )
            return int(rows) == len(offline)

        await step_until(kiosk, all_arrived)
        await step_until(kiosk, lambda: _not_pending(kiosk, offline))
        # An answer lost on the way: the kiosk sends one again; the API keeps it once.
        again = sorted(offline)[0]
        with sqlite3.connect(tmp_path / "plays.sqlite3") as local:
            local.execute("INSERT INTO plays VALUES (?, 'events', '2026-11-28T10:00:00+08:00', 12.0)", (again,))
        await step_until(kiosk, lambda: _not_pending(kiosk, {again}))
        assert (
            await kiosk_db.fetchval(
                "SELECT count(*) FROM plays WHERE screen_id = $1 AND client_id = $2", screen_id, again
            )
            == 1
        )
        assert await all_arrived()
    finally:
        kiosk.close()
        api.stop()


async def _not_pending(kiosk: Kiosk, ids: set[str]) -> bool:
    return not ids & {p.id for p in kiosk.plays.pending(10_000)}
