"""Drawing one frame: header, the current slide or standby, footer and marks.

A Frame is a plain value; the main loop draws only when it differs from the
last one, so an idle screen costs nothing between clock minutes. A slide's
page (everything but the clock) is rendered once into a surface of its own
and kept, so a redraw is a blit and the minute, whatever the slide holds; the
main loop renders the next slide's page while the current one shows
(`prepare`), so a slide coming round costs no more than a redraw.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from dataclasses import dataclass, replace
from datetime import datetime

import pygame

from qile_kiosk.emergency import draw_band, draw_emergency, emergency_clock_base
from qile_kiosk.feed import SHANGHAI, ScreenInfo
from qile_kiosk.honour_card import HonourCard, ImageLoader
from qile_kiosk.layout import Layout
from qile_kiosk.notice_card import draw_notice
from qile_kiosk.palette import (
    AMBER,
    BRAND_RED,
    GOLD,
    INK,
    LIGHT_GOLD,
    MUTED,
    OFFLINE_GREY,
    PAPER,
    THEME_COLOURS,
    URGENT_RED,
    WHITE,
)
from qile_kiosk.poster_card import PhotoCard, draw_poster, poster_geometry
from qile_kiosk.qr import QrCodes
from qile_kiosk.schedule import WEEKDAYS, draw_schedule, short_date, time_span
from qile_kiosk.slides import EventsSlide, HonourSlide, NoticeSlide, PhotoSlide, PosterSlide, Slide
from qile_kiosk.standby import draw_pairing, draw_standby
from qile_kiosk.state import Mode
from qile_kiosk.typeset import Color, Typesetter

log = logging.getLogger(__name__)

# Pages (frames less their clock) whose pixels are kept: the one before, the slide showing, the next.
FRAME_CACHE = 3

__all__ = ["BRAND_RED", "URGENT_RED", "WEEKDAYS", "Frame", "Renderer", "short_date", "time_span"]


def clock_text(now: datetime) -> str:
    return now.astimezone(SHANGHAI).strftime("%H:%M")


def date_text(now: datetime) -> str:
    local = now.astimezone(SHANGHAI)
    return f"{local.year}年{local.month}月{local.day}日 星期{WEEKDAYS[local.weekday()]}"


def moment_text(when: datetime, now: datetime) -> str:
    """HH:MM today, else the date too: "最后联网 09:58" must not mean yesterday's 09:58."""
    local, today = when.astimezone(SHANGHAI), now.astimezone(SHANGHAI)
    if local.date() == today.date():
        return f"{local:%H:%M}"
    return f"{local.month}月{local.day}日 {local:%H:%M}"


@dataclass(frozen=True)
class Frame:
    mode: Mode
    screen: ScreenInfo | None
    brand: str
    clock: str
    date: str
    slide: Slide | None = None
    urgent: bool = False
    offline_since: str | None = None  # when the API last answered (moment_text), when offline
    status: str | None = None  # a line for the standby screen
    pairing_code: str | None = None
    pairing_url: str | None = None  # the console page where staff enter the code


def offline_text(since: str) -> str:
    return f"离线 · 最后联网 {since}"


