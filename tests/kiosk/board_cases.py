"""The kiosk's text layout as data: the table the console's board preview is held to.

The staff console mirrors the kiosk's wrapping, layout and drawing in
TypeScript (services/console/src/lib/kiosk*.ts) so that an editor sees a
notice, an honour or an event as a screen will show it. Two implementations
of one set of rules drift unless something ties them together: this module
runs the kiosk's own code over fixed samples and writes what it produced to
board_cases.json, which both sides test against.

- tests/kiosk/test_board_cases.py: the kiosk still produces this table. A
  changed rule fails there first; regenerate, then make the console agree.
- services/console/tests/unit/kiosk*.test.ts: the TypeScript port produces
  the same lines and the same drawing (text, position, size, colour, boxes)
  with a stand-in font metric, since Node has no fonts to measure with.
- services/console/e2e/preview.mjs: the preview in Chromium, measuring with
  Noto Sans CJK as the kiosk does, draws the same lines as the kiosk.

Besides texts, rectangles, circles and QR boxes, a frame records what the
screen is filled with and where each photo or poster is blitted, so that a
poster fitted whole and letterboxed is compared too, not only its title.

Regenerate with: .venv/bin/python -m tests.kiosk.board_cases
"""

from __future__ import annotations

import inspect
import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame

from qile_kiosk.feed import BRAND, SHANGHAI, ActivityPhoto, Event, Feed, Honour, Image, Notice, Photo, ScreenInfo
from qile_kiosk.fonts import Fonts
from qile_kiosk.layout import Layout
from qile_kiosk.qr import encode
from qile_kiosk.qr_layout import QUIET_ZONE
from qile_kiosk.render import Frame, Renderer, clock_text, date_text
from qile_kiosk.slides import (
    Slide,
    bulletin_slides,
    event_slides,
    gallery_slides,
    honour_slides,
    notice_slides,
    with_events_below,
)
from qile_kiosk.state import Mode
from qile_kiosk.textwrap_zh import COMPRESS_AT_START, ellipsize, wrap
from qile_kiosk.typeset import Typesetter

CASES = Path(__file__).with_name("board_cases.json")
BOARDS = [(1920, 1080), (1080, 1920), (1280, 720)]
NOW = datetime(2026, 5, 14, 9, 30, tzinfo=SHANGHAI)


def units(text: str) -> int:
    """The stand-in metric: an ASCII character is one unit wide, any other two."""
    return sum(1 if ord(ch) < 128 else 2 for ch in text)


def standin(text: str, size: int) -> int:
    """The stand-in metric at a font size: half the size per unit, rounded down."""
    return units(text) * size // 2


PARAGRAPHS = (
    "近期冒充电商客服以“退款”“理赔”为由实施诈骗的案件多发。凡是要求下载陌生软件、开启屏幕共享、"
    "向“安全账户”转账的，都是诈骗！如有疑问请拨打全国反诈专线96110，或向社区民警咨询（24小时）。"
    "《淄博市城市文化社区建设实施方案》：「里仁为美」，齐乐融融；守好钱袋子？一家人都安心。"
)

WRAP_TEXTS = [
    PARAGRAPHS,
    "一二三四五，好",
    "一二三四《书名》",
    "第一段\n\n第二段\r\n第三段",
    "https://example.org/a/very/long/path",
    "通知" + "—" * 12 + "结束",
    "……" * 8,
    "电话12345678，号码1234567890。",
    "请扫码下载APP：www.zibo.gov.cn 查询（9:00-17:00）",
]
WRAP_WIDTHS = [8, 10, 13, 20, 31]
ELLIPSIZE = [("家门口招聘会", 8), ("招聘会", 8), ("好邻居王秀兰同志", 9), ("abc", 0), ("齐", 1)]

LONG_BODY = (
    "为深入贯彻落实市委关于建设城市文化社区的部署要求，社区将于本月开展“党的声音进万家”系列理论宣讲活动。\n"
    "宣讲团由市委宣传部组织，成员包括党校教师、道德模范和优秀志愿者，围绕社会主义核心价值观、美德健康新生活、"
    "移风易俗等主题，以群众喜闻乐见的方式开展宣讲。（活动免费，欢迎携家人参加）\n"
) * 3

