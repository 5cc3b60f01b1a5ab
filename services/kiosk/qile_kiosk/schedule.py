"""The events schedule: a table in landscape, a stack of row cards in portrait.

Rows are as tall as their wrapped title and venue (slides.event_row), where
pagination counted them; the date keeps its weekday, and a large event's ★
is explained in the heading. When the API gives the events their resident
pages, each row carries its event's QR code (sizes: qr_layout.py), and in
landscape the date and time share a column, one over the other.
"""

from __future__ import annotations

from datetime import datetime

import pygame

from qile_kiosk.feed import SHANGHAI
from qile_kiosk.layout import Layout
from qile_kiosk.palette import INK, MUTED, ROW_SHADE, WHITE
from qile_kiosk.qr import QrCodes
from qile_kiosk.slides import LARGE_EVENT_MARK, EventRow, EventsSlide
from qile_kiosk.typeset import Color, Typesetter

WEEKDAYS = "一二三四五六日"
LEGEND = f"{LARGE_EVENT_MARK} 大型活动"
HEADING = "近期活动安排"
BELOW_HEADING = "近期活动 · 扫码报名"
QR_LABEL = "扫码报名"


def short_date(when: datetime) -> str:
    local = when.astimezone(SHANGHAI)
    return f"{local.month}月{local.day}日 周{WEEKDAYS[local.weekday()]}"


def time_span(start: datetime, end: datetime) -> str:
    a, b = start.astimezone(SHANGHAI), end.astimezone(SHANGHAI)
    if a.date() != b.date():
        return f"{a:%H:%M}起"
    return f"{a:%H:%M}–{b:%H:%M}"


def draw_schedule(
    surface: pygame.Surface, lay: Layout, ts: Typesetter, slide: EventsSlide, accent: Color, codes: QrCodes
) -> None:
    b = lay.body
    title_base = b.y + ts.ascent(lay.title_size, True)
    _heading(surface, lay, ts, HEADING, title_base, slide.rows, accent)
    qr = codes if slide.qr else None
    if lay.portrait:
        _cards(surface, lay, ts, slide.rows, accent, lay.events_rows_top, qr)
    elif qr is not None:
        _qr_table(surface, lay, ts, slide.rows, accent, qr)
    else:
        _table(surface, lay, ts, slide.rows, accent)


def draw_events_below(
    surface: pygame.Surface,
    lay: Layout,
    ts: Typesetter,
    rows: tuple[EventRow, ...],
    card_bottom: int,
    accent: Color,
    codes: QrCodes,
) -> None:
    """Portrait: the coming events, with their codes, under a notice's card."""
    base = lay.below_heading_base(card_bottom, ts.ascent(lay.title_size, True))
    _heading(surface, lay, ts, BELOW_HEADING, base, rows, accent)
    _cards(surface, lay, ts, rows, accent, lay.below_rows_top(card_bottom), codes)


def _heading(
    surface: pygame.Surface,
    lay: Layout,
    ts: Typesetter,
    heading: str,
    base: int,
    rows: tuple[EventRow, ...],
    accent: Color,
) -> None:
    """The heading, and on its right what ★ means when a row has one."""
    ts.draw(surface, heading, (lay.body.x, base), lay.title_size, accent, True)
    if any(r.event.large_scale for r in rows):
        ts.draw_right(surface, LEGEND, lay.body.right, base, lay.label_size, INK, True)


def _code(surface: pygame.Surface, ts: Typesetter, codes: QrCodes | None, row: EventRow, tile: pygame.Rect) -> None:
    """The event's code in its tile, recorded with the texts; none without an address."""
    url = row.event.public_url
    if codes is not None and url:
        ts.reserve(codes.draw(surface, url, tile), url)


def _lines(
    surface: pygame.Surface, ts: Typesetter, lines: tuple[str, ...], x: int, top: int, size: int, colour: Color
) -> int:
    """Lines from `top` down; returns the top of the next line."""
    for line in lines:
        ts.draw_line(surface, line, (x, top + ts.ascent(size)), size, colour)
        top += ts.line_step(size)
    return top


