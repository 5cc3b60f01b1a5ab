"""The good people gallery's card: a photo (or a deliberate monogram), title, name and citation."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from qile_kiosk.feed import Honour
from qile_kiosk.layout import Layout
from qile_kiosk.palette import GOLD, INK, MUTED, WHITE
from qile_kiosk.typeset import Color, Typesetter

ImageLoader = Callable[[str, tuple[int, int]], pygame.Surface | None]


class HonourCard:
    def __init__(self, layout: Layout, ts: Typesetter, images: ImageLoader) -> None:
        self.layout, self.ts, self.images = layout, ts, images

    def draw(self, surface: pygame.Surface, honour: Honour, accent: Color) -> None:
        lay = self.layout
        b = lay.body
        pygame.draw.rect(surface, WHITE, b, border_radius=lay.px(20))
        pad = lay.px(40)
        inner = b.inflate(-2 * pad, -2 * pad)
        if lay.portrait:
            photo_box = pygame.Rect(inner.x, inner.y, inner.w, round(inner.h * 0.45))
            text_box = pygame.Rect(inner.x, photo_box.bottom + pad, inner.w, inner.bottom - photo_box.bottom - pad)
        else:
            photo_box = pygame.Rect(inner.x, inner.y, round(inner.h * 0.78), inner.h)
            text_box = pygame.Rect(photo_box.right + pad, inner.y, inner.right - photo_box.right - pad, inner.h)
        self._photo(surface, honour, photo_box, accent)
        self._honour_text(surface, honour, text_box, accent)

    def _photo(self, surface: pygame.Surface, honour: Honour, box: pygame.Rect, accent: Color) -> None:
        image = self.images(honour.photo.sha256, box.size) if honour.photo else None
        if image is not None:
            r = image.get_rect(center=box.center)
            surface.blit(image, r)
            pygame.draw.rect(surface, GOLD, r, width=self.layout.px(6))
            return
        # No photo: a deliberate monogram card in the theme colour, not an empty frame.
        lay, ts = self.layout, self.ts
        pygame.draw.rect(surface, accent, box, border_radius=lay.px(20))
        radius = min(box.w, box.h) * 3 // 10
        centre = (box.centerx, box.centery - radius // 4)
        pygame.draw.circle(surface, GOLD, centre, radius)
        pygame.draw.circle(surface, WHITE, centre, radius - lay.px(8), width=lay.px(4))
        initial = honour.subject_name[:1]
        size = round(radius * 1.1)
        ts.draw_centred(
            surface,
            initial,
            centre[0],
            centre[1] + (ts.ascent(size, True) - ts.descent(size, True)) // 2,
            size,
            accent,
            True,
        )
        ts.draw_centred(
            surface,
            honour.title,
            box.centerx,
            centre[1] + radius + ts.line_step(lay.body_size),
            lay.body_size,
            WHITE,
            True,
        )

    def _honour_text(self, surface: pygame.Surface, honour: Honour, box: pygame.Rect, accent: Color) -> None:
        lay, ts = self.layout, self.ts
        y = box.y
        size = lay.body_size
        pill_h = ts.line_step(size)
        pill_w = ts.measure(honour.title, size, True) + lay.px(40)
        pygame.draw.rect(surface, accent, pygame.Rect(box.x, y, pill_w, pill_h), border_radius=pill_h // 2)
        ts.draw(
            surface,
            honour.title,
            (box.x + lay.px(20), y + (pill_h + ts.ascent(size) - ts.descent(size)) // 2),
            size,
            WHITE,
            True,
        )
        year = f"{honour.year}年度"
        ts.draw_right(
            surface,
            year,
            box.right,
            y + (pill_h + ts.ascent(size) - ts.descent(size)) // 2,
            lay.small_size,
            MUTED,
        )
        y += pill_h + lay.gap
        name_size = lay.px(88)
        ts.draw(
            surface,
            ts.fit(honour.subject_name, box.w, name_size, True),
            (box.x, y + ts.ascent(name_size, True)),
            name_size,
            INK,
            True,
        )
        y += ts.line_step(name_size)
        pygame.draw.rect(surface, GOLD, pygame.Rect(box.x, y, lay.px(120), lay.px(6)))
        y += lay.gap
        # The citation shrinks until it fits: a card has no pages.
        room = box.bottom - y
        size = lay.body_size
        while True:
            lines = ts.wrap(honour.citation, box.w, size)
            if len(lines) * ts.line_step(size) <= room or size <= lay.small_size:
                break
            size = max(lay.small_size, round(size * 0.9))
        step = ts.line_step(size)
        max_lines = max(1, room // step)
        if len(lines) > max_lines:
            lines = [*lines[: max_lines - 1], ts.fit("".join(lines[max_lines - 1 :]), box.w, size)]
        for line in lines:
            ts.draw(surface, line, (box.x, y + ts.ascent(size)), size, INK)
            y += step

    # Whole-screen states ----------------------------------------------------
