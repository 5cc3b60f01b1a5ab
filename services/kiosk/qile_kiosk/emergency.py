"""Emergency mode: an urgent notice over the whole screen, unmistakable from across a hall.

The screen turns URGENT_RED under an AMBER band that says "⚠ 紧急通知" larger
than any title, with the clock; the notice's time of issue, its title and its
text follow in white. Nothing of the theme's chrome (header, card, motto)
remains, so a photo taken from 5 m shows an emergency, not a notice.
"""

from __future__ import annotations

import pygame

from qile_kiosk.feed import SHANGHAI
from qile_kiosk.layout import Layout
from qile_kiosk.notice_card import draw_text_block
from qile_kiosk.palette import AMBER, INK, WHITE
from qile_kiosk.slides import NoticeSlide
from qile_kiosk.typeset import Typesetter

LABEL = "⚠ 紧急通知"


def issued_text(slide: NoticeSlide) -> str:
    local = slide.notice.display_start.astimezone(SHANGHAI)
    return f"{local.month}月{local.day}日 {local:%H:%M} 发布"


def band_inner(lay: Layout) -> pygame.Rect:
    """The band's part inside the safe area, where its text goes."""
    return pygame.Rect(lay.safe.x, lay.safe.y, lay.safe.w, lay.emergency_band_h)


def emergency_clock_base(lay: Layout, ts: Typesetter) -> int:
    """The clock's baseline, at the band's right (the renderer draws it each minute)."""
    return ts.centred_baseline(band_inner(lay), lay.clock_size)


def draw_band(surface: pygame.Surface, lay: Layout, ts: Typesetter) -> None:
    pygame.draw.rect(surface, AMBER, lay.emergency_band)
    inner, size = band_inner(lay), lay.emergency_label_size
    ts.draw(surface, LABEL, (inner.x, ts.centred_baseline(inner, size)), size, INK, True)


def draw_emergency(surface: pygame.Surface, lay: Layout, ts: Typesetter, slide: NoticeSlide) -> None:
    """The body: when it was issued, then the title and text where pagination put them."""
    block = lay.notice_block(True)
    size = lay.body_size
    ts.draw(surface, issued_text(slide), (block.box.x, block.box.y + ts.ascent(size)), size, WHITE)
    draw_text_block(surface, ts, block, slide, WHITE)
