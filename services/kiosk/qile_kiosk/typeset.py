"""Drawing text with the CJK font: measuring, wrapping and recording where it went.

Text is cleaned first (glyphs.py) so no character is drawn as a box. Every
drawn text rectangle is recorded for the frame, so tests can check that
nothing readable leaves the safe area without guessing from pixels.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame
import pygame.freetype

from qile_kiosk.fonts import Fonts
from qile_kiosk.glyphs import GlyphFilter
from qile_kiosk.layout import line_step
from qile_kiosk.textwrap_zh import ellipsize, wrap

Color = tuple[int, int, int]


class Typesetter:
    def __init__(self, fonts: Fonts) -> None:
        pygame.freetype.init()
        self.fonts = fonts
        # One Font object per weight: sizes are passed per call, so this never grows.
        self._regular = pygame.freetype.Font(str(fonts.regular.path), 24, font_index=fonts.regular.index)
        self._bold = pygame.freetype.Font(str(fonts.bold.path), 24, font_index=fonts.bold.index)
        for face in (self._regular, self._bold):
            face.origin = True  # positions are baselines: lines of mixed sizes align
            face.antialiased = True
            face.pad = False
        if fonts.bold == fonts.regular:
            self._bold.strong = True  # no bold face installed: embolden the regular one
        logged: set[str] = set()
        self._filters = {False: GlyphFilter(self._regular, logged), True: GlyphFilter(self._bold, logged)}
        self.drawn: list[pygame.Rect] = []

    def face(self, bold: bool) -> pygame.freetype.Font:
        return self._bold if bold else self._regular

    def clean(self, text: str, bold: bool = False, keep_newlines: bool = False) -> str:
        """The text as this face can draw it (see glyphs.py)."""
        return self._filters[bold].clean(text, keep_newlines)

    def measure(self, text: str, size: int, bold: bool = False) -> int:
        return self._measure(self.clean(text, bold), size, bold)

    def _measure(self, text: str, size: int, bold: bool = False) -> int:
        if not text:
            return 0
        # From the pen's origin to the right edge of the ink: what a line occupies.
        rect = self.face(bold).get_rect(text, size=size)
        return int(max(0, rect.x) + rect.width)

    def measurer(self, size: int, bold: bool = False) -> Callable[[str], int]:
        """Measures text that is already clean: wrapping measures it piece by piece."""
        return lambda text: self._measure(text, size, bold)

    def ascent(self, size: int, bold: bool = False) -> int:
        return int(self.face(bold).get_sized_ascender(size))

    def descent(self, size: int, bold: bool = False) -> int:
        return -int(self.face(bold).get_sized_descender(size))

    def line_step(self, size: int) -> int:
        return line_step(size)

    def centred_baseline(self, box: pygame.Rect, size: int) -> int:
        """The baseline that centres a line of `size` in `box` (a pill, a table row)."""
        return box.y + (box.h + self.ascent(size) - self.descent(size)) // 2

    def wrap(self, text: str, width: int, size: int, bold: bool = False) -> list[str]:
        return wrap(self.clean(text, bold, keep_newlines=True), width, self.measurer(size, bold))

    def fit(self, text: str, width: int, size: int, bold: bool = False) -> str:
        return ellipsize(self.clean(text, bold), width, self.measurer(size, bold))

    def draw(
        self,
        surface: pygame.Surface,
        text: str,
        pos: tuple[int, int],
        size: int,
        color: Color,
        bold: bool = False,
    ) -> pygame.Rect:
        """Draw with pos = (left, baseline); return and record the inked rectangle."""
        text = self.clean(text, bold)
        if not text:
            return pygame.Rect(pos[0], pos[1], 0, 0)
        rect = self.face(bold).render_to(surface, pos, text, fgcolor=color, size=size)
        self.drawn.append(rect)
        return rect

    def draw_right(
        self,
        surface: pygame.Surface,
        text: str,
        right: int,
        baseline: int,
        size: int,
        color: Color,
        bold: bool = False,
    ) -> pygame.Rect:
        return self.draw(surface, text, (right - self.measure(text, size, bold), baseline), size, color, bold)

    def draw_centred(
        self,
        surface: pygame.Surface,
        text: str,
        centre_x: int,
        baseline: int,
        size: int,
        color: Color,
        bold: bool = False,
    ) -> pygame.Rect:
        x = centre_x - self.measure(text, size, bold) // 2
        return self.draw(surface, text, (x, baseline), size, color, bold)
