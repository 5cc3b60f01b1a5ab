"""A process doing what a kiosk does to its disk, as fast as it can, until it is killed.

`python -m tests.faults.cache_writer DIR` saves two large feeds in turn to the
feed cache in DIR and records a play after each, with the kiosk's own code
(FeedCache, PlayLog). After each play is recorded it prints how many are: a
play printed is one the kiosk's queue has taken, and must survive a SIGKILL.
"""

from __future__ import annotations

import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from qile_kiosk.cache import FeedCache
from qile_kiosk.feed import SHANGHAI, parse_feed
from qile_kiosk.plays import PlayLog

VERSIONS = ("feed-a", "feed-b")


def big_feed(version: str, events: int = 3000) -> dict[str, Any]:
    """A feed of a few megabytes (slow enough to write that a kill lands mid-write).

    The bulk is events, which cost nothing to lay out until shown: a kiosk
    starting on it is as quick as on any feed."""
    now = datetime.now(SHANGHAI)
    return {
        "version": version,
        "notModified": False,
        "generatedAt": now.isoformat(),
        "validUntil": None,
        "brand": "里仁为美·齐乐融融",
        "screen": {
            "name": "缓存测试屏",
            "kind": "BULLETIN",
            "location": "大厅",
            "community": {
                "name": "工盛社区",
                "theme": None,
                "subdistrict": {"name": "车站街道"},
                "district": {"name": "张店区"},
            },
        },
        "notices": [
            {
                "id": f"{version}-notice-{i}",
                "title": f"通知{i}",
                "body": "社区服务通知正文。",
                "category": "SERVICE",
                "categoryLabel": "日常服务",
                "priority": 0,
                "urgent": False,
                "displayStart": (now - timedelta(days=1)).isoformat(),
                "displayEnd": (now + timedelta(days=30)).isoformat(),
            }
            for i in range(3)
        ],
        "honours": [],
        "events": [
            {
                "id": f"{version}-event-{i}",
                "title": f"邻里活动{i}",
                "description": "活动介绍。" * 100,
                "categoryLabel": "邻里节",
                "venue": "党群服务中心",
                "startsAt": (now + timedelta(days=1 + i % 300)).isoformat(),
                "endsAt": (now + timedelta(days=1 + i % 300, hours=2)).isoformat(),
                "organiser": "工盛社区",
                "largeScale": False,
            }
            for i in range(events)
        ],
    }


def main(folder: Path) -> None:
    cache = FeedCache(folder)
    plays = PlayLog(folder / "plays.sqlite3")
    feeds = [parse_feed(big_feed(v)) for v in VERSIONS]
    recorded = 0
    while True:
        for feed in feeds:
            cache.save(feed, datetime.now(SHANGHAI))
            plays.record(feed.notices[0].id, datetime.now(SHANGHAI), 12.0)
            recorded += 1
            print(recorded, flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
