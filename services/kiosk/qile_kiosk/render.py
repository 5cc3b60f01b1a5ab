"""Drawing one frame: header, the current slide or standby, footer and marks.

A Frame is a plain value; the main loop draws only when it differs from the
last one, so an idle screen costs nothing between clock minutes.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

import pygame

from qile_kiosk.feed import BRAND, SHANGHAI, ScreenInfo
from qile_kiosk.honour_card import HonourCard, ImageLoader
from qile_kiosk.layout import Layout
from qile_kiosk.palette import (
    BRAND_RED,
    GOLD,
    INK,
    MUTED,
    PAPER,
    ROW_SHADE,
    THEME_COLOURS,
    URGENT_RED,
    WHITE,
)
from qile_kiosk.slides import EventsSlide, HonourSlide, NoticeSlide, Slide
from qile_kiosk.state import Mode
from qile_kiosk.typeset import Color, Typesetter

log = logging.getLogger(__name__)

WEEKDAYS = "一二三四五六日"


def clock_text(now: datetime) -> str:
    return now.astimezone(SHANGHAI).strftime("%H:%M")


def date_text(now: datetime) -> str:
    local = now.astimezone(SHANGHAI)
    return f"{local.year}年{local.month}月{local.day}日 星期{WEEKDAYS[local.weekday()]}"


def short_date(when: datetime) -> str:
    local = when.astimezone(SHANGHAI)
    return f"{local.month}月{local.day}日 周{WEEKDAYS[local.weekday()]}"


def time_span(start: datetime, end: datetime) -> str:
    a, b = start.astimezone(SHANGHAI), end.astimezone(SHANGHAI)
    if a.date() != b.date():
        return f"{a:%H:%M}起"
    return f"{a:%H:%M}–{b:%H:%M}"


@dataclass(frozen=True)
class Frame:
    mode: Mode
    screen: ScreenInfo | None
    brand: str
    clock: str
    date: str
    slide: Slide | None = None
    urgent: bool = False
    offline_since: str | None = None  # HH:MM of the last update, when offline
    status: str | None = None  # a line for the standby screen
    pairing_code: str | None = None


class Renderer:
    def __init__(self, layout: Layout, ts: Typesetter, images: ImageLoader) -> None:
        self.honour_card = HonourCard(layout, ts, images)
        self.layout = layout
        self.ts = ts

    def accent(self, frame: Frame) -> Color:
        if frame.urgent:
            return URGENT_RED
        name = frame.screen.theme_name if frame.screen else None
        return THEME_COLOURS.get(name or "", BRAND_RED)

    def draw(self, surface: pygame.Surface, frame: Frame) -> None:
        self.ts.drawn.clear()
        if frame.mode is Mode.PAIRING and frame.pairing_code:
            self._pairing(surface, frame)
        elif frame.slide is None:
            self._standby(surface, frame)
        else:
            surface.fill(PAPER)
            self._header(surface, frame)
            if isinstance(frame.slide, NoticeSlide):
                self._notice(surface, frame, frame.slide)
            elif isinstance(frame.slide, EventsSlide):
                self._events(surface, frame, frame.slide)
            else:
                self._honour(surface, frame, frame.slide)
            self._footer(surface, frame)
        if frame.offline_since is not None:
            self._offline_mark(surface, frame.offline_since)

    # Header and footer -----------------------------------------------------
    def _header(self, surface: pygame.Surface, frame: Frame) -> None:
        lay, ts = self.layout, self.ts
        accent = self.accent(frame)
        # The band bleeds to the screen's edges; its text stays in the safe area.
        pygame.draw.rect(surface, accent, lay.header_band)
        pygame.draw.rect(surface, GOLD, lay.header_rule)
        h = lay.header
        name = frame.screen.community if frame.screen else ""
        theme = (frame.screen.theme_label or "") if frame.screen else ""
        name_base = h.y + ts.ascent(lay.header_name_size, True)
        if lay.portrait:
            row2 = name_base + ts.line_step(lay.header_name_size)
            clock_rect = ts.draw_right(surface, frame.clock, h.right, name_base, lay.clock_size, WHITE, True)
            ts.draw(
                surface,
                ts.fit(name, clock_rect.x - h.x - lay.gap, lay.header_name_size, True),
                (h.x, name_base),
                lay.header_name_size,
                WHITE,
                True,
            )
            date_rect = ts.draw_right(surface, frame.date, h.right, row2, lay.small_size, WHITE)
            ts.draw(
                surface,
                ts.fit(theme, date_rect.x - h.x - lay.gap, lay.small_size),
                (h.x, row2),
                lay.small_size,
                GOLD,
            )
            return
        second = name_base + lay.header_second_line
        ts.draw(surface, name, (h.x, name_base), lay.header_name_size, WHITE, True)
        ts.draw(surface, theme, (h.x, second), lay.small_size, GOLD)
        brand_base = name_base + lay.header_brand_drop
        ts.draw_centred(surface, frame.brand, h.centerx, brand_base, lay.header_name_size, GOLD, True)
        ts.draw_right(surface, frame.clock, h.right, name_base, lay.clock_size, WHITE, True)
        ts.draw_right(surface, frame.date, h.right, second, lay.small_size, WHITE)

    def _footer(self, surface: pygame.Surface, frame: Frame) -> None:
        lay, ts = self.layout, self.ts
        f = lay.footer
        base = f.y + ts.ascent(lay.small_size)
        if lay.portrait:
            ts.draw_centred(surface, frame.brand, f.centerx, base, lay.small_size, self.accent(frame), True)
        elif frame.screen:
            where = f"{frame.screen.district} · {frame.screen.subdistrict}"
            ts.draw(surface, where, (f.x, base), lay.small_size, MUTED)
        slide = frame.slide
        pages = None
        if isinstance(slide, NoticeSlide | EventsSlide) and slide.pages > 1:
            pages = f"第 {slide.page}/{slide.pages} 页"
        if pages and frame.offline_since is None:
            ts.draw_right(surface, pages, f.right, base, lay.small_size, MUTED)
        elif pages:
            # The offline mark takes the right corner: pages move to the middle-right.
            ts.draw_right(
                surface,
                pages,
                f.right - ts.measure("离线 · 最后更新 00:00", lay.small_size) - lay.footer_pages_gap,
                base,
                lay.small_size,
                MUTED,
            )

    def _offline_mark(self, surface: pygame.Surface, since: str) -> None:
        lay, ts = self.layout, self.ts
        text = f"离线 · 最后更新 {since}"
        size = lay.small_size
        w = ts.measure(text, size) + lay.pill_pad
        h = ts.line_step(size)
        box = pygame.Rect(lay.safe.right - w, lay.safe.bottom - h, w, h)
        pygame.draw.rect(surface, (90, 90, 90), box, border_radius=h // 2)
        ts.draw(surface, text, (box.x + lay.pill_inset, ts.centred_baseline(box, size)), size, WHITE)

    # Slides -----------------------------------------------------------------
    def _notice(self, surface: pygame.Surface, frame: Frame, slide: NoticeSlide) -> None:
        lay, ts = self.layout, self.ts
        b = lay.body
        accent = self.accent(frame)
        pygame.draw.rect(surface, WHITE, b, border_radius=lay.notice_radius)
        pygame.draw.rect(surface, accent, pygame.Rect(b.x, b.y, lay.notice_stripe, b.h))
        # The label, the title and the lines go where pagination (Layout.notice_lines_per_page) counted on.
        box = lay.notice_text
        label = "紧急通知" if slide.notice.urgent else slide.notice.category_label
        size = lay.small_size
        pill = pygame.Rect(box.x, box.y, ts.measure(label, size, True) + lay.pill_pad, ts.line_step(size))
        pygame.draw.rect(surface, accent, pill, border_radius=pill.h // 2)
        ts.draw(surface, label, (pill.x + lay.pill_inset, ts.centred_baseline(pill, size)), size, WHITE, True)
        y = lay.notice_title_top
        title_step = ts.line_step(lay.title_size)
        for line in slide.title_lines:
            ts.draw(
                surface,
                line,
                (box.x, y + ts.ascent(lay.title_size, True)),
                lay.title_size,
                URGENT_RED if slide.notice.urgent else INK,
                True,
            )
            y += title_step
        y = lay.notice_lines_top(len(slide.title_lines))
        step = ts.line_step(lay.body_size)
        for line in slide.lines:
            ts.draw(surface, line, (box.x, y + ts.ascent(lay.body_size)), lay.body_size, INK)
            y += step

    def _events(self, surface: pygame.Surface, frame: Frame, slide: EventsSlide) -> None:
        lay, ts = self.layout, self.ts
        b = lay.body
        accent = self.accent(frame)
        title_base = b.y + ts.ascent(lay.title_size, True)
        ts.draw(surface, "近期活动安排", (b.x, title_base), lay.title_size, accent, True)
        # Rows go where pagination (Layout.event_rows_per_page) counted them.
        y = lay.events_rows_top
        row_h = lay.event_row_height
        size = lay.body_size
        if lay.portrait:
            inset = lay.event_row_inset
            for i, ev in enumerate(slide.events):
                row = pygame.Rect(b.x, y, b.w, row_h - lay.event_row_gap)
                pygame.draw.rect(surface, ROW_SHADE if i % 2 == 0 else WHITE, row, border_radius=lay.event_row_radius)
                inner = row.w - 2 * inset
                when = f"{short_date(ev.starts_at)} {time_span(ev.starts_at, ev.ends_at)}"
                base = y + lay.event_row_top + ts.ascent(size)
                ts.draw(surface, ts.fit(when, inner, size, True), (row.x + inset, base), size, accent, True)
                base2 = base + ts.line_step(size)
                tag = "  [大型活动]" if ev.large_scale else ""
                ts.draw(surface, ts.fit(ev.title + tag, inner, size), (row.x + inset, base2), size, INK)
                base3 = base2 + ts.descent(size) + ts.line_step(lay.small_size) - ts.descent(lay.small_size)
                ts.draw(
                    surface,
                    ts.fit(f"地点：{ev.venue}", inner, lay.small_size),
                    (row.x + inset, base3),
                    lay.small_size,
                    MUTED,
                )
                y += row_h
            return
        # Landscape: a table of date, time, activity, venue, under a row of column labels.
        labels = ["日期", "时间", "活动", "地点"]
        cells = lay.event_cells
        head = pygame.Rect(b.x, lay.events_table_top, b.w, lay.events_rows_top - lay.events_table_top)
        pygame.draw.rect(surface, accent, head, border_radius=lay.event_head_radius)
        label_base = head.y + (head.h + ts.ascent(lay.small_size)) // 2 - lay.event_head_raise
        for label, (x, _w) in zip(labels, cells, strict=True):
            ts.draw(surface, label, (x, label_base), lay.small_size, WHITE, True)
        for i, ev in enumerate(slide.events):
            row = pygame.Rect(b.x, y, b.w, row_h)
            if i % 2 == 0:
                pygame.draw.rect(surface, ROW_SHADE, row)
            base = ts.centred_baseline(row, size)
            title = ev.title + (" ★" if ev.large_scale else "")
            texts = [short_date(ev.starts_at), time_span(ev.starts_at, ev.ends_at), title, ev.venue]
            for (x, w), text in zip(cells, texts, strict=True):
                ts.draw(surface, ts.fit(text, w, size), (x, base), size, INK)
            y += row_h

    def _honour(self, surface: pygame.Surface, frame: Frame, slide: HonourSlide) -> None:
        self.honour_card.draw(surface, slide.honour, self.accent(frame))

    def _standby(self, surface: pygame.Surface, frame: Frame) -> None:
        lay, ts = self.layout, self.ts
        accent = self.accent(frame)
        surface.fill(accent)
        pygame.draw.rect(surface, GOLD, lay.standby_band)
        cx = lay.width // 2
        brand_size = lay.standby_brand_size
        brand = ts.fit(frame.brand or BRAND, lay.safe.w, brand_size, True)
        ts.draw_centred(surface, brand, cx, lay.standby_brand_base, brand_size, GOLD, True)
        if frame.screen:
            ts.draw_centred(
                surface,
                ts.fit(frame.screen.community, lay.safe.w, lay.header_name_size, True),
                cx,
                lay.standby_community_base,
                lay.header_name_size,
                WHITE,
                True,
            )
        ts.draw_centred(surface, frame.clock, cx, lay.standby_clock_base, lay.standby_clock_size, WHITE, True)
        ts.draw_centred(surface, frame.date, cx, lay.standby_date_base, lay.small_size, WHITE)
        if frame.status:
            ts.draw_centred(
                surface,
                ts.fit(frame.status, lay.safe.w, lay.small_size),
                cx,
                lay.safe.bottom - ts.descent(lay.small_size) - lay.status_raise,
                lay.small_size,
                WHITE,
            )

    def _pairing(self, surface: pygame.Surface, frame: Frame) -> None:
        lay, ts = self.layout, self.ts
        surface.fill(BRAND_RED)
        cx = lay.width // 2
        ts.draw_centred(surface, frame.brand or BRAND, cx, lay.pairing_brand_base, lay.header_name_size, GOLD, True)
        ts.draw_centred(surface, "请在管理后台输入配对码", cx, lay.pairing_hint_base, lay.body_size, WHITE)
        code = " ".join(frame.pairing_code or "")
        ts.draw_centred(surface, code, cx, lay.pairing_code_base, lay.pairing_code_size, WHITE, True)
        if frame.status:
            ts.draw_centred(surface, frame.status, cx, lay.pairing_status_base, lay.small_size, WHITE)
