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
from tests.kiosk.board_samples import (
    ELLIPSIZE,
    GLYPH_PROBES,
    ITEMS,
    QR_EVENTS,
    SCREEN,
    WRAP_TEXTS,
    WRAP_WIDTHS,
)

CASES = Path(__file__).with_name("board_cases.json")
BOARDS = [(1920, 1080), (1080, 1920), (1280, 720)]
NOW = datetime(2026, 5, 14, 9, 30, tzinfo=SHANGHAI)


def units(text: str) -> int:
    """The stand-in metric: an ASCII character is one unit wide, any other two."""
    return sum(1 if ord(ch) < 128 else 2 for ch in text)


def standin(text: str, size: int) -> int:
    """The stand-in metric at a font size: half the size per unit, rounded down."""
    return units(text) * size // 2





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
