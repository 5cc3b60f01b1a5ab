"""A notice's text as pagination laid it out: its title lines, then its body lines.

In portrait, a card that ends with its text has the coming events under it
(slides.with_events_below chose those that fit).
"""

from __future__ import annotations

import pygame

from qile_kiosk.layout import Layout, TextBlock
from qile_kiosk.palette import INK, WHITE
from qile_kiosk.qr import QrCodes
from qile_kiosk.schedule import draw_events_below
from qile_kiosk.slides import NoticeSlide, notice_text_bottom
from qile_kiosk.typeset import Color, Typesetter


def draw_text_block(
    surface: pygame.Surface, ts: Typesetter, block: TextBlock, slide: NoticeSlide, colour: Color
) -> None:
    """The title and the body lines where `block` (the one slides.py paginated with) puts them."""
    x, y = block.box.x, block.title_top
    for line in slide.title_lines:
        ts.draw_line(surface, line, (x, y + ts.ascent(slide.title_size, True)), slide.title_size, colour, True)
        y += ts.line_step(slide.title_size)
    top = block.lines_top(len(slide.title_lines), slide.title_size)
    ts.draw_lines(surface, slide.lines, (x, top), slide.size, colour)


def draw_notice(
    surface: pygame.Surface, lay: Layout, ts: Typesetter, slide: NoticeSlide, accent: Color, codes: QrCodes
) -> None:
    """A white card with a stripe and a label pill in the theme colour; events under it, if any."""
    b = lay.notice_card(notice_text_bottom(slide, lay) if slide.below else None)
    pygame.draw.rect(surface, WHITE, b, border_radius=lay.notice_radius)
    pygame.draw.rect(surface, accent, pygame.Rect(b.x, b.y, lay.notice_stripe, b.h))
    block = lay.notice_block(False)
    label, size = slide.notice.category_label, lay.label_size
    pill = pygame.Rect(block.box.x, block.box.y, ts.measure(label, size, True) + lay.pill_pad, ts.line_step(size))
    pygame.draw.rect(surface, accent, pill, border_radius=pill.h // 2)
    ts.draw(surface, label, (pill.x + lay.pill_inset, ts.centred_baseline(pill, size)), size, WHITE, True)
    draw_text_block(surface, ts, block, slide, INK)
    if slide.below:
        draw_events_below(surface, lay, ts, slide.below, b.bottom, accent, codes)
