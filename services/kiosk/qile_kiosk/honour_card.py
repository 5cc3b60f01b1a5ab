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
        pygame.draw.rect(surface, WHITE, lay.body, border_radius=lay.honour_radius)
        self._photo(surface, honour, lay.honour_photo_box, accent)
        self._honour_text(surface, honour, lay.honour_text_box, accent)

    def _photo(self, surface: pygame.Surface, honour: Honour, box: pygame.Rect, accent: Color) -> None:
        image = self.images(honour.photo.sha256, box.size) if honour.photo else None
        if image is not None:
            r = image.get_rect(center=box.center)
            surface.blit(image, r)
            pygame.draw.rect(surface, GOLD, r, width=self.layout.photo_frame)
            return
        # No photo: a deliberate monogram card in the theme colour, not an empty frame.
        lay, ts = self.layout, self.ts
        pygame.draw.rect(surface, accent, box, border_radius=lay.honour_radius)
        radius = min(box.w, box.h) * 3 // 10
        centre = (box.centerx, box.centery - radius // 4)
        pygame.draw.circle(surface, GOLD, centre, radius)
        pygame.draw.circle(surface, WHITE, centre, radius - lay.monogram_ring_inset, width=lay.monogram_ring)
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
        pill = pygame.Rect(box.x, y, ts.measure(honour.title, size, True) + lay.honour_pill_pad, ts.line_step(size))
        pygame.draw.rect(surface, accent, pill, border_radius=pill.h // 2)
        pill_base = ts.centred_baseline(pill, size)
        ts.draw(surface, honour.title, (pill.x + lay.honour_pill_inset, pill_base), size, WHITE, True)
        ts.draw_right(surface, f"{honour.year}年度", box.right, pill_base, lay.small_size, MUTED)
        y += pill.h + lay.gap
        name_size = lay.honour_name_size
        ts.draw(
            surface,
            ts.fit(honour.subject_name, box.w, name_size, True),
            (box.x, y + ts.ascent(name_size, True)),
            name_size,
            INK,
            True,
        )
        y += ts.line_step(name_size)
        pygame.draw.rect(surface, GOLD, pygame.Rect((box.x, y), lay.honour_rule))
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
