"""Layouts at 1920×1080, 1080×1920 and 1280×720: inside the safe area, paginated, urgent first."""

from __future__ import annotations

import hashlib
import itertools
from datetime import timedelta
from pathlib import Path
from typing import Any

import pygame
import pytest

from qile_kiosk.cache import FeedCache
from qile_kiosk.feed import Event, parse_feed
from qile_kiosk.fonts import Fonts
from qile_kiosk.images import ImageStore
from qile_kiosk.layout import Layout
from qile_kiosk.palette import AMBER, URGENT_RED
from qile_kiosk.render import Frame, Renderer, short_date
from qile_kiosk.slides import EventsSlide, HonourSlide, NoticeSlide, build_rotation, event_slides
from qile_kiosk.state import Mode
from qile_kiosk.typeset import Typesetter
from tests.kiosk.board_cases import RecordingTypesetter, recording_shapes
from tests.kiosk.conftest import SIZES
from tests.kiosk.test_feed_and_cache import NOW, notice, raw_feed
from tests.kiosk.test_live import share_of

LONG_BODY = (
    "为深入贯彻落实市委关于建设城市文化社区的部署要求，社区将于本月开展“党的声音进万家”系列理论宣讲活动。"
    "宣讲团由市委宣传部组织，成员包括党校教师、道德模范和优秀志愿者，围绕社会主义核心价值观、美德健康新生活、"
    "移风易俗等主题，以群众喜闻乐见的方式开展宣讲。（活动免费，欢迎携家人参加）"
) * 4


def events() -> list[dict[str, object]]:
    out = []
    for i in range(9):
        start = NOW + timedelta(days=i + 1, hours=i % 3)
        out.append(
            {
                "id": f"e{i}",
                "title": f"第{i + 1}场：经典诵读与亲子阅读打卡分享会",
                "description": "",
                "categoryLabel": "读书",
                "venue": "社区图书阅览室（党群服务中心二楼）",
                "startsAt": start.isoformat(),
                "endsAt": (start + timedelta(hours=2)).isoformat(),
                "organiser": "社区家长学校",
                "largeScale": i == 0,
            }
        )
    return out


def honours(photo_sha: str) -> list[dict[str, object]]:
    citation = "十年如一日照顾独居的邻居李大爷，每天送饭、陪聊，带他看病复查，邻里们都说：“远亲不如近邻。”"
    return [
        {
            "id": "h1",
            "title": "好邻居",
            "subjectKind": "PERSON",
            "subjectName": "王秀兰",
            "citation": citation,
            "year": 2024,
            "photo": {"url": f"/media/{photo_sha}", "width": 300, "height": 400, "sha256": photo_sha},
        },
        {
            "id": "h2",
            "title": "美德诚信商户",
            "subjectKind": "MERCHANT",
            "subjectName": "老街坊便民超市",
            "citation": citation * 3,
            "year": 2024,
            "photo": None,
        },
    ]


@pytest.fixture
def photo_cache(tmp_path: Path) -> tuple[FeedCache, str]:
    pygame.display.init()
    pygame.display.set_mode((8, 8))
    surface = pygame.Surface((300, 400))
    surface.fill((30, 120, 200))
    path = tmp_path / "p.png"
    pygame.image.save(surface, str(path))
    data = path.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    cache = FeedCache(tmp_path / "cache")
    cache.save_image(sha, data)
    return cache, sha


