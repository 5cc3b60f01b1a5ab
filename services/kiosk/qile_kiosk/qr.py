"""QR codes drawn into a frame: an event's resident page, the console page that claims a pairing code.

The code's matrix comes from segno (pure Python, maintained); each module is
drawn as a square of whole pixels, dark on white, with a quiet zone (sizes:
qr_layout.py), so no scaling blurs a module's edge. The addresses are the API's
(an event's `publicUrl`, a pairing's `claimUrl`): the kiosk never makes one up.
"""

from __future__ import annotations

import logging
from collections import OrderedDict

import pygame
import segno

from qile_kiosk.palette import INK, WHITE
from qile_kiosk.qr_layout import QUIET_ZONE, RESERVED_MODULES

log = logging.getLogger(__name__)

# Surfaces kept: a slide's few codes, drawn again on every page that shows them.
CACHED = 32


def encode(url: str) -> segno.QRCode:
    """The code of `url` as screens draw it (the console's board preview encodes alike).

    Level L: a screen's code is never creased or stained; segno raises the level
    when the address fits the same version at a higher one."""
    return segno.make(url, error="l", micro=False, boost_error=True)


class QrCodes:
    """Encodes and draws codes, keeping the surfaces of the last few."""

    def __init__(self) -> None:
        self._surfaces: OrderedDict[tuple[str, int], pygame.Surface] = OrderedDict()
        self._warned: set[str] = set()

    def draw(self, surface: pygame.Surface, url: str, tile: pygame.Rect) -> pygame.Rect:
        """The code for `url` centred in the square `tile`, with its quiet zone; returns the drawn rectangle."""
        code = self._surface(url, tile.w)
        drawn = code.get_rect(center=tile.center)
        surface.blit(code, drawn)
        return drawn

    def _surface(self, url: str, side: int) -> pygame.Surface:
        key = (url, side)
        found = self._surfaces.get(key)
        if found is not None:
            self._surfaces.move_to_end(key)
            return found
        qr = encode(url)
        n = qr.symbol_size(border=QUIET_ZONE)[0]
        module = max(1, side // n)
        if n > RESERVED_MODULES + 2 * QUIET_ZONE and url not in self._warned:
            self._warned.add(url)
            log.warning("address of %d characters: its QR code is drawn with %d px modules", len(url), module)
        made = pygame.Surface((n * module, n * module))
        made.fill(WHITE)
        for y, row in enumerate(qr.matrix_iter(border=QUIET_ZONE)):
            for x, dark in enumerate(row):
                if dark:
                    made.fill(INK, (x * module, y * module, module, module))
        self._surfaces[key] = made
        while len(self._surfaces) > CACHED:
            self._surfaces.popitem(last=False)
        return made