# The samples, in the console's own field names (what BoardPreview takes).
ITEMS: dict[str, dict[str, Any]] = {
    "notice-short": {
        "kind": "notice",
        "fields": {
            "title": "3号楼周四上午停水",
            "body": "周四8:00至12:00停水检修，请提前储水。",
            "categoryLabel": "便民服务",
            "urgent": False,
            "displayStart": "2026-05-13T09:30:00+08:00",
        },
    },
    "notice-long-title": {
        "kind": "notice",
        "fields": {
            "title": "关于做好二〇二六年度城乡居民医疗保险集中参保缴费的通知",
            "body": LONG_BODY,
            "categoryLabel": "政策宣传",
            "urgent": False,
            "displayStart": "2026-05-13T09:30:00+08:00",
        },
    },
    "notice-urgent": {
        "kind": "notice",
        "fields": {
            "title": "暴雨橙色预警：今晚请勿外出，远离河道和地下通道",
            "body": "气象台发布暴雨橙色预警。请居民关好门窗，低洼处车辆及时转移。\n"
            "如遇险情请拨打119或社区值班电话0533-1234567。",
            "categoryLabel": "通知公告",
            "urgent": True,
            "displayStart": "2026-05-13T09:30:00+08:00",
        },
    },
    "notice-latin": {
        "kind": "notice",
        "fields": {
            "title": "反诈专线96110，APP请认准官方渠道",
            "body": "登录https://www.zibo.gov.cn/fanzha/2026/notice.html查看全文。😀",
            "categoryLabel": "防诈骗",
            "urgent": False,
            "displayStart": "2026-05-13T09:30:00+08:00",
        },
    },
    "honour-monogram": {
        "kind": "honour",
        "fields": {
            "title": "好邻居",
            "subjectName": "王秀兰",
            "citation": "十年如一日照顾独居的邻居李大爷，每天送饭、陪聊，带他看病复查，邻里们都说：“远亲不如近邻。”",
            "year": 2025,
            "photo": None,
        },
    },
    "honour-photo-long": {
        "kind": "honour",
        "fields": {
            "title": "最美志愿服务家庭",
            "subjectName": "张店区车站街道工盛社区李建国同志一家",
            "citation": (
                "二十年来坚持为社区孤寡老人义务理发、修理家电，组织志愿服务队开展助老、助残、助学活动三百余次，"
                "带动身边两百多名居民加入志愿者队伍。"
            )
            * 3,
            "year": 2025,
            "photo": {"url": "photo.jpg", "width": 300, "height": 400},
        },
    },
    "event-short": {
        "kind": "event",
        "fields": {
            "title": "亲子阅读分享会",
            "venue": "社区图书阅览室",
            "startsAt": "2026-05-16T09:00:00+08:00",
            "endsAt": "2026-05-16T11:00:00+08:00",
            "largeScale": False,
        },
    },
    "event-long": {
        "kind": "event",
        "fields": {
            "title": "“我们的节日·端午”包粽子、做香囊、诵经典亲子民俗文化体验活动",
            "venue": "党群服务中心二楼多功能厅（东侧电梯上楼右转）",
            "startsAt": "2026-05-30T14:30:00+08:00",
            "endsAt": "2026-05-31T16:30:00+08:00",
            "largeScale": True,
        },
    },
}