def render_all(size: tuple[int, int], ts: Typesetter, cache: FeedCache, feed_raw: dict[str, object]) -> list[Frame]:
    layout = Layout.for_size(*size)
    feed = parse_feed(feed_raw)
    slides, urgent = build_rotation(feed, NOW, layout, ts)
    renderer = Renderer(layout, ts, ImageStore(cache))
    surface = pygame.Surface(size)
    frames = [
        Frame(Mode.OFFLINE, feed.screen, feed.brand, "10:00", "2026年11月28日 星期六", s, urgent, "09:58")
        for s in slides
    ]
    frames.append(
        Frame(
            Mode.STANDBY,
            feed.screen,
            feed.brand,
            "10:00",
            "2026年11月28日 星期六",
            status="暂时无法连接服务器，正在重试",
        )
    )
    for frame in frames:
        renderer.draw(surface, frame)
        assert ts.drawn, "nothing drawn"
        for rect in ts.drawn:
            assert layout.safe.contains(rect), (size, frame.slide, rect, layout.safe)
    return frames


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_slide_stays_inside_the_safe_area(
    size: tuple[int, int], typesetter: Typesetter, photo_cache: tuple[FeedCache, str]
) -> None:
    cache, sha = photo_cache
    bulletin = raw_feed(
        notices=[
            notice("long", "“党的声音进万家”理论宣讲进社区（第一期）", LONG_BODY),
            notice("n2", "3号楼周四上午停水检修", "本周四8:00至12:00暂停供水。"),
        ],
        events=events(),
    )
    frames = render_all(size, typesetter, cache, bulletin)
    kinds = {type(f.slide) for f in frames}
    assert {NoticeSlide, EventsSlide} <= kinds
    gallery = raw_feed(kind="GALLERY", honours=honours(sha))
    frames = render_all(size, typesetter, cache, gallery)
    assert [type(f.slide) for f in frames[:-1]] == [HonourSlide, HonourSlide]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_long_notice_is_paginated_not_cut(size: tuple[int, int], typesetter: Typesetter) -> None:
    layout = Layout.for_size(*size)
    feed = parse_feed(raw_feed(notices=[notice("long", "理论宣讲进社区", LONG_BODY)]))
    slides, _ = build_rotation(feed, NOW, layout, typesetter)
    assert len(slides) >= 2
    assert all(isinstance(s, NoticeSlide) and s.pages == len(slides) for s in slides)
    text = "".join(line for s in slides if isinstance(s, NoticeSlide) for line in s.lines)
    assert text == LONG_BODY  # every character shown once, in order


def test_an_urgent_notice_takes_every_other_slide_and_the_whole_screen(typesetter: Typesetter, tmp_path: Path) -> None:
    # given a bulletin with a notice, a schedule and an urgent notice
    layout = Layout.for_size(1920, 1080)
    urgent = notice("u1", "暴雨红色预警", "请居民非必要不外出。", urgent=True, end=NOW + timedelta(hours=1))
    feed = parse_feed(raw_feed(notices=[notice("n1", "停水通知", "周四停水"), urgent], events=events()))

    # when the rotation is built, then the urgent notice comes first and before each other slide:
    # the rest keeps a share of the time
    slides, is_urgent = build_rotation(feed, NOW, layout, typesetter)
    ids = [s.item_id for s in slides]
    assert is_urgent and ids[0] == "u1" and ids[1::2] == ["n1", "events", "events", "events"][: len(ids[1::2])]
    assert ids[::2] == ["u1"] * len(ids[::2]) and "n1" in ids
    # unless staff asked for exclusive display
    exclusive = parse_feed(raw_feed(notices=[notice("n1", "停水通知", "周四停水"), {**urgent, "exclusive": True}]))
    assert [s.item_id for s in build_rotation(exclusive, NOW, layout, typesetter)[0]] == ["u1"]
    # and once it ends by the local clock, the normal rotation is back
    slides_later, still = build_rotation(feed, NOW + timedelta(hours=2), layout, typesetter)
    assert not still and "u1" not in [s.item_id for s in slides_later]

    # and drawn, the urgent red covers most of the screen under the amber band (emergency mode)
    surface = pygame.Surface((1920, 1080))
    renderer = Renderer(layout, typesetter, ImageStore(FeedCache(tmp_path)))
    renderer.draw(surface, Frame(Mode.SHOWING, feed.screen, feed.brand, "10:00", "", slides[0], True))
    assert share_of(surface, URGENT_RED) > 0.6
    assert surface.get_at((5, 5))[:3] == AMBER


def test_a_card_without_a_photo_is_drawn_deliberately(
    typesetter: Typesetter, photo_cache: tuple[FeedCache, str]
) -> None:
    cache, sha = photo_cache
    layout = Layout.for_size(1920, 1080)
    feed = parse_feed(raw_feed(kind="GALLERY", honours=honours(sha)))
    slides, _ = build_rotation(feed, NOW, layout, typesetter)
    renderer = Renderer(layout, typesetter, ImageStore(cache))
    with_photo, without = pygame.Surface((1920, 1080)), pygame.Surface((1920, 1080))
    renderer.draw(with_photo, Frame(Mode.SHOWING, feed.screen, feed.brand, "10:00", "", slides[0]))
    renderer.draw(without, Frame(Mode.SHOWING, feed.screen, feed.brand, "10:00", "", slides[1]))
    probe = (layout.body.x + 60, layout.body.centery)
    assert with_photo.get_at((layout.body.x + 200, layout.body.centery))[:3] == (30, 120, 200)  # the photo
    # The no-photo card fills its photo box with the theme colour and a monogram.
    assert without.get_at(probe)[:3] != (255, 255, 255)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("count", [1, 8, 15, 22])
