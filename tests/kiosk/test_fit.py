"""Every value the API accepts, at its longest, is shown whole on every layout.

For each field at its maximum length (tests/kiosk/maxed.py reads the API's
limits), on 1920×1080, 1080×1920 and 1280×720: the slides hold every
character once and in order, nothing is drawn with "…", no two drawn text
boxes overlap, everything stays in the safe area, and no text a resident
must read is smaller than the layout's reading floor.
"""

from __future__ import annotations

from itertools import combinations

import pygame
import pytest

from qile_kiosk.feed import parse_feed
from qile_kiosk.layout import Layout
from qile_kiosk.render import Frame, Renderer, moment_text
from qile_kiosk.slides import EventsSlide, HonourSlide, NoticeSlide, Slide, build_rotation
from qile_kiosk.state import Mode
from qile_kiosk.textwrap_zh import NO_LINE_START
from qile_kiosk.typeset import Typesetter
from tests.kiosk.board_cases import RecordingTypesetter
from tests.kiosk.conftest import SIZES
from tests.kiosk.maxed import maxed_bulletin, maxed_gallery
from tests.kiosk.test_feed_and_cache import NOW

DATE = "2026年11月28日 星期六"


def draw_all(layout: Layout, ts: RecordingTypesetter, feed_raw: dict[str, object]) -> list[tuple[Slide, list]]:
    """Each slide drawn offline (the footer's fullest state), with what was drawn."""
    feed = parse_feed(feed_raw)
    slides, _ = build_rotation(feed, NOW, layout, ts)
    renderer = Renderer(layout, ts, lambda _sha, _box: None)
    surface = pygame.Surface((layout.width, layout.height))
    since = moment_text(NOW.replace(day=27), NOW)
    out = []
    seen: set[str] = set()
    for slide in slides:
        if slide.key in seen:  # an urgent notice comes round between the others
            continue
        seen.add(slide.key)
        ts.calls = []
        renderer.draw(surface, Frame(Mode.OFFLINE, feed.screen, feed.brand, "10:00", DATE, slide, False, since))
        out.append((slide, list(zip(ts.calls, list(ts.drawn), strict=True))))
    return out