# Events with their resident pages, as the API gives them: the schedule with a code per row,
# and (portrait) under a short notice. Addresses of the length the tiles are sized for.
QR_EVENTS: list[dict[str, Any]] = [
    {
        "title": "“我们的节日·端午”包粽子、做香囊亲子民俗体验",
        "venue": "党群服务中心二楼多功能厅",
        "startsAt": "2026-05-30T14:30:00+08:00",
        "endsAt": "2026-05-30T16:30:00+08:00",
        "largeScale": True,
        "publicUrl": "https://qile.example.cn/e/123456?s=12345",
    },
    {
        "title": "太极拳晨练",
        "venue": "社区文化广场",
        "startsAt": "2026-05-15T07:00:00+08:00",
        "endsAt": "2026-05-15T08:00:00+08:00",
        "largeScale": False,
        "publicUrl": "http://127.0.0.1:8000/e/7?s=3",
    },
    # No address (an older API's): skipped under a notice; its row keeps the code's place light.
    {
        "title": "书法兴趣班",
        "venue": "老年活动室",
        "startsAt": "2026-05-16T09:00:00+08:00",
        "endsAt": "2026-05-16T11:00:00+08:00",
        "largeScale": False,
        "publicUrl": None,
    },
    {
        "title": "家门口招聘会",
        "venue": "社区服务大厅",
        "startsAt": "2026-05-18T09:00:00+08:00",
        "endsAt": "2026-05-18T12:00:00+08:00",
        "largeScale": False,
        "publicUrl": "https://qile.example.cn/e/123457?s=12345",
    },
]
ITEMS["event-qr"] = {"kind": "event", "fields": QR_EVENTS[0]}
# Items with an image (a poster or an activity photo, as ContentImageFields gives it): a poster takes
# the whole screen, fitted whole, its title along the bottom edge; an activity photo goes to galleries.
PORTRAIT_POSTER = {"url": "poster-portrait.jpg", "width": 600, "height": 850, "kind": "POSTER"}
ITEMS["notice-poster-portrait"] = {
    "kind": "notice",
    "fields": {**ITEMS["notice-short"]["fields"], "title": "邻里节海报：欢迎全家参加", "image": PORTRAIT_POSTER},
}
ITEMS["notice-poster-long-title"] = {
    "kind": "notice",
    "fields": {
        **ITEMS["notice-long-title"]["fields"],
        "title": "“我们的节日·端午”邻里文化节暨二〇二六年度社区志愿服务表彰大会、百家宴、游园和才艺表演活动通知",
        "image": {"url": "poster-square.jpg", "width": 1200, "height": 1200, "kind": "POSTER"},
    },
}
ITEMS["event-poster-landscape"] = {
    "kind": "event",
    "fields": {
        **ITEMS["event-short"]["fields"],
        "image": {"url": "poster-landscape.jpg", "width": 1600, "height": 900, "kind": "POSTER"},
    },
}
ITEMS["event-photo"] = {
    "kind": "event",
    "fields": {
        **ITEMS["event-long"]["fields"],
        "image": {"url": "photo-landscape.jpg", "width": 1600, "height": 1067, "kind": "PHOTO"},
    },
}
ITEMS["notice-photo-portrait"] = {
    "kind": "notice",
    "fields": {
        **ITEMS["notice-short"]["fields"],
        "title": "重阳节敬老宴圆满举办",
        "image": {"url": "photo-portrait.jpg", "width": 1000, "height": 1500, "kind": "PHOTO"},
    },
}
# A short notice and the coming events a bulletin screen has: portrait shows them under the card.
ITEMS["notice-events-below"] = {
    "kind": "notice",
    "fields": ITEMS["notice-short"]["fields"],
    "events": QR_EVENTS,
}

SCREEN = {
    "name": "样屏",
    "community": "工盛社区",
    "themeLabel": "齐有爱·文明社区",
    "themeName": "齐有爱",
    "subdistrict": "车站街道",
    "district": "张店区",
}

# Characters the preview must leave out exactly where the kiosk's font has no glyph.
GLYPH_PROBES = "齐乐😀👍🎉❤★☆✓©®™①№→←♥☎✈⚠♻🆗🈶🌸🚗🆬🆭🉑🉒🇨🇳⌚☔𝐀\u200b\ufe0f\t\u00a0\u2028\u00ad𠀀𪚥"


class RecordingTypesetter(Typesetter):
    """The kiosk's typesetter, recording every text it draws; optionally with the stand-in metric."""

    def __init__(self, fonts: Fonts, metric: Callable[[str, int], int] | None = None) -> None:
        super().__init__(fonts)
        self.metric = metric
        self.calls: list[list[Any]] = []

    def _measure(self, text: str, size: int, bold: bool = False) -> int:
        if self.metric is None:
            return super()._measure(text, size, bold)
        return self.metric(text, size) if text else 0

    def draw(self, *args: Any, **kwargs: Any) -> pygame.Rect:
        # Bound as the kiosk calls it (positionally or by name); recorded as drawn (cleaned).
        given = _DRAW.bind(self, *args, **kwargs)
        given.apply_defaults()
        v = given.arguments
        cleaned = self.clean(v["text"], v["bold"])
        if cleaned:
            self.calls.append(["text", cleaned, *v["pos"], v["size"], v["bold"], hex_colour(v["color"])])
        return super().draw(*args, **kwargs)

    def reserve(self, box: pygame.Rect, what: str) -> None:
        # A QR code: its box among the texts', with what it encodes where a text would be.
        self.calls.append(["box", what, box.x, box.y, box.w, box.h])
        super().reserve(box, what)


