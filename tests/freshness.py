"""How long a notice approved through one API process takes to reach a screen polling another.

Shared by the two-process test (tests/api/screens/test_freshness.py) and the
nginx one (tests/infra/test_nginx.py): staff sign-ins, a screen, the
approval through the API, and the screen's polls with the kiosk's own client.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from qile_api.db.database import Database
from qile_api.screens.admin import add_screen
from qile_kiosk.client import FeedClient
from qile_kiosk.config import KioskConfig
from tests.api import staff
from tests.api.content.desk import APPROVE, CREATE, SUBMIT
from tests.api.permissions.builders import region


@dataclass(frozen=True)
class Newsroom:
    """An editor of 工盛社区, a reviewer of its subdistrict, and a screen there."""

    editor: str
    reviewer: str
    community: str  # global ID
    screen: str  # token


async def newsroom(dsn: str) -> Newsroom:
    db = await Database.connect(dsn, min_size=1, max_size=1)
    try:
        tag = uuid.uuid4().hex[:6]
        return Newsroom(
            editor=await staff.staff(db, f"editor.{tag}", "EDITOR", "工盛社区"),
            reviewer=await staff.staff(db, f"reviewer.{tag}", "REVIEWER", "车站街道"),
            community=await region(db, "工盛社区"),
            screen=await add_screen(db, "工盛社区", "BULLETIN", f"新鲜屏{tag}"),
        )
    finally:
        await db.close()


async def _step(client: httpx.AsyncClient, doc: str, token: str, **input: Any) -> dict[str, Any]:
    body = (
        await client.post(
            "/graphql", json={"query": doc, "variables": {"input": input}}, headers={"Authorization": f"Bearer {token}"}
        )
    ).json()
    assert "errors" not in body, body
    (payload,) = body["data"].values()
    assert payload["errors"] == [], payload
    return payload["notice"]  # type: ignore[no-any-return]


async def approve(url: str, room: Newsroom, title: str) -> float:
    """Draft, submit and approve a notice for the community through the API at `url`; when approval was asked."""
    async with httpx.AsyncClient(base_url=url, timeout=30) as client:
        draft = {"scope": room.community, "category": "SERVICE", "title": title, "body": "内容"}
        notice = await _step(client, CREATE, room.editor, **draft)
        notice = await _step(client, SUBMIT, room.editor, id=notice["id"], version=notice["version"])
        asked = time.monotonic()
        await _step(client, APPROVE, room.reviewer, id=notice["id"], version=notice["version"])
        return asked


def screen_client(url: str, room: Newsroom, cache_dir: Path) -> FeedClient:
    return FeedClient(KioskConfig(api_url=url, token=room.screen, cache_dir=cache_dir))


async def first_showing(client: FeedClient, title: str, interval: float, version: str) -> float:
    """Poll as a kiosk does every `interval` (If-None-Match); when the first feed with `title` came back."""
    while True:
        feed = await client.fetch(version)
        if feed is not None:
            if title in [n.title for n in feed.notices]:
                return time.monotonic()
            version = feed.version
        await asyncio.sleep(interval)


async def delay(
    poll_url: str, approve_url: str, room: Newsroom, cache_dir: Path, interval: float, title: str | None = None
) -> float:
    """Seconds from asking to approve `title` (at `approve_url`) to the first poll (at `poll_url`) showing it."""
    title = title or f"新通知{uuid.uuid4().hex[:4]}"
    client = screen_client(poll_url, room, cache_dir)
    first = await client.fetch(None)
    assert first is not None
    polling = asyncio.create_task(first_showing(client, title, interval, first.version))
    await asyncio.sleep(interval / 3)  # mid-interval, as an approval lands in real life
    asked = await approve(approve_url, room, title)
    seen = await asyncio.wait_for(polling, timeout=10 * interval + 10)
    return seen - asked
