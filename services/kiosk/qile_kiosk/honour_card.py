"""The good people gallery's card: a photo (or a deliberate monogram), title, name and citation.

The name and citation come laid out from slides.honour_slides (balanced
name lines, the citation's size and page), at the positions Layout gives.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from qile_kiosk.layout import Layout
from qile_kiosk.palette import GOLD, INK, MUTED, WHITE
from qile_kiosk.slides import HonourSlide, fitted_lines
from qile_kiosk.typeset import Color, Typesetter

ImageLoader = Callable[[str, tuple[int, int]], pygame.Surface | None]


class HonourCard:
    def __init__(self, layout: Layout, ts: Typesetter, images: ImageLoader) -> None:
        self.layout, self.ts, self.images = layout, ts, images

    def draw(self, surface: pygame.Surface, slide: HonourSlide, accent: Color) -> None:
        lay = self.layout
        pygame.draw.rect(surface, WHITE, lay.body, border_radius=lay.honour_radius)
        self._photo(surface, slide, lay.honour_photo_box, accent)
        self._honour_text(surface, slide, accent)

    def _photo(self, surface: pygame.Surface, slide: HonourSlide, box: pygame.Rect, accent: Color) -> None:
        honour = slide.honour
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
        # The first character as drawn: a rare one from a fallback face, else the placeholder.
        initial = ts.clean(honour.subject_name)[:1]
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
        # The title under the disc, inside the box whatever its length: balanced lines, smaller if need be.
        width = box.w - 2 * lay.honour_pad
        lines, size = fitted_lines(ts, honour.title, width, (lay.body_size, lay.reading_floor), 2, True)
        base = centre[1] + radius + ts.line_step(size)
        for line in lines:
            ts.draw_centred(surface, line, box.centerx, base, size, WHITE, True)
            base += ts.line_step(size)

    def _honour_text(self, surface: pygame.Surface, slide: HonourSlide, accent: Color) -> None:
        lay, ts = self.layout, self.ts
        box, honour = lay.honour_text_box, slide.honour
        size = lay.body_size
        pill = pygame.Rect(box.x, box.y, ts.measure(honour.title, size, True) + lay.honour_pill_pad, ts.line_step(size))
        pygame.draw.rect(surface, accent, pill, border_radius=pill.h // 2)
        pill_base = ts.centred_baseline(pill, size)
        ts.draw(surface, honour.title, (pill.x + lay.honour_pill_inset, pill_base), size, WHITE, True)
        ts.draw_right(surface, f"{honour.year}年度", box.right, pill_base, lay.small_size, MUTED)
        y = lay.honour_name_top()
        for line in slide.name_lines:
            ts.draw(surface, line, (box.x, y + ts.ascent(slide.name_size, True)), slide.name_size, INK, True)
            y += ts.line_step(slide.name_size)
        pygame.draw.rect(surface, GOLD, pygame.Rect((box.x, y), lay.honour_rule))
        top = lay.honour_citation_top(len(slide.name_lines), slide.name_size)
        ts.draw_lines(surface, slide.lines, (box.x, top), slide.size, INK)