class Renderer:
    def __init__(self, layout: Layout, ts: Typesetter, images: ImageLoader) -> None:
        self.honour_card = HonourCard(layout, ts, images)
        self.codes = QrCodes()
        self.photo_card = PhotoCard(layout, ts, images)
        self.images = images
        self.layout = layout
        self.ts = ts
        self._frames: OrderedDict[Frame, tuple[pygame.Surface, list[pygame.Rect]]] = OrderedDict()
        # Surfaces of pages let go, reused: a full-screen allocation costs as much as a blit.
        # All of them are made at the first page (the kept pages and the one being drawn), so
        # a kiosk's memory reaches its level with its first frame and stays there all day.
        self._spare: list[pygame.Surface] = []
        self._pooled = False

    def forget(self) -> None:
        """Photos arrived (or went): frames drawn without them are stale."""
        self._spare.extend(pixels for pixels, _ in self._frames.values())
        del self._spare[FRAME_CACHE + 1 :]
        self._frames.clear()

    def prepare(self, frame: Frame, like: pygame.Surface) -> bool:
        """Render `frame`'s page now, so that drawing it later is a blit; True if there was work.

        For the slide coming next, while the current one shows: the main loop calls this
        in a tick that drew nothing. `like` is the screen (its size and pixel format)."""
        if frame.slide is None or frame.mode is Mode.PAIRING:
            return False
        if isinstance(frame.slide, PosterSlide) and self._poster(frame.slide) is None:
            return False  # drawn as its text slide when its turn comes
        key = replace(frame, clock="")
        if key in self._frames:
            return False
        self._render_page(key, frame, frame.slide, like)
        return True

    def accent(self, frame: Frame) -> Color:
        name = frame.screen.theme_name if frame.screen else None
        return THEME_COLOURS.get(name or "", BRAND_RED)

    def draw(self, surface: pygame.Surface, frame: Frame) -> None:
        self.ts.drawn.clear()
        lay, slide = self.layout, frame.slide
        if frame.mode is Mode.PAIRING and frame.pairing_code:
            draw_pairing(
                surface,
                lay,
                self.ts,
                frame.brand,
                frame.pairing_code,
                frame.clock,
                frame.status,
                frame.pairing_url,
                self.codes,
            )
            return
        if slide is None:
            draw_standby(
                surface,
                lay,
                self.ts,
                frame.brand,
                frame.screen,
                frame.clock,
                frame.date,
                frame.status,
                self.accent(frame),
            )
            if frame.offline_since is not None:
                # The status line holds the bottom: the mark goes to the top right.
                self._offline_mark(surface, frame.offline_since, lay.safe.right, lay.safe.y)
            return
        if isinstance(slide, PosterSlide) and self._poster(slide) is None:
            # The poster cannot be drawn after all: its text slide, never a blank screen.
            frame = replace(frame, slide=slide.fallback)
            slide = slide.fallback
        # Everything but the clock comes from the page, rendered now unless it was before.
        key = replace(frame, clock="")
        page = self._frames.get(key)
        if page is None:
            page = self._render_page(key, frame, slide, surface)
        self._frames.move_to_end(key)
        surface.blit(page[0], (0, 0))
        self.ts.drawn.extend(page[1])
        self._clock(surface, frame, slide)

    def _render_page(
        self, key: Frame, frame: Frame, slide: Slide, like: pygame.Surface
    ) -> tuple[pygame.Surface, list[pygame.Rect]]:
        """Draw a page into a surface of its own and keep it, with the text boxes drawn on it."""
        if not self._pooled:
            self._spare = [like.copy() for _ in range(FRAME_CACHE + 1)]
            self._pooled = True
        pixels = self._spare.pop() if self._spare else like.copy()
        outer, self.ts.drawn = self.ts.drawn, []
        try:
            self._page(pixels, frame, slide)
            page = (pixels, self.ts.drawn)
        except Exception:
            self._spare.append(pixels)
            raise
        finally:
            self.ts.drawn = outer
        self._frames[key] = page
        while len(self._frames) > FRAME_CACHE:
            self._spare.append(self._frames.popitem(last=False)[1][0])
        return page

    def _page(self, surface: pygame.Surface, frame: Frame, slide: Slide) -> None:
        """A slide's frame without its clock: emergency mode, or header, slide and footer."""
        lay = self.layout
        if isinstance(slide, PosterSlide):
            image = self._poster(slide)
            assert image is not None, "checked in draw"
            geometry = poster_geometry(lay, self.ts, slide.title)
            offline = offline_text(frame.offline_since) if frame.offline_since is not None else None
            draw_poster(surface, lay, self.ts, image, geometry, self.accent(frame), offline)
            return
        if isinstance(slide, NoticeSlide) and slide.notice.urgent:
            surface.fill(URGENT_RED)
            draw_emergency(surface, lay, self.ts, slide)
            draw_band(surface, lay, self.ts)
            self._footer(surface, frame, URGENT_RED, WHITE)
            return
        accent = self.accent(frame)
        surface.fill(PAPER)
        self._header(surface, frame, accent)
        self._slide(surface, slide, accent)
        self._footer(surface, frame, accent, MUTED)

    def _clock(self, surface: pygame.Surface, frame: Frame, slide: Slide) -> None:
        """The minute, drawn over its box in the band it sits on (the rest came from the cache)."""
        lay, ts = self.layout, self.ts
        size = lay.clock_size
        if isinstance(slide, PosterSlide):
            return  # the poster has the whole screen
        if isinstance(slide, NoticeSlide) and slide.notice.urgent:
            right, base, ground, ink = lay.safe.right, emergency_clock_base(lay, ts), AMBER, INK
        else:
            right, base, ground, ink = lay.header.right, self._name_base(), self.accent(frame), WHITE
        w = self._clock_width()
        pygame.draw.rect(surface, ground, pygame.Rect(right - w, base - ts.ascent(size, True), w, ts.line_step(size)))
        ts.draw_right(surface, frame.clock, right, base, size, ink, True)

    def _clock_width(self) -> int:
        """The widest a clock can be: its box is cleared and the header's name kept clear of it."""
        size = self.layout.clock_size
        return max(self.ts.measure(f"{d}{d}:{d}{d}", size, True) for d in "0123456789")

    def _name_base(self) -> int:
        return self.layout.header.y + self.ts.ascent(self.layout.header_name_size, True)

    def _slide(self, surface: pygame.Surface, slide: Slide, accent: Color) -> None:
        if isinstance(slide, NoticeSlide):
            draw_notice(surface, self.layout, self.ts, slide, accent, self.codes)
        elif isinstance(slide, EventsSlide):
            draw_schedule(surface, self.layout, self.ts, slide, accent, self.codes)
        elif isinstance(slide, HonourSlide):
            self.honour_card.draw(surface, slide, accent)
        elif isinstance(slide, PhotoSlide):
            self.photo_card.draw(surface, slide, accent)

    def _poster(self, slide: PosterSlide) -> pygame.Surface | None:
        """The poster fitted whole into its box (the loader keeps its shape), or None."""
        box = poster_geometry(self.layout, self.ts, slide.title).image_box
        return self.images(slide.photo.sha256, box.size)

    # Header and footer -----------------------------------------------------
    def _header(self, surface: pygame.Surface, frame: Frame, accent: Color) -> None:
        lay, ts = self.layout, self.ts
        # The band bleeds to the screen's edges; its text stays in the safe area.
        pygame.draw.rect(surface, accent, lay.header_band)
        pygame.draw.rect(surface, GOLD, lay.header_rule)
        h = lay.header
        name = frame.screen.community if frame.screen else ""
        theme = (frame.screen.theme_label or "") if frame.screen else ""
        name_base = self._name_base()
        room = h.right - self._clock_width() - h.x - lay.gap
        if lay.portrait:
            row2 = name_base + ts.line_step(lay.header_name_size)
            size = ts.fit_size(name, room, lay.header_name_size, lay.small_size * 2 // 3, True)
            ts.draw(surface, name, (h.x, name_base), size, WHITE, True)
            date_rect = ts.draw_right(surface, frame.date, h.right, row2, lay.small_size, WHITE)
            size = ts.fit_size(theme, date_rect.x - h.x - lay.gap, lay.small_size, lay.small_size * 2 // 3)
            ts.draw(surface, theme, (h.x, row2), size, LIGHT_GOLD)
            return
        second = name_base + lay.header_second_line
        brand_w = ts.measure(frame.brand, lay.header_name_size, True)
        brand_left = h.centerx - brand_w // 2
        name_w = ts.measure(name, lay.header_name_size, True)
        if name_w + lay.gap <= brand_left - h.x:
            ts.draw_centred(
                surface,
                frame.brand,
                h.centerx,
                name_base + lay.header_brand_drop,
                lay.header_name_size,
                LIGHT_GOLD,
                True,
            )
        else:
            # A long community name takes the brand's place (standby shows the brand).
            name_w = 0
        floor = lay.small_size * 2 // 3
        size = lay.header_name_size if name_w else ts.fit_size(name, room, lay.header_name_size, floor, True)
        ts.draw(surface, name, (h.x, name_base), size, WHITE, True)
        ts.draw_right(surface, frame.date, h.right, second, lay.small_size, WHITE)
        ts.draw(surface, theme, (h.x, second), lay.small_size, LIGHT_GOLD)

    def _footer(self, surface: pygame.Surface, frame: Frame, accent: Color, ink: Color) -> None:
        """Where the screen is on the left; the offline mark, then the page count, from the right."""
        lay, ts = self.layout, self.ts
        f = lay.footer
        base = f.y + ts.ascent(lay.small_size)
        right = f.right
        if frame.offline_since is not None:
            right = self._offline_mark(surface, frame.offline_since, right, f.bottom - ts.line_step(lay.small_size))
            right -= lay.footer_pages_gap
        slide = frame.slide
        pages = getattr(slide, "pages", 1)
        if pages > 1:
            right = ts.draw_right(surface, f"第 {slide.page}/{pages} 页", right, base, lay.small_size, ink).x  # type: ignore[union-attr]
            right -= lay.footer_pages_gap
        if lay.portrait and ink is MUTED:
            ts.draw(surface, frame.brand, (f.x, base), lay.small_size, accent, True)
        elif frame.screen:
            s = frame.screen
            # The emergency footer names the community and the screen (it has no header).
            forms = [f"{s.district} · {s.subdistrict}"] if ink is MUTED else [f"{s.community} · {s.name}", s.community]
            fitted = ts.first_fitting(forms, right - f.x - lay.gap, lay.small_size, lay.small_size * 2 // 3)
            if fitted is not None:
                ts.draw(surface, fitted[0], (f.x, base), fitted[1], ink)

    def _offline_mark(self, surface: pygame.Surface, since: str, right: int, top: int) -> int:
        """The grey pill saying since when the screen is offline; returns its left edge."""
        lay, ts = self.layout, self.ts
        text = offline_text(since)
        size = lay.small_size
        w = ts.measure(text, size) + lay.pill_pad
        h = ts.line_step(size)
        box = pygame.Rect(right - w, top, w, h)
        pygame.draw.rect(surface, OFFLINE_GREY, box, border_radius=h // 2)
        ts.draw(surface, text, (box.x + lay.pill_inset, ts.centred_baseline(box, size)), size, WHITE)
        return box.x
