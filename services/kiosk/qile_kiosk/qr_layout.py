"""Geometry of the QR codes: their size, and where they go in the schedule and under a portrait notice.

Part of Layout (layout.py), which inherits it, as standby_layout.py is.

The module size rule: a module is at least MODULE_MM on the glass. At 1.5 m a
phone's main camera (about 65° across) spreads some 1.9 m of wall over a
1920-pixel preview, about 1 mm per camera pixel; decoders need two or more
camera pixels per module, so 3 mm leaves a margin (and WeChat zooms in on a
small code). The pixel pitch assumed is a 55-inch 16:9 panel's, the panel the
type sizes are chosen for (layout.py): 1218 mm across its long side, so
0.63 mm at 1920 pixels (modules of 5 px, 3.2 mm) and 0.95 mm at 1280 (4 px,
3.8 mm). A code of RESERVED_MODULES and its quiet zone is then 165 px (26 mm)
at 1920×1080 and 1080×1920, and 132 px (31 mm) at 1280×720.
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod

from pygame import Rect

MODULE_MM = 3.0
PANEL_LONG_SIDE_MM = 1218.0
# Light modules around the symbol. ISO/IEC 18004 asks for 4; phone decoders
# (WeChat's, ZXing's, zbar) read 2 reliably, and the white tile always sits on a
# light row or card, which widens the light margin a decoder sees.
QUIET_ZONE = 2
# Tiles are sized for version 3 (29 modules): 53 bytes at level L, enough for
# https://qile.example.cn/e/123456?s=12345 with room to spare. A longer address
# needs a larger version, drawn in the same tile with smaller modules (logged).
RESERVED_MODULES = 29
# Landscape schedule with codes: the date-and-time, activity and venue columns,
# as shares of the body's width less the code's column.
EVENT_QR_COLUMN_SHARES = (0.24, 0.42, 0.34)


class QrLayout(ABC):
    width: int
    height: int
    portrait: bool
    body: Rect

    @abstractmethod
    def px(self, value: float) -> int:
        """A distance in design pixels (a 1080-pixel short side) on this screen: Layout's."""

    @abstractmethod
    def step(self, size: int) -> int:
        """Baseline to baseline at `size`: layout.line_step."""

    @property
    @abstractmethod
    def body_size(self) -> int: ...

    @property
    @abstractmethod
    def label_size(self) -> int: ...

    @property
    @abstractmethod
    def title_size(self) -> int: ...

    @property
    @abstractmethod
    def gap(self) -> int: ...

    @property
    @abstractmethod
    def event_row_top(self) -> int: ...

    @property
    @abstractmethod
    def event_row_inset(self) -> int: ...

    @property
    def qr_module(self) -> int:
        """Pixels per module: MODULE_MM or more at this screen's pixel pitch (see above)."""
        pitch = PANEL_LONG_SIDE_MM / max(self.width, self.height)
        return math.ceil(MODULE_MM / pitch)

    @property
    def qr_tile(self) -> int:
        """The side of a code's white tile: a reserved code and its quiet zone."""
        return self.qr_module * (RESERVED_MODULES + 2 * QUIET_ZONE)

    @property
    def pairing_qr_tile(self) -> int:
        """The pairing screen's code: a longer address (the console page's, with the code), so
        room for version 4 (33 modules, 78 bytes at level L) at the rule's module size."""
        return self.qr_module * (RESERVED_MODULES + 4 + 2 * QUIET_ZONE)

    # The schedule with codes ----------------------------------------------------
    @property
    def event_qr_cells(self) -> list[tuple[int, int]]:
        """Landscape: the date-and-time, activity and venue columns' text start and width."""
        pad = self.px(16)
        cells, x = [], self.body.x
        room = self.body.w - self.qr_tile - 2 * pad
        for share in EVENT_QR_COLUMN_SHARES:
            w = round(room * share)
            cells.append((x + pad, w - 2 * pad))
            x += w
        return cells

    def event_qr_tile(self, row_top: int, row_right: int) -> Rect:
        """A row's code: at its right end, a row's inset from its top."""
        side = self.qr_tile
        inset = self.px(16) if not self.portrait else self.event_row_inset
        return Rect(row_right - inset - side, row_top + self.event_row_top, side, side)

    def event_qr_cell_widths(self) -> tuple[int, int]:
        """The widths a title and a venue wrap to beside a code."""
        if self.portrait:
            inner = self.body.w - 2 * self.event_row_inset
            return (inner - self.qr_tile - self.gap,) * 2
        cells = self.event_qr_cells
        return cells[1][1], cells[2][1]

    def event_qr_row_height(self, title_lines: int, venue_lines: int) -> int:
        """A row with a code: as tall as its text (landscape: the date over the time) or its code."""
        title, venue = title_lines * self.step(self.body_size), venue_lines * self.step(self.label_size)
        if self.portrait:
            text = self.step(self.body_size) + title + venue
        else:
            text = max(2 * self.step(self.body_size), title, venue)
        return max(text, self.qr_tile) + 2 * self.event_row_top

    # Portrait: coming events under a short notice -------------------------------
    def below_heading_base(self, card_bottom: int, ascent: int) -> int:
        """The heading's baseline over the events under a notice's card."""
        return card_bottom + self.gap + ascent

    def below_rows_top(self, card_bottom: int) -> int:
        return card_bottom + self.gap + self.step(self.title_size)
