"""The events schedule: a table in landscape, a stack of row cards in portrait.

Rows are as tall as their wrapped title and venue (slides.event_row), where
pagination counted them; the date keeps its weekday, and a large event's ★
is explained in the heading.
"""

from __future__ import annotations

from datetime import datetime

import pygame

from qile_kiosk.feed import SHANGHAI
from qile_kiosk.layout import Layout
from qile_kiosk.palette import INK, MUTED, ROW_SHADE, WHITE
from qile_kiosk.slides import LARGE_EVENT_MARK, EventRow, EventsSlide
from qile_kiosk.typeset import Color, Typesetter

WEEKDAYS = "一二三四五六日"
LEGEND = f"{LARGE_EVENT_MARK} 大型活动"
HEADING = "近期活动安排"


def short_date(when: datetime) -> str:
    local = when.astimezone(SHANGHAI)
    return f"{local.month}月{local.day}日 周{WEEKDAYS[local.weekday()]}"


def time_span(start: datetime, end: datetime) -> str:
    a, b = start.astimezone(SHANGHAI), end.astimezone(SHANGHAI)
    if a.date() != b.date():
        return f"{a:%H:%M}起"
    return f"{a:%H:%M}–{b:%H:%M}"


def draw_schedule(surface: pygame.Surface, lay: Layout, ts: Typesetter, slide: EventsSlide, accent: Color) -> None:
    b = lay.body
    title_base = b.y + ts.ascent(lay.title_size, True)
    ts.draw(surface, HEADING, (b.x, title_base), lay.title_size, accent, True)
    if any(r.event.large_scale for r in slide.rows):
        ts.draw_right(surface, LEGEND, b.right, title_base, lay.label_size, INK, True)
    if lay.portrait:
        _cards(surface, lay, ts, slide.rows, accent)
    else:
        _table(surface, lay, ts, slide.rows, accent)


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


def _cards(surface: pygame.Surface, lay: Layout, ts: Typesetter, rows: tuple[EventRow, ...], accent: Color) -> None:
    b, size, inset = lay.body, lay.body_size, lay.event_row_inset
    y = lay.events_rows_top
    for i, row in enumerate(rows):
        h = lay.event_row_height(len(row.title_lines), len(row.venue_lines))
        card = pygame.Rect(b.x, y, b.w, h)
        pygame.draw.rect(surface, ROW_SHADE if i % 2 == 0 else WHITE, card, border_radius=lay.event_row_radius)
        ev, x = row.event, card.x + inset
        top = y + lay.event_row_top
        when = f"{short_date(ev.starts_at)} {time_span(ev.starts_at, ev.ends_at)}"
        ts.draw(surface, when, (x, top + ts.ascent(size, True)), size, accent, True)
        top = _lines(surface, ts, row.title_lines, x, top + ts.line_step(size), size, INK)
        _lines(surface, ts, row.venue_lines, x, top, lay.label_size, MUTED)
        y += h + lay.event_row_gap