def assert_drawn_well(layout: Layout, drawn: list) -> None:
    texts = [call[1] for call, _ in drawn]
    assert not any("…" in t for t in texts), texts
    rects = [rect for _, rect in drawn]
    assert all(layout.safe.contains(r) for r in rects), [
        t for t, r in zip(texts, rects, strict=True) if not layout.safe.contains(r)
    ]
    overlaps = [(texts[i], texts[j]) for (i, a), (j, b) in combinations(enumerate(rects), 2) if a.colliderect(b)]
    assert not overlaps, overlaps


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_longest_bulletin_content_is_shown_whole(size: tuple[int, int], typesetter: Typesetter) -> None:
    # given notices, an urgent notice and eight events at the longest the API accepts
    layout = Layout.for_size(*size)
    ts = RecordingTypesetter(typesetter.fonts)
    raw = maxed_bulletin(urgent=True)

    # when every slide is drawn
    frames = draw_all(layout, ts, raw)

    # then each is drawn well, and every field is there whole, at a size a resident can read
    for _slide, drawn in frames:
        assert_drawn_well(layout, drawn)
    notices = {n["id"]: n for n in raw["notices"]}  # type: ignore[union-attr]
    for nid, n in notices.items():
        pages = [s for s, _ in frames if isinstance(s, NoticeSlide) and s.notice.id == nid]
        assert "".join(pages[0].title_lines) == n["title"]
        assert "".join(line for p in pages for line in p.lines) == n["body"]
        assert all(p.size >= layout.reading_floor and p.title_size >= layout.body_size for p in pages)
        # no line starts with closing punctuation, and the last is not one character alone
        lines = [line for p in pages for line in p.lines if line]
        assert not [line for line in lines if line[0] in NO_LINE_START], nid
        assert sum(1 for ch in lines[-1] if ch not in NO_LINE_START) >= 2, lines[-1]
    rows = [r for s, _ in frames if isinstance(s, EventsSlide) for r in s.rows]
    assert [r.event.id for r in rows] == [e["id"] for e in raw["events"]]  # type: ignore[union-attr]
    for row, event in zip(rows, raw["events"], strict=True):  # type: ignore[arg-type]
        mark = " ★" if event["largeScale"] else ""
        assert "".join(row.title_lines) == event["title"] + mark
        assert "".join(row.venue_lines).removeprefix("地点：") == event["venue"]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_longest_honours_are_shown_whole(size: tuple[int, int], typesetter: Typesetter) -> None:
    # given honours with the longest title, name (starting with 𪚥) and citation the API accepts
    layout = Layout.for_size(*size)
    ts = RecordingTypesetter(typesetter.fonts)
    raw = maxed_gallery()

    # when every card is drawn
    frames = draw_all(layout, ts, raw)

    # then each is drawn well, the name is whole on every page, and the citation pages hold it all
    for slide, drawn in frames:
        assert_drawn_well(layout, drawn)
        assert isinstance(slide, HonourSlide)
        texts = [call[1] for call, _ in drawn]
        assert "".join(t for t in texts if t in slide.name_lines) == slide.honour.subject_name
        assert slide.honour.title in texts
        assert slide.size >= layout.reading_floor
    for honour in raw["honours"]:  # type: ignore[union-attr]
        pages = [s for s, _ in frames if isinstance(s, HonourSlide) and s.honour.id == honour["id"]]
        assert "".join(line for p in pages for line in p.lines) == honour["citation"]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_standby_names_the_community_and_the_screen_and_fits(size: tuple[int, int], typesetter: Typesetter) -> None:
    # given a screen whose community, name and place are as long as the API allows
    layout = Layout.for_size(*size)
    ts = RecordingTypesetter(typesetter.fonts)
    feed = parse_feed(maxed_gallery())
    renderer = Renderer(layout, ts, lambda _sha, _box: None)

    # when the standby screen is drawn, offline
    frame = Frame(Mode.OFFLINE, feed.screen, feed.brand, "10:00", DATE, status="暂无内容", offline_since="09:58")
    renderer.draw(pygame.Surface(size), frame)

    # then the brand, the community, the screen's name and place all show whole, and nothing collides
    drawn = list(zip(ts.calls, list(ts.drawn), strict=True))
    assert_drawn_well(layout, drawn)
    texts = [call[1] for call, _ in drawn]
    assert feed.brand in texts and feed.screen.community in texts
    assert feed.screen.name in texts or f"{feed.screen.name} · {feed.screen.location}" in texts


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("code", ["MWMWMW", "WWWWWW", "7K4Q2M"])
def test_a_pairing_code_fits_with_a_clock_and_the_address(
    size: tuple[int, int], code: str, typesetter: Typesetter
) -> None:
    # given the widest codes the alphabet allows
    layout = Layout.for_size(*size)
    ts = RecordingTypesetter(typesetter.fonts)
    url = "http://qile.zibo.example:8000/console/admin/screens"
    frame = Frame(
        Mode.PAIRING,
        None,
        "里仁为美·齐乐融融",
        "10:00",
        DATE,
        status="配对码10:15前有效",
        pairing_code=code,
        pairing_url=url,
    )

    # when the pairing screen is drawn
    Renderer(layout, ts, lambda _sha, _box: None).draw(pygame.Surface(size), frame)

    # then the code, the clock and the console's address are all on it, inside the safe area
    drawn = list(zip(ts.calls, list(ts.drawn), strict=True))
    assert_drawn_well(layout, drawn)
    texts = [call[1] for call, _ in drawn]
    assert " ".join(code) in texts and "10:00" in texts and url in texts