_DRAW = inspect.signature(Typesetter.draw)


def hex_colour(color: Any) -> str:
    r, g, b = tuple(color)[:3]
    return f"#{r:02x}{g:02x}{b:02x}"


class LoadedImage(pygame.Surface):
    """A photo or poster as the kiosk's ImageStore gives it: its blits are recorded."""


class RecordingSurface(pygame.Surface):
    """The screen (and the pages copied from it): records its fill and the photos blitted onto it."""

    calls: list[list[Any]] | None = None  # set while recording_shapes records

    def fill(self, color: Any, *args: Any, **kwargs: Any) -> pygame.Rect:
        if RecordingSurface.calls is not None and not args and not kwargs:
            RecordingSurface.calls.append(["fill", hex_colour(color)])
        return super().fill(color, *args, **kwargs)

    def blit(self, source: pygame.Surface, dest: Any, *args: Any, **kwargs: Any) -> pygame.Rect:
        if RecordingSurface.calls is not None and isinstance(source, LoadedImage):
            at = pygame.Rect(dest) if isinstance(dest, pygame.Rect) else pygame.Rect(dest[0], dest[1], 0, 0)
            RecordingSurface.calls.append(["image", at.x, at.y, source.get_width(), source.get_height()])
        return super().blit(source, dest, *args, **kwargs)


@contextmanager
def recording_shapes(calls: list[list[Any]]) -> Iterator[None]:
    """Record pygame's rectangles and circles, fills and photos, in drawing order with the texts."""
    rect, circle = pygame.draw.rect, pygame.draw.circle
    RecordingSurface.calls = calls

    def rec_rect(surface: pygame.Surface, color: Any, r: Any, width: int = 0, border_radius: int = 0) -> pygame.Rect:
        box = pygame.Rect(r)
        calls.append(["rect", box.x, box.y, box.w, box.h, hex_colour(color), border_radius, width])
        return rect(surface, color, box, width, border_radius=border_radius)

    def rec_circle(surface: pygame.Surface, color: Any, centre: Any, radius: float, width: int = 0) -> pygame.Rect:
        calls.append(["circle", int(centre[0]), int(centre[1]), int(radius), hex_colour(color), width])
        return circle(surface, color, centre, radius, width)

    pygame.draw.rect, pygame.draw.circle = rec_rect, rec_circle  # type: ignore[assignment]
    try:
        yield
    finally:
        pygame.draw.rect, pygame.draw.circle = rect, circle  # type: ignore[assignment]
        RecordingSurface.calls = None


def fitted_photo(photo: dict[str, Any] | None) -> Callable[[str, tuple[int, int]], pygame.Surface | None]:
    """As the kiosk's ImageStore scales a photo (or poster) into its box (images.py)."""

    def load(_sha: str, box: tuple[int, int]) -> pygame.Surface | None:
        if photo is None:
            return None
        w, h = photo["width"], photo["height"]
        scale = min(box[0] / w, box[1] / h)
        return LoadedImage((max(1, round(w * scale)), max(1, round(h * scale))))

    return load


def kiosk_event(name: str, f: dict[str, Any]) -> Event:
    starts, ends = datetime.fromisoformat(f["startsAt"]), datetime.fromisoformat(f["endsAt"])
    url = f.get("publicUrl")
    return Event(name, f["title"], "文化活动", f["venue"], starts, ends, "社区", f["largeScale"], url, kiosk_image(f))


def kiosk_image(f: dict[str, Any]) -> Image | None:
    i = f.get("image")
    return Image(i["kind"] == "POSTER", Photo(i["url"], i["width"], i["height"], "1" * 64)) if i else None


def kiosk_item(name: str) -> Notice | Honour | Event:
    kind, f = ITEMS[name]["kind"], ITEMS[name]["fields"]
    if kind == "notice":
        start = datetime.fromisoformat(f["displayStart"])
        image = kiosk_image(f)
        return Notice(name, f["title"], f["body"], f["categoryLabel"], 0, f["urgent"], start, None, image=image)
    if kind == "honour":
        p = f["photo"]
        photo = Photo(p["url"], p["width"], p["height"], "0" * 64) if p else None
        return Honour(name, f["title"], "PERSON", f["subjectName"], f["citation"], f["year"], photo)
    return kiosk_event(name, f)


