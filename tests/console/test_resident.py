"""The resident page in Debian's chromium on a phone: opened from a screen's QR address, a sign-up, its code;
then the staff list shows the resident with the number masked, and the screen's scan is counted."""

from __future__ import annotations

import os
import re

import asyncpg
import httpx
from strawberry.relay import to_base64

from tests.console.conftest import CONSOLE, SCREENSHOTS, run
from tests.servers import ApiProcess

LOGIN = 'mutation { login(input: {username: "admin", password: "qile-demo-2024"}) { token } }'
LIST = """query($event: ID!) {
  eventSignUps(event: $event) { nodes { name mobileMasked mobile people } }
  eventScans(event: $event) { opens screen { name } }
}"""


async def an_event_open_for_sign_up(dsn: str) -> tuple[int, int]:
    """A published event in three days taking ten sign-ups, and a screen of its community; their ids."""
    conn = await asyncpg.connect(dsn)
    try:
        community = await conn.fetchval("SELECT id FROM regions WHERE name = '工盛社区'")
        event = await conn.fetchval(
            """INSERT INTO events (region_id, category, title, venue, organiser, starts_at, ends_at, status,
                                   capacity, sign_up_opens_at, sign_up_closes_at)
            VALUES ($1, 'OUR_FESTIVALS', '重阳节包饺子', '社区食堂', '工盛社区居委会', now() + interval '3 days',
                    now() + interval '3 days 2 hours', 'PUBLISHED', 10, now() - interval '1 day',
                    now() + interval '2 days')
            RETURNING id""",
            community,
        )
        screen = await conn.fetchval(
            """INSERT INTO screens (community_id, kind, name, token_hash) VALUES ($1, 'BULLETIN', '大厅东屏', $2)
            RETURNING id""",
            community,
            os.urandom(32),
        )
        return int(event), int(screen)
    finally:
        await conn.close()


async def test_a_resident_signs_up_on_a_phone_and_staff_see_the_number_masked(
    api_process: ApiProcess, fresh_dsn: str, chromium: str
) -> None:
    event, screen = await an_event_open_for_sign_up(fresh_dsn)

    env = dict(
        os.environ,
        QILE_E2E_BASE_URL=api_process.url,
        QILE_E2E_CHROMIUM=chromium,
        QILE_E2E_SCREENSHOTS=str(SCREENSHOTS),
        QILE_E2E_EVENT=str(event),
        QILE_E2E_SCREEN=str(screen),
        PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD="1",
    )
    result = run(["node", str(CONSOLE / "e2e" / "resident.mjs")], timeout=300, cwd=CONSOLE, env=env)
    assert result.returncode == 0, (result.stdout + result.stderr)[-6000:]
    assert "resident: all 3 steps passed" in result.stdout
    code = re.search(r"^code: (\w{6})$", result.stdout, re.MULTILINE)
    assert code is not None

    async with httpx.AsyncClient(base_url=api_process.url) as client:
        token = (await client.post("/graphql", json={"query": LOGIN})).json()["data"]["login"]["token"]
        answer = await client.post(
            "/graphql",
            json={"query": LIST, "variables": {"event": to_base64("Event", event)}},
            headers={"Authorization": f"Bearer {token}"},
        )
    data = answer.json()["data"]
    assert data["eventSignUps"]["nodes"] == [
        {"name": "王秀兰", "mobileMasked": "138****5678", "mobile": None, "people": 2}
    ]
    assert data["eventScans"] == [{"opens": 1, "screen": {"name": "大厅东屏"}}]
    conn = await asyncpg.connect(fresh_dsn)
    try:
        assert await conn.fetchval("SELECT code FROM event_sign_ups") == code.group(1)
        assert await conn.fetchval("SELECT screen_id FROM event_sign_ups") == screen
    finally:
        await conn.close()