def test_event_schedule_pages_are_filled_evenly(typesetter: Typesetter, size: tuple[int, int], count: int) -> None:
    # given more events than one page holds (or not)
    layout = Layout.for_size(*size)
    events = [
        Event(
            f"e{i}",
            f"活动{i}",
            "读书活动",
            "社区图书阅览室",
            NOW + timedelta(days=i),
            NOW + timedelta(days=i, hours=2),
            "社区",
            False,
        )
        for i in range(count)
    ]

    # when they are laid out as schedule slides
    pages = [len(s.events) for s in event_slides(events, layout, typesetter)]

    # then every event appears once, no page overflows, and no page is left nearly empty
    assert sum(pages) == count
    assert max(pages) <= layout.event_rows_per_page
    assert max(pages) - min(pages) <= 1


def drawn_on_the_body(
    renderer: Renderer, ts: RecordingTypesetter, layout: Layout, frame: Frame
) -> tuple[list[tuple[str, int, int, int, pygame.Rect]], list[pygame.Rect]]:
    """What the renderer drew for the slide (below the header, starting above the footer):
    texts as (text, x, baseline, size, inked rectangle), and the rectangles of shapes."""
    calls: list[list[Any]] = []
    ts.calls = []
    with recording_shapes(calls):
        renderer.draw(pygame.Surface((layout.width, layout.height)), frame)
    texts = [(c[1], c[2], c[3], c[4], rect) for c, rect in zip(ts.calls, ts.drawn, strict=True)]
    shapes = [pygame.Rect(c[1:5]) for c in calls if c[0] == "rect"]
    top, bottom = layout.header_rule.bottom, layout.footer.y

    def on_body(r: pygame.Rect) -> bool:
        return top <= r.top < bottom

    return [t for t in texts if on_body(t[4])], [r for r in shapes if on_body(r)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_what_pagination_fits_on_a_page_is_what_the_renderer_draws_there(
    size: tuple[int, int], typesetter: Typesetter
) -> None:
    # given long notices (titles of one and two lines), a long schedule, a schedule of exactly
    # the rows a page holds, and honour cards, paginated
    layout = Layout.for_size(*size)
    ts = RecordingTypesetter(typesetter.fonts)
    renderer = Renderer(layout, ts, lambda _sha, _box: None)
    two_lines = "关于做好二〇二六年度城乡居民医疗保险集中参保缴费的通知"
    notices = [notice("one", "理论宣讲进社区", LONG_BODY), notice("two", two_lines, LONG_BODY)]
    bulletin = parse_feed(raw_feed(notices=notices, events=events()))
    slides, _ = build_rotation(bulletin, NOW, layout, ts)
    # (rows of one line: as many as a page holds)
    short = [{**e, "title": f"读书会{i}", "venue": "阅览室"} for i, e in enumerate(events())]
    full_page = raw_feed(events=short[: layout.event_rows_per_page])
    slides += build_rotation(parse_feed(full_page), NOW, layout, ts)[0]
    slides += build_rotation(parse_feed(raw_feed(kind="GALLERY", honours=honours("0" * 64))), NOW, layout, ts)[0]
    title_lines = {len(s.title_lines) for s in slides if isinstance(s, NoticeSlide)}
    assert 1 in title_lines and len(title_lines) == 2
    assert layout.event_rows_per_page in {len(s.events) for s in slides if isinstance(s, EventsSlide)}

    for slide in slides:
        # when the renderer draws each page
        frame = Frame(Mode.SHOWING, bulletin.screen, bulletin.brand, "10:00", "2026年11月28日 星期六", slide)
        texts, shapes = drawn_on_the_body(renderer, ts, layout, frame)

        # then all it holds is drawn, and nothing leaves the box pagination filled
        assert all(layout.body.contains(r) for r in shapes), (slide, shapes)
        if isinstance(slide, NoticeSlide):
            block = layout.notice_block(False)
            box, step = block.box, ts.line_step(slide.size)
            assert all(box.contains(t[4]) for t in texts), (slide.key, texts)
            lines = [t for t in texts if t[3] == slide.size and t[0] != slide.notice.category_label]
            assert [t[0] for t in lines] == list(slide.lines)
            assert [t[0] for t in texts if t[3] == slide.title_size] == list(slide.title_lines)
            # and a full page is exactly full: one more line's slot would cross the box's bottom
            if slide.page < slide.pages:
                last_slot_bottom = lines[-1][2] - ts.ascent(slide.size) + step
                assert last_slot_bottom <= box.bottom < last_slot_bottom + step, (slide.key, last_slot_bottom, box)
        elif isinstance(slide, EventsSlide):
            assert all(layout.body.contains(t[4]) for t in texts), (slide.key, texts)
            # each row starts with its day and keeps its weekday: "11月30日 周一", never cut
            days = [t[0] for t in texts if t[0].startswith(tuple(short_date(e.starts_at) for e in slide.events))]
            assert len(days) == len(slide.events)
            assert sum(layout.event_row_height(len(r.title_lines), len(r.venue_lines)) for r in slide.rows) <= (
                layout.event_rows_room
            )
        else:
            boxes = (layout.honour_text_box, layout.honour_photo_box)
            assert all(any(b.contains(t[4]) for b in boxes) for t in texts), (slide.key, texts)
            assert "".join(slide.name_lines) == slide.honour.subject_name
            assert [t[0] for t in texts if t[3] == slide.size and t[0] in slide.lines] == list(slide.lines)


PARAGRAPHS = (
    "为深入贯彻落实市委关于建设城市文化社区的部署要求，社区将于本月开展系列理论宣讲活动，欢迎居民朋友踊跃参加。\n"
    "宣讲团由市委宣传部组织，成员包括党校教师、道德模范和优秀志愿者，以群众喜闻乐见的方式开展宣讲。\n"
    "（活动免费，欢迎携家人参加）"
)


@pytest.mark.parametrize("urgent", [False, True], ids=["card", "emergency"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_notices_paragraphs_are_set_apart(size: tuple[int, int], urgent: bool, tmp_path: Path) -> None:
    # given a notice of three paragraphs, drawn by the kiosk's renderer, its texts recorded
    layout = Layout.for_size(*size)
    ts = RecordingTypesetter(Fonts.discover())
    end = NOW + timedelta(hours=1)
    feed = parse_feed(raw_feed(notices=[notice("p", "理论宣讲进社区", PARAGRAPHS, urgent=urgent, end=end)]))
    slides, _ = build_rotation(feed, NOW, layout, ts)
    slide = slides[0]
    assert isinstance(slide, NoticeSlide) and slide.pages == 1
    surface = pygame.Surface(size)
    Renderer(layout, ts, ImageStore(FeedCache(tmp_path))).draw(
        surface, Frame(Mode.SHOWING, feed.screen, feed.brand, "10:00", "", slide, urgent)
    )

    # then the body's lines are drawn in order, a paragraph's lines a line apart, and between
    # paragraphs half a line more: visibly three paragraphs, not one block
    body = [c for c in ts.calls if c[0] == "text" and c[4] == slide.size and not c[5] and c[1] in PARAGRAPHS]
    assert "".join(c[1] for c in body) == PARAGRAPHS.replace("\n", "")
    steps = [b[3] - a[3] for a, b in itertools.pairwise(body)]
    step = ts.line_step(slide.size)
    ends = [len("".join(c[1] for c in body[: i + 1])) for i in range(len(body))]
    breaks = [i for i, n in enumerate(ends[:-1]) if n in paragraph_ends()]
    assert len(breaks) == 2, ends
    assert all(gap == (step + step // 2 if i in breaks else step) for i, gap in enumerate(steps)), (steps, breaks)
    # and the last paragraph, starting with an opening bracket, has its blank half taken in (行首压缩)
    opening = next(c for c in body if c[1].startswith("（"))
    assert opening[2] < body[0][2] - slide.size // 5


def paragraph_ends() -> set[int]:
    out, n = set(), 0
    for p in PARAGRAPHS.split("\n"):
        n += len(p)
        out.add(n)
    return out