def coming_events(name: str) -> list[Event]:
    """The events the screen has beside the sample, in the order a feed's current_events gives."""
    events = [kiosk_event(f"{name}-{i}", f) for i, f in enumerate(ITEMS[name].get("events", []))]
    return sorted(events, key=lambda e: e.starts_at)


def _usable(_sha256: str) -> bool:
    return True  # the sample's image is in the cache


def image_slides(item: Notice | Event, screen: ScreenInfo, layout: Layout, ts: Typesetter) -> list[tuple[Slide, str]]:
    """An item with an image, through the kiosk's own rotation: a bulletin's slides (its poster
    instead of a notice's text; an event's after the schedule), and for an activity photo a
    gallery's photo slide, captioned as the API captions it (the title; display start or start)."""
    bulletin = Feed("cases", BRAND, replace(screen, kind="BULLETIN"))
    bulletin = replace(bulletin, notices=(item,)) if isinstance(item, Notice) else replace(bulletin, events=(item,))
    out = [(s, "BULLETIN") for s in bulletin_slides(bulletin, NOW, layout, ts, _usable)]
    if item.image is not None and not item.image.poster:
        when = item.display_start if isinstance(item, Notice) else item.starts_at
        photo = ActivityPhoto(item.id, item.title, when, item.image.photo)
        gallery = Feed("cases", BRAND, replace(screen, kind="GALLERY"), photos=(photo,))
        out += [(s, "GALLERY") for s in gallery_slides(gallery, layout, ts, _usable)]
    return out


def slides_of(item: Notice | Honour | Event, layout: Layout, ts: Typesetter) -> list[Slide]:
    if isinstance(item, Notice):
        pages = notice_slides(item, layout, ts)
        # As build_rotation does: in portrait, the coming events under a notice that leaves room.
        if layout.portrait and not item.urgent:
            events = coming_events(item.id)
            pages = [with_events_below(p, events, layout, ts) for p in pages]
        return list(pages)
    if isinstance(item, Honour):
        return list(honour_slides(item, layout, ts))
    return list(event_slides([item], layout, ts))


def frames(fonts: Fonts, metric: Callable[[str, int], int] | None) -> list[dict[str, Any]]:
    """Every page of every sample on every board, as the kiosk's renderer draws it."""
    out = []
    for width, height in BOARDS:
        layout = Layout.for_size(width, height)
        surface = RecordingSurface((width, height))
        for name, sample in ITEMS.items():
            ts = RecordingTypesetter(fonts, metric)
            photo = sample["fields"].get("photo") or sample["fields"].get("image")
            renderer = Renderer(layout, ts, fitted_photo(photo))
            item = kiosk_item(name)
            kind = "GALLERY" if sample["kind"] == "honour" else "BULLETIN"
            screen = ScreenInfo(
                SCREEN["name"],
                kind,
                "大厅",
                SCREEN["community"],
                SCREEN["themeLabel"],
                SCREEN["themeName"],
                SCREEN["subdistrict"],
                SCREEN["district"],
            )
            if isinstance(item, Honour) or item.image is None:
                slides = [(s, kind) for s in slides_of(item, layout, ts)]
            else:
                slides = image_slides(item, screen, layout, ts)
            # `page`: the preview's page, one per slide in rotation order (a notice's pages, a poster …).
            for page, (slide, on) in enumerate(slides, 1):
                urgent = isinstance(item, Notice) and item.urgent
                shown = replace(screen, kind=on)
                frame = Frame(Mode.SHOWING, shown, BRAND, clock_text(NOW), date_text(NOW), slide, urgent)
                ts.calls = []
                with recording_shapes(ts.calls):
                    renderer.draw(surface, frame)
                record = {"board": f"{width}x{height}", "item": name, "page": page, "draws": ts.calls}
                out.append(record if on == kind else {**record, "screen": on})
    return out


