"""Geometry for each display size: laid out for the shape, not just scaled.

Sizes are in pixels derived from the short side (1080 px → unit 1.0), so a
1080×1920 portrait screen keeps the type size of a 1920×1080 one and gains
lines instead of shrinking text. Body text is about 1/22 of the short side:
on a 55-inch panel that is some 3 cm tall, readable from 4 to 5 metres.
"""

from __future__ import annotations

from dataclasses import dataclass

from pygame import Rect


@dataclass(frozen=True)
class Layout:
    width: int
    height: int
    portrait: bool
    safe: Rect  # everything readable stays inside (broadcast "title safe", 90%)
    header: Rect
    body: Rect
    footer: Rect
    unit: float

    def px(self, value: float) -> int:
        return max(1, round(value * self.unit))

    @property
    def title_size(self) -> int:
        return self.px(68)

    @property
    def body_size(self) -> int:
        return self.px(48)

    @property
    def small_size(self) -> int:
        return self.px(30)

    @property
    def header_name_size(self) -> int:
        return self.px(54)

    @property
    def clock_size(self) -> int:
        return self.px(56)

    @property
    def gap(self) -> int:
        return self.px(24)

    @classmethod
    def for_size(cls, width: int, height: int) -> Layout:
        portrait = height > width
        unit = min(width, height) / 1080
        margin_x = round(width * 0.05)
        margin_y = round(height * 0.05)
        safe = Rect(margin_x, margin_y, width - 2 * margin_x, height - 2 * margin_y)
        # Portrait stacks the header in two rows and keeps the brand in the footer.
        header_h = round((210 if portrait else 130) * unit)
        footer_h = round(56 * unit)
        gap = round(24 * unit)
        header = Rect(safe.x, safe.y, safe.w, header_h)
        footer = Rect(safe.x, safe.bottom - footer_h, safe.w, footer_h)
        body = Rect(safe.x, header.bottom + gap, safe.w, footer.y - gap - header.bottom - gap)
        return cls(width, height, portrait, safe, header, body, footer, unit)
