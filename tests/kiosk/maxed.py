"""Content at the longest the API accepts, for every field a screen shows.

The lengths come from the API's own limits module (qile_api.limits), the one
place both sides read: a limit raised there is at once the length these
frames are drawn with. The text is full-width Chinese (the widest there is),
with punctuation, a name that starts with a character of CJK Extension B,
and an emoji, so wrapping, fallback faces and kinsoku all take part.
"""

from __future__ import annotations

from datetime import timedelta
from itertools import cycle, islice
from typing import Any

from qile_api import limits
from tests.kiosk.test_feed_and_cache import NOW, notice, raw_feed

# Plain running text: characters, a comma every so often, a full stop; no newlines.
_PROSE = "社区居民朋友们请注意本周四上午将开展消防安全演练，请大家积极配合并相互转告。"


def text(length: int, lead: str = "") -> str:
    """`length` characters of prose (after `lead`)."""
    return lead + "".join(islice(cycle(_PROSE), length - len(lead)))


NAME = text(limits.HONOUR_SUBJECT.max, "𪚥建华")
TITLE = text(limits.NOTICE_TITLE.max, "【紧急】")
BODY = text(limits.NOTICE_BODY.max, "😀")
COMMUNITY = text(limits.REGION_NAME.max, "工盛")


def maxed_event(i: int) -> dict[str, Any]:
    start = NOW + timedelta(days=i + 2, hours=i % 5)  # two-digit days: 11月30日 and on
    return {
        "id": f"e{i}",
        "title": text(limits.EVENT_TITLE.max, f"第{i + 1}场"),
        "description": "",
        "categoryLabel": "文化活动",
        "venue": text(limits.EVENT_VENUE.max, "党群服务中心"),
        "startsAt": start.isoformat(),
        "endsAt": (start + timedelta(hours=2)).isoformat(),
        "organiser": "社区",
        "largeScale": i % 2 == 0,
        # As long as a resident page's address gets: the code's largest reserved version.
        "publicUrl": f"https://qile.zibo.example.cn/e/{100000 + i}?s=12345",
    }


def maxed_honour(i: int) -> dict[str, Any]:
    return {
        "id": f"h{i}",
        "title": text(limits.HONOUR_TITLE.max, "最美"),
        "subjectKind": "PERSON",
        "subjectName": NAME,
        "citation": text(limits.HONOUR_CITATION.max),
        "year": 2026,
        "photo": None,
    }


def maxed_screen(feed: dict[str, Any]) -> dict[str, Any]:
    feed["screen"]["name"] = text(limits.SCREEN_NAME.max, "大厅")
    feed["screen"]["location"] = text(limits.SCREEN_LOCATION.max, "一楼")
    feed["screen"]["community"]["name"] = COMMUNITY
    return feed


def maxed_bulletin(urgent: bool = False) -> dict[str, Any]:
    notices = [notice("long", TITLE, BODY), notice("short", TITLE, text(40))]
    if urgent:
        notices.append(notice("urgent", TITLE, text(300), urgent=True, end=NOW + timedelta(hours=3)))
    return maxed_screen(raw_feed(notices=notices, events=[maxed_event(i) for i in range(8)]))


def maxed_gallery() -> dict[str, Any]:
    return maxed_screen(raw_feed(kind="GALLERY", honours=[maxed_honour(i) for i in range(2)]))
