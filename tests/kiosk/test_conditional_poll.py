"""The kiosk polls by GET with If-None-Match: an unchanged feed is a 304 with no body."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from qile_api.db.database import Database
from qile_kiosk.client import FeedClient
from tests.kiosk.conftest import kiosk_config, new_screen
from tests.servers import REQUEST_LINES, ApiProcess, feed_get_statuses, logged


@pytest.fixture(scope="module")
def logged_api(kiosk_dsn: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ApiProcess]:
    """The API with its access log on, so the test can read the statuses it answered."""
    log = tmp_path_factory.mktemp("api") / "api.log"
    process = ApiProcess(kiosk_dsn, env=REQUEST_LINES, log=log).start()
    yield process
    process.stop()


async def test_an_unchanged_feed_is_a_304_and_a_change_comes_whole(
    logged_api: ApiProcess, kiosk_db: Database, tmp_path: Path
) -> None:
    assert logged_api.log is not None
    client = FeedClient(kiosk_config(tmp_path, logged_api.url, await new_screen(kiosk_db, "BULLETIN", "条件屏")))

    # the first poll has the whole feed; the next ones, with its version, nothing new
    feed = await client.fetch(None)
    assert feed is not None and feed.screen.community == "工盛社区"
    assert await client.fetch(feed.version) is None
    assert await client.fetch(feed.version) is None
    # a 304 has no body: the kiosk's clock learns the server's time from its Date
    assert client.server_time is not None and abs(client.server_time - datetime.now(UTC)) < timedelta(minutes=1)

    # a new notice for the community: the same conditional poll gets it
    now = datetime.now(UTC)
    await kiosk_db.execute(
        """INSERT INTO notices (region_id, category, title, body, status, display_start, published_at)
        SELECT id, 'SERVICE', '条件请求通知', '内容', 'PUBLISHED', $1, $1 FROM regions WHERE name = '工盛社区'""",
        now - timedelta(minutes=1),
    )
    changed = None
    for _ in range(50):  # the API learns of it within a second (screens/watch.py)
        changed = await client.fetch(feed.version)
        if changed is not None:
            break
        await asyncio.sleep(0.1)
    assert changed is not None and "条件请求通知" in [n.title for n in changed.notices]
    log = logged_api.log
    await logged(lambda: feed_get_statuses(log)[:3] == [200, 304, 304])