def _table(surface: pygame.Surface, lay: Layout, ts: Typesetter, rows: tuple[EventRow, ...], accent: Color) -> None:
    b, cells, size = lay.body, lay.event_cells, lay.body_size
    head = pygame.Rect(b.x, lay.events_table_top, b.w, lay.events_rows_top - lay.events_table_top)
    pygame.draw.rect(surface, accent, head, border_radius=lay.event_head_radius)
    label_base = head.y + (head.h + ts.ascent(lay.small_size)) // 2 - lay.event_head_raise
    for label, (x, _w) in zip(["日期", "时间", "活动", "地点"], cells, strict=True):
        ts.draw(surface, label, (x, label_base), lay.small_size, WHITE, True)
    y = lay.events_rows_top
    for i, row in enumerate(rows):
        h = lay.event_row_height(len(row.title_lines), len(row.venue_lines))
        if i % 2 == 0:
            pygame.draw.rect(surface, ROW_SHADE, pygame.Rect(b.x, y, b.w, h))
        top = y + lay.event_row_top
        ev = row.event
        _lines(surface, ts, (short_date(ev.starts_at),), cells[0][0], top, size, INK)
        _lines(surface, ts, (time_span(ev.starts_at, ev.ends_at),), cells[1][0], top, size, INK)
        _lines(surface, ts, row.title_lines, cells[2][0], top, size, INK)
        _lines(surface, ts, row.venue_lines, cells[3][0], top, lay.label_size, INK)
        y += h + lay.event_row_gap


def _qr_table(
    surface: pygame.Surface, lay: Layout, ts: Typesetter, rows: tuple[EventRow, ...], accent: Color, codes: QrCodes
) -> None:
    """Landscape with codes: the date over the time, the activity, the venue, the code."""
    b, cells, size = lay.body, lay.event_qr_cells, lay.body_size
    head = pygame.Rect(b.x, lay.events_table_top, b.w, lay.events_rows_top - lay.events_table_top)
    pygame.draw.rect(surface, accent, head, border_radius=lay.event_head_radius)
    label_base = head.y + (head.h + ts.ascent(lay.small_size)) // 2 - lay.event_head_raise
    for label, (x, _w) in zip(["时间", "活动", "地点"], cells, strict=True):
        ts.draw(surface, label, (x, label_base), lay.small_size, WHITE, True)
    tile_x = lay.event_qr_tile(0, b.right).centerx
    ts.draw_centred(surface, QR_LABEL, tile_x, label_base, lay.small_size, WHITE, True)
    y = lay.events_rows_top
    for i, row in enumerate(rows):
        h = lay.event_row_height(len(row.title_lines), len(row.venue_lines), qr=True)
        if i % 2 == 0:
            pygame.draw.rect(surface, ROW_SHADE, pygame.Rect(b.x, y, b.w, h))
        top = y + lay.event_row_top
        ev = row.event
        when = (short_date(ev.starts_at), time_span(ev.starts_at, ev.ends_at))
        _lines(surface, ts, when, cells[0][0], top, size, INK)
        _lines(surface, ts, row.title_lines, cells[1][0], top, size, INK)
        _lines(surface, ts, row.venue_lines, cells[2][0], top, lay.label_size, INK)
        _code(surface, ts, codes, row, lay.event_qr_tile(y, b.right))
        y += h


def _cards(
    surface: pygame.Surface,
    lay: Layout,
    ts: Typesetter,
    rows: tuple[EventRow, ...],
    accent: Color,
    y: int,
    codes: QrCodes | None,
) -> None:
    """Portrait: a card per event from `y` down, its code on the right when there are codes."""
    b, size, inset = lay.body, lay.body_size, lay.event_row_inset
    for i, row in enumerate(rows):
        h = lay.event_row_height(len(row.title_lines), len(row.venue_lines), qr=codes is not None)
        card = pygame.Rect(b.x, y, b.w, h)
        pygame.draw.rect(surface, ROW_SHADE if i % 2 == 0 else WHITE, card, border_radius=lay.event_row_radius)
        _code(surface, ts, codes, row, lay.event_qr_tile(y, card.right))
        ev, x = row.event, card.x + inset
        top = y + lay.event_row_top
        when = f"{short_date(ev.starts_at)} {time_span(ev.starts_at, ev.ends_at)}"
        ts.draw(surface, when, (x, top + ts.ascent(size, True)), size, accent, True)
        top = _lines(surface, ts, row.title_lines, x, top + ts.line_step(size), size, INK)
        _lines(surface, ts, row.venue_lines, x, top, lay.label_size, MUTED)
        y += h + lay.event_row_gap
