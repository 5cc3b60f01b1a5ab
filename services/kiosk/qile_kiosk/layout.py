"""Geometry for each display size: laid out for the shape, not just scaled.

Sizes are in pixels derived from the short side (1080 px → unit 1.0), so a
1080×1920 portrait screen keeps the type size of a 1920×1080 one and gains
lines instead of shrinking text. Body text is about 1/22 of the short side:
on a 55-inch panel that is some 3 cm tall, readable from 4 to 5 metres.

Every distance the renderer draws with is named here, and pagination
(slides.py) reads the same names: what pagination decides fits on a page is
what the renderer draws, by construction. The values in design pixels (at
unit 1.0) are mirrored by the console's board preview
(services/console/src/lib/kiosk*.ts, held to tests/kiosk/board_cases.json).
"""

from __future__ import annotations

from dataclasses import dataclass

from pygame import Rect

# The schedule's columns (date, time, activity, venue) as shares of the body's width.
EVENT_COLUMN_SHARES = (0.19, 0.20, 0.37, 0.24)


def line_step(size: int) -> int:
    """Baseline to baseline: generous leading, as Chinese reads better with air."""
    return round(size * 1.5)


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

    # Type sizes ----------------------------------------------------------------
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
        """Between blocks: a label and a title, a title and its text."""
        return self.px(24)

    # Header and footer ----------------------------------------------------------
    @property
    def header_band(self) -> Rect:
        """The theme colour's band: it bleeds to the screen's edges, its text stays in `header`."""
        return Rect(0, 0, self.width, self.header.bottom + self.px(12))

    @property
    def header_rule(self) -> Rect:
        """The gold line under the band."""
        band = self.header_band
        return Rect(0, band.bottom, self.width, self.px(6))

    @property
    def header_second_line(self) -> int:
        """Landscape: the theme's and the date's baseline, below the name's."""
        return line_step(self.small_size) + self.px(6)

    @property
    def header_brand_drop(self) -> int:
        """Landscape: the brand's baseline, below the name's."""
        return self.px(18)

    @property
    def footer_pages_gap(self) -> int:
        """Between the page count and the offline mark, when both show."""
        return self.px(80)

    # Small pills (a notice's label, the offline mark) ---------------------------
    @property
    def pill_pad(self) -> int:
        """A small pill is its text's width plus this."""
        return self.px(32)

    @property
    def pill_inset(self) -> int:
        """The text's start inside a small pill."""
        return self.px(16)

    # Notices --------------------------------------------------------------------
    @property
    def notice_radius(self) -> int:
        return self.px(16)

    @property
    def notice_stripe(self) -> int:
        """The theme-coloured bar on the card's left edge."""
        return self.px(12)

    @property
    def notice_text(self) -> Rect:
        """Where a notice's label, title and lines go: the card less its padding."""
        pad_x, pad_y = self.px(40), self.px(32)
        b = self.body
        return Rect(b.x + pad_x, b.y + pad_y, b.w - 2 * pad_x, b.h - 2 * pad_y)

    @property
    def notice_title_top(self) -> int:
        """Under the label pill (one small line high) and a gap."""
        return self.notice_text.y + line_step(self.small_size) + self.gap

    def notice_lines_top(self, title_lines: int) -> int:
        """Under a title of `title_lines` lines and a gap."""
        return self.notice_title_top + title_lines * line_step(self.title_size) + self.gap

    def notice_lines_per_page(self, title_lines: int) -> int:
        """Body lines that fit under the label and a title of `title_lines` lines."""
        room = self.notice_text.bottom - self.notice_lines_top(title_lines)
        return max(1, room // line_step(self.body_size))

    # The events schedule --------------------------------------------------------
    @property
    def events_table_top(self) -> int:
        """Under the heading ("近期活动安排") and half a small line of air."""
        return self.body.y + line_step(self.title_size) + line_step(self.small_size) // 2

    @property
    def events_rows_top(self) -> int:
        """Landscape tables have a row of column labels first; portrait rows stand alone."""
        return self.events_table_top + (0 if self.portrait else line_step(self.small_size))

    @property
    def event_row_height(self) -> int:
        # Portrait rows stack date, title and venue; landscape rows are one table line.
        if self.portrait:
            return 2 * line_step(self.body_size) + line_step(self.small_size) + self.px(16)
        return round(line_step(self.body_size) * 1.15)

    @property
    def event_rows_per_page(self) -> int:
        return max(1, (self.body.bottom - self.events_rows_top) // self.event_row_height)

    @property
    def event_row_gap(self) -> int:
        """Portrait: the space between two row cards."""
        return self.px(8)

    @property
    def event_row_radius(self) -> int:
        return self.px(12)

    @property
    def event_row_inset(self) -> int:
        """Portrait: the text's left and right inset in a row card."""
        return self.px(24)

    @property
    def event_row_top(self) -> int:
        """Portrait: from a row card's top to its first line's ascent."""
        return self.px(12)

    @property
    def event_cells(self) -> list[tuple[int, int]]:
        """Landscape: each column's text start and width."""
        cells, x = [], self.body.x
        for share in EVENT_COLUMN_SHARES:
            w = round(self.body.w * share)
            cells.append((x + self.px(16), w - self.px(32)))
            x += w
        return cells

    @property
    def event_head_radius(self) -> int:
        return self.px(8)

    @property
    def event_head_raise(self) -> int:
        """The column labels sit this much above the label row's centre line."""
        return self.px(4)

    # The honour card ------------------------------------------------------------
    @property
    def honour_radius(self) -> int:
        """The card's corners, and the monogram box's."""
        return self.px(20)

    @property
    def honour_pad(self) -> int:
        """Around the card's content, and between its photo and its text."""
        return self.px(40)

    @property
    def honour_photo_box(self) -> Rect:
        inner = self.body.inflate(-2 * self.honour_pad, -2 * self.honour_pad)
        if self.portrait:
            return Rect(inner.x, inner.y, inner.w, round(inner.h * 0.45))
        return Rect(inner.x, inner.y, round(inner.h * 0.78), inner.h)

    @property
    def honour_text_box(self) -> Rect:
        inner = self.body.inflate(-2 * self.honour_pad, -2 * self.honour_pad)
        photo, pad = self.honour_photo_box, self.honour_pad
        if self.portrait:
            return Rect(inner.x, photo.bottom + pad, inner.w, inner.bottom - photo.bottom - pad)
        return Rect(photo.right + pad, inner.y, inner.right - photo.right - pad, inner.h)

    @property
    def photo_frame(self) -> int:
        """The gold frame's width around a photo."""
        return self.px(6)

    @property
    def monogram_ring_inset(self) -> int:
        return self.px(8)

    @property
    def monogram_ring(self) -> int:
        return self.px(4)

    @property
    def honour_pill_pad(self) -> int:
        """The title's pill is the title's width plus this."""
        return self.px(40)

    @property
    def honour_pill_inset(self) -> int:
        return self.px(20)

    @property
    def honour_name_size(self) -> int:
        return self.px(88)

    @property
    def honour_rule(self) -> tuple[int, int]:
        """The gold line under the name: width and height."""
        return self.px(120), self.px(6)

    # Whole-screen states --------------------------------------------------------
    @property
    def standby_band(self) -> Rect:
        """The gold band along the bottom edge."""
        return Rect(0, self.height - self.px(24), self.width, self.px(24))

    @property
    def standby_brand_size(self) -> int:
        return self.px(110)

    @property
    def standby_brand_base(self) -> int:
        return self.height // 2 - self.px(120)

    @property
    def standby_community_base(self) -> int:
        return self.standby_brand_base + self.px(120)

    @property
    def standby_clock_size(self) -> int:
        return self.px(140)

    @property
    def standby_clock_base(self) -> int:
        return self.standby_brand_base + self.px(300)

    @property
    def standby_date_base(self) -> int:
        return self.standby_brand_base + self.px(380)

    @property
    def status_raise(self) -> int:
        """The standby screen's status line sits this much above the safe area's bottom (less its descent)."""
        return self.px(4)

    @property
    def pairing_brand_base(self) -> int:
        return self.height // 2 - self.px(160)

    @property
    def pairing_hint_base(self) -> int:
        return self.pairing_brand_base + self.px(110)

    @property
    def pairing_code_size(self) -> int:
        return self.px(180)

    @property
    def pairing_code_base(self) -> int:
        return self.pairing_brand_base + self.px(300)

    @property
    def pairing_status_base(self) -> int:
        return self.pairing_brand_base + self.px(400)

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
