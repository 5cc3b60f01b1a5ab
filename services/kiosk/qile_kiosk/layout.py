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
The whole-screen states' (standby, pairing) are in standby_layout.py, the QR
codes' in qr_layout.py, which Layout inherits.
"""

from __future__ import annotations

from dataclasses import dataclass

from pygame import Rect

from qile_kiosk.qr_layout import QrLayout
from qile_kiosk.standby_layout import WholeScreenLayout

# The schedule's columns (date, time, activity, venue) as shares of the body's width.
EVENT_COLUMN_SHARES = (0.21, 0.18, 0.35, 0.26)  # the date keeps its weekday: 11月30日 周一


def line_step(size: int) -> int:
    """Baseline to baseline: generous leading, as Chinese reads better with air."""
    return round(size * 1.5)


@dataclass(frozen=True)
class TextBlock:
    """A notice's text: a label row (or none), title lines, then body lines.

    Pagination counts lines with it and the renderer draws at its positions.
    """

    box: Rect
    label_h: int  # the label row and the gap under it; 0 when there is none
    gap: int

    @property
    def title_top(self) -> int:
        return self.box.y + self.label_h

    def lines_top(self, title_lines: int, title_size: int) -> int:
        """Under a title of `title_lines` lines and a gap."""
        return self.title_top + title_lines * line_step(title_size) + self.gap

    def lines_per_page(self, title_lines: int, title_size: int, size: int) -> int:
        """Body lines of `size` that fit under the label and the title."""
        room = self.box.bottom - self.lines_top(title_lines, title_size)
        return max(1, room // line_step(size))


@dataclass(frozen=True)
class Layout(WholeScreenLayout, QrLayout):
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

    def step(self, size: int) -> int:
        return line_step(size)

    # Type sizes ----------------------------------------------------------------
    @property
    def title_size(self) -> int:
        return self.px(68)

    @property
    def body_size(self) -> int:
        return self.px(48)

    @property
    def small_size(self) -> int:
        """Chrome a resident need not read from afar: the footer's place names, the header's date."""
        return self.px(30)

    @property
    def reading_floor(self) -> int:
        """No text a resident must read (a label, a citation, a venue) is smaller than this."""
        return self.px(40)

    @property
    def label_size(self) -> int:
        """A notice's category pill, the large-event badge, a venue: read, so at the floor."""
        return self.reading_floor

    @property
    def notice_body_sizes(self) -> tuple[int, ...]:
        """A notice's body sizes, largest first: short text grows to fill its card, long text pages at body size."""
        return (self.px(72), self.px(60), self.body_size)

    @property
    def title_sizes(self) -> tuple[int, ...]:
        """A title steps down (never below body size) rather than take more than three lines."""
        return (self.title_size, self.px(58), self.body_size)

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
        """Between two things in the footer (the page count, the offline mark)."""
        return self.px(40)

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
    def notice_pad(self) -> tuple[int, int]:
        """A notice's text from its card's edges: across and down."""
        return self.px(40), self.px(32)

    def notice_card(self, text_bottom: int | None = None) -> Rect:
        """The card: the whole body, or (portrait, events under it) down to its text's end."""
        b = self.body
        if text_bottom is None:
            return b
        return Rect(b.x, b.y, b.w, text_bottom + self.notice_pad[1] - b.y)

    @property
    def notice_text(self) -> Rect:
        """Where a notice's label, title and lines go: the card less its padding."""
        pad_x, pad_y = self.notice_pad
        b = self.body
        return Rect(b.x + pad_x, b.y + pad_y, b.w - 2 * pad_x, b.h - 2 * pad_y)

    def notice_block(self, urgent: bool) -> TextBlock:
        """Where a notice's text goes: in its card under a label pill, or, urgent, over the whole screen."""
        if urgent:
            # The issue time's line stands where the label was.
            return TextBlock(self.emergency_text, line_step(self.body_size) + self.gap, self.gap)
        return TextBlock(self.notice_text, line_step(self.label_size) + self.gap, self.gap)

    # Emergency mode: an urgent notice over the whole screen -------------------
    @property
    def emergency_band(self) -> Rect:
        """The warning band along the top edge, bled to the edges; "⚠ 紧急通知" stays in the safe area."""
        return Rect(0, 0, self.width, self.safe.y + self.emergency_band_h)

    @property
    def emergency_band_h(self) -> int:
        return self.px(150)

    @property
    def emergency_label_size(self) -> int:
        """Larger than any title: the first thing read from across a hall."""
        return self.px(100)

    @property
    def emergency_text(self) -> Rect:
        top = self.emergency_band.bottom + self.px(36)
        return Rect(self.safe.x, top, self.safe.w, self.footer.y - self.gap - top)

    # The events schedule --------------------------------------------------------
    @property
    def events_table_top(self) -> int:
        """Under the heading ("近期活动安排") and half a small line of air."""
        return self.body.y + line_step(self.title_size) + line_step(self.small_size) // 2

    @property
    def events_rows_top(self) -> int:
        """Landscape tables have a row of column labels first; portrait rows stand alone."""
        return self.events_table_top + (0 if self.portrait else line_step(self.small_size))

    def event_row_height(self, title_lines: int, venue_lines: int, qr: bool = False) -> int:
        """A row whose title (body size) and venue (label size) wrapped to these many lines.

        Portrait rows stack the date and time, the title and the venue; landscape
        rows are as tall as their longest cell. With a QR code, qr_layout.py's."""
        if qr:
            return self.event_qr_row_height(title_lines, venue_lines)
        pad = 2 * self.event_row_top
        title, venue = title_lines * line_step(self.body_size), venue_lines * line_step(self.label_size)
        if self.portrait:
            return line_step(self.body_size) + title + venue + pad
        return max(line_step(self.body_size), title, venue) + pad

    def event_cell_widths(self, qr: bool = False) -> tuple[int, int]:
        """The widths a title and a venue wrap to."""
        if qr:
            return self.event_qr_cell_widths()
        if self.portrait:
            inner = self.body.w - 2 * self.event_row_inset
            return inner, inner
        cells = self.event_cells
        return cells[2][1], cells[3][1]

    @property
    def event_rows_room(self) -> int:
        """The height the rows of one page share."""
        return self.body.bottom - self.events_rows_top

    @property
    def event_rows_per_page(self) -> int:
        """Rows of one line each that fit a page (taller rows fit fewer)."""
        return max(1, (self.event_rows_room + self.event_row_gap) // (self.event_row_height(1, 1) + self.event_row_gap))

    @property
    def event_row_gap(self) -> int:
        """Portrait: the space between two row cards (landscape rows touch, shaded in turn)."""
        return self.px(8) if self.portrait else 0

    @property
    def event_row_radius(self) -> int:
        return self.px(12)

    @property
    def event_row_inset(self) -> int:
        """Portrait: the text's left and right inset in a row card."""
        return self.px(24)

    @property
    def event_row_top(self) -> int:
        """From a row's top to its first line's top."""
        return self.px(10)

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
    def honour_name_sizes(self) -> tuple[int, ...]:
        """A name steps down rather than take more than two lines."""
        return (self.px(88), self.px(72), self.px(60))

    @property
    def honour_citation_sizes(self) -> tuple[int, ...]:
        """A citation shrinks to the reading floor to stay on one card, then pages at body size."""
        return (self.body_size, self.px(44), self.reading_floor)

    def honour_name_top(self) -> int:
        """Under the title's pill (a body line high) and a gap."""
        return self.honour_text_box.y + line_step(self.body_size) + self.gap

    def honour_citation_top(self, name_lines: int, name_size: int) -> int:
        """Under the name's lines, the gold rule and a gap."""
        return self.honour_name_top() + name_lines * line_step(name_size) + self.honour_rule[1] + self.gap

    def honour_lines_per_page(self, name_lines: int, name_size: int, size: int) -> int:
        room = self.honour_text_box.bottom - self.honour_citation_top(name_lines, name_size)
        return max(1, room // line_step(size))

    @property
    def honour_rule(self) -> tuple[int, int]:
        """The gold line under the name: width and height."""
        return self.px(120), self.px(6)

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
