"""Image slides: a poster over the whole screen, and a gallery's activity photo with its caption.

A poster is a designed page: it is shown whole, never cropped, as large as
the screen allows, the rest letterboxed in the theme colour. Its title runs
small along the bottom edge (at the reading floor, wrapped, never cut), for
whoever cannot make out the design's lettering from afar. The geometry is
here, not in layout.py, because only these slides use it; it derives from
the same Layout (safe area, sizes), so it holds at every screen size.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from qile_kiosk.feed import SHANGHAI
from qile_kiosk.honour_card import ImageLoader
from qile_kiosk.layout import Layout
from qile_kiosk.palette import GOLD, INK, MUTED, OFFLINE_GREY, WHITE
from qile_kiosk.slides import PhotoSlide
from qile_kiosk.typeset import Color, Typesetter


@dataclass(frozen=True)
class PosterGeometry:
    image_box: pygame.Rect  # where the poster is fitted, whole
    strip: pygame.Rect  # the title's band along the bottom edge
    lines: tuple[str, ...]
    size: int


def poster_geometry(lay: Layout, ts: Typesetter, title: str) -> PosterGeometry:
    size = lay.reading_floor
    lines = tuple(ts.wrap(title, lay.safe.w, size)) or ("",)
    pad = lay.px(10)
    # The band reaches the bottom edge; its text stays inside the safe area.
    top = lay.safe.bottom - len(lines) * ts.line_step(size) - 2 * pad
    return PosterGeometry(
        image_box=pygame.Rect(0, 0, lay.width, top),
        strip=pygame.Rect(0, top, lay.width, lay.height - top),
        lines=lines,
        size=size,
    )


def fitted_rect(image_size: tuple[int, int], box: pygame.Rect) -> pygame.Rect:
    """The largest rectangle of the image's shape inside `box`, centred: nothing cropped."""
    w, h = image_size
    scale = min(box.w / w, box.h / h)
    fitted = pygame.Rect(0, 0, max(1, round(w * scale)), max(1, round(h * scale)))
    fitted.center = box.center
    return fitted


def draw_poster(
    surface: pygame.Surface,
    lay: Layout,
    ts: Typesetter,
    image: pygame.Surface,
    geometry: PosterGeometry,
    accent: Color,
    offline: str | None,
) -> None:
    """The poster (already fitted to `geometry.image_box`) on the theme colour, its title under it."""
    surface.fill(accent)
    surface.blit(image, image.get_rect(center=geometry.image_box.center))
    pad = lay.px(10)
    base = geometry.strip.y + pad + ts.ascent(geometry.size)
    right = lay.safe.right
    if offline is not None:
        # Offline, the screen says so here too: its header and footer are hidden behind the poster.
        h = ts.line_step(lay.small_size)
        w = ts.measure(offline, lay.small_size) + lay.pill_pad
        pill = pygame.Rect(right - w, geometry.strip.y + pad, w, h)
        pygame.draw.rect(surface, OFFLINE_GREY, pill, border_radius=h // 2)
        ts.draw(
            surface,
            offline,
            (pill.x + lay.pill_inset, ts.centred_baseline(pill, lay.small_size)),
            lay.small_size,
            WHITE,
        )
    for line in geometry.lines:
        ts.draw(surface, line, (lay.safe.x, base), geometry.size, WHITE)
        base += ts.line_step(geometry.size)


class PhotoCard:
    """A gallery's activity photo: the photo as large as the card allows, whole, its caption under it."""

    def __init__(self, layout: Layout, ts: Typesetter, images: ImageLoader) -> None:
        self.layout, self.ts, self.images = layout, ts, images

    def caption_lines(self, slide: PhotoSlide) -> tuple[list[str], int]:
        lay = self.layout
        width = lay.body.w - 2 * lay.px(40)
        return self.ts.wrap(slide.photo.caption, width, lay.body_size, True), lay.body_size

    def draw(self, surface: pygame.Surface, slide: PhotoSlide, accent: Color) -> None:
        lay, ts = self.layout, self.ts
        body = lay.body
        pygame.draw.rect(surface, WHITE, body, border_radius=lay.notice_radius)
        pad = lay.px(40)
        lines, size = self.caption_lines(slide)
        when = slide.photo.happened_at.astimezone(SHANGHAI)
        date = f"{when.year}年{when.month}月{when.day}日"
        text_h = len(lines) * ts.line_step(size) + ts.line_step(lay.label_size)
        box = pygame.Rect(body.x + pad, body.y + pad, body.w - 2 * pad, body.h - 3 * pad // 2 - text_h - pad // 2)
        image = self.images(slide.photo.photo.sha256, box.size) if box.w > 0 and box.h > 0 else None
        if image is not None:
            r = image.get_rect(center=box.center)
            surface.blit(image, r)
            pygame.draw.rect(surface, GOLD, r, width=lay.photo_frame)
        else:
            # The photo went missing after the rotation was built: its caption still shows.
            pygame.draw.rect(surface, accent, box, border_radius=lay.notice_radius)
        base = box.bottom + pad // 2 + ts.ascent(size, True)
        for line in lines:
            ts.draw(surface, line, (box.x, base), size, INK, True)
            base += ts.line_step(size)
        ts.draw(surface, date, (box.x, base), lay.label_size, MUTED)