def layouts() -> dict[str, Any]:
    out = {}
    for width, height in BOARDS:
        lay = Layout.for_size(width, height)
        out[f"{width}x{height}"] = {
            "unit": lay.unit,
            "portrait": lay.portrait,
            "safe": list(lay.safe),
            "header": list(lay.header),
            "body": list(lay.body),
            "footer": list(lay.footer),
            "titleSize": lay.title_size,
            "bodySize": lay.body_size,
            "smallSize": lay.small_size,
            "headerNameSize": lay.header_name_size,
            "clockSize": lay.clock_size,
            "gap": lay.gap,
            "noticeWidth": lay.notice_text.w,
            "noticeLinesPerPage": [
                lay.notice_block(False).lines_per_page(n, lay.title_size, lay.body_size) for n in (1, 2)
            ],
            "eventRowsPerPage": lay.event_rows_per_page,
            "eventRowHeight": lay.event_row_height(1, 1),
            "qrModule": lay.qr_module,
            "qrTile": lay.qr_tile,
            "eventQrRowHeight": lay.event_row_height(1, 1, qr=True),
        }
    return out


def build(fonts: Fonts) -> dict[str, Any]:
    ts = Typesetter(fonts)
    standin_frames, font_frames = frames(fonts, standin), frames(fonts, None)
    # Every size drawn, so that the console's port knows its baselines and bearings.
    sizes = sorted({d[4] for f in standin_frames + font_frames for d in f["draws"] if d[0] == "text"})
    return {
        "about": "Generated by tests/kiosk/board_cases.py from the kiosk's own code; do not edit by hand.",
        "font": {"regular": ts._regular.name, "bold": ts._bold.name},
        "now": NOW.isoformat(),
        "brand": BRAND,
        "screen": SCREEN,
        "wrap": [{"text": t, "width": w, "lines": wrap(t, w, units)} for t in WRAP_TEXTS for w in WRAP_WIDTHS],
        "ellipsize": [{"text": t, "width": w, "result": ellipsize(t, w, units)} for t, w in ELLIPSIZE],
        "metrics": {str(s): [ts.ascent(s), ts.descent(s), ts.ascent(s, True), ts.descent(s, True)] for s in sizes},
        # Where the ink of an opening bracket starts (regular, bold): a line starting with one is
        # drawn that much to the left (行首压缩), whatever metric measures the widths.
        "bearings": {
            "chars": "".join(sorted(COMPRESS_AT_START)),
            "sizes": {
                str(s): [[ts.face(b).get_rect(ch, size=s).x for b in (False, True)] for ch in sorted(COMPRESS_AT_START)]
                for s in sizes
            },
        },
        "glyphs": {
            "probe": GLYPH_PROBES,
            "cleaned": ts.clean(GLYPH_PROBES),
            "cleanedBold": ts.clean(GLYPH_PROBES, True),
        },
        "layouts": layouts(),
        # Modules a side of each sample address's code as the kiosk encodes it (qr.py), quiet
        # zone included: the preview's encoder (uqr) picks the same version. Its mask may differ
        # (the encoders score masks differently): both codes read back as the address.
        "qrModules": {
            e["publicUrl"]: encode(e["publicUrl"]).symbol_size(border=QUIET_ZONE)[0]
            for e in QR_EVENTS
            if e["publicUrl"]
        },
        "items": ITEMS,
        # With the stand-in metric: what the console's unit tests reproduce exactly.
        "standinFrames": standin_frames,
        # With the real font: what the preview in a browser with Noto Sans CJK reproduces.
        "fontFrames": font_frames,
    }


def dump(cases: dict[str, Any]) -> str:
    """One line per case, so that a changed rule shows as a readable diff."""

    def compact(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    parts = []
    for key, value in cases.items():
        if isinstance(value, list):
            body = ",\n  ".join(compact(v) for v in value)
            parts.append(f"{compact(key)}: [\n  {body}\n ]")
        elif isinstance(value, dict) and key in ("layouts", "items", "metrics"):
            body = ",\n  ".join(f"{compact(k)}: {compact(v)}" for k, v in value.items())
            parts.append(f"{compact(key)}: {{\n  {body}\n }}")
        else:
            parts.append(f"{compact(key)}: {compact(value)}")
    return "{\n " + ",\n ".join(parts) + "\n}\n"


if __name__ == "__main__":
    CASES.write_text(dump(build(Fonts.discover())), encoding="utf-8")
    print(f"wrote {CASES}")
