"""Drawing text with the CJK font and its fallbacks: measuring, wrapping and recording where it went.

Text is cleaned first (glyphs.py) so no character is drawn as a box, and
drawn in runs, each with the first face that has its characters. Every
drawn text rectangle is recorded for the frame, so tests can check that
nothing readable leaves the safe area, and no two texts overlap, without
guessing from pixels.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import pygame
import pygame.freetype

from qile_kiosk.fonts import Fonts, FontSpec
from qile_kiosk.glyphs import GlyphFilter
from qile_kiosk.layout import line_step
from qile_kiosk.textwrap_zh import COMPRESS_AT_START, PARAGRAPH_BREAK, ellipsize, wrap

Color = tuple[int, int, int]


def _face(spec: FontSpec, strong: bool = False) -> pygame.freetype.Font:
    face = pygame.freetype.Font(str(spec.path), 24, font_index=spec.index)
    face.origin = True  # positions are baselines: lines of mixed sizes (and faces) align
    face.antialiased = True
    face.pad = False
    face.strong = strong
    return face


class Typesetter:
    def __init__(self, fonts: Fonts) -> None:
        pygame.freetype.init()
        self.fonts = fonts
        # One Font object per weight and face: sizes are passed per call, so this never grows.
        self._regular = _face(fonts.regular)
        self._bold = _face(fonts.bold, strong=fonts.bold == fonts.regular)  # no bold face: embolden
        fallbacks = {bold: [_face(spec, strong=bold) for spec in fonts.fallbacks] for bold in (False, True)}
        logged: set[str] = set()
        self._filters = {
            False: GlyphFilter([self._regular, *fallbacks[False]], logged),
            True: GlyphFilter([self._bold, *fallbacks[True]], logged),
        }
        self.drawn: list[pygame.Rect] = []
        # Per (size, weight): each character's ink left and right and its advance (sizes are few).
        self._metrics: dict[tuple[int, bool], dict[str, tuple[float, float, float]]] = {}
        # Per (size, weight): ascent and descent. Asking FreeType sets the face's size each time,
        # which costs more than the answer is worth on every line drawn.
        self._extents: dict[tuple[int, bool], tuple[int, int]] = {}

    def face(self, bold: bool) -> pygame.freetype.Font:
        return self._bold if bold else self._regular

    def covers(self, ch: str) -> bool:
        """Whether some face (the primary or a fallback) draws `ch`."""
        return self._filters[False].covers(ch)

    def clean(self, text: str, bold: bool = False, keep_newlines: bool = False) -> str:
        """The text as this face can draw it (see glyphs.py)."""
        return self._filters[bold].clean(text, keep_newlines)

    def measure(self, text: str, size: int, bold: bool = False) -> int:
        return self._measure(self.clean(text, bold), size, bold)

    def _measure(self, text: str, size: int, bold: bool = False) -> int:
        """From the pen's origin to the right edge of the ink: what a line occupies.

        Summed from each character's cached metrics (faces draw without kerning), so
        wrapping a 2,000-character notice measures a few hundred glyphs, not every
        candidate line anew."""
        if not text:
            return 0
        metrics = self._glyph_metrics(size, bold)
        pen, left, right = 0.0, None, 0.0
        for ch in text:
            m = metrics.get(ch)
            if m is None:
                m = metrics[ch] = self._glyph(ch, size, bold)
            min_x, max_x, advance = m
            if left is None:
                left = min_x
            right = pen + max_x
            pen += advance
        assert left is not None
        return math.ceil(max(0.0, left) + right - left)

    def _glyph_metrics(self, size: int, bold: bool) -> dict[str, tuple[float, float, float]]:
        key = (size, bold)
        found = self._metrics.get(key)
        if found is None:
            found = self._metrics[key] = {}
        return found

    def _glyph(self, ch: str, size: int, bold: bool) -> tuple[float, float, float]:
        filt = self._filters[bold]
        m = filt.faces[filt.face_index(ch) or 0].get_metrics(ch, size=size)[0]
        if m is None:
            return 0.0, 0.0, 0.0
        min_x, max_x, _min_y, _max_y, advance, _ = m
        if max_x <= min_x:  # a space: no ink, but it takes its width
            return 0.0, advance, advance
        return min_x, max_x, advance

    def _advance(self, text: str, size: int, bold: bool) -> int:
        """How far the pen moves over `text` (clean, one face's run): where the next run starts.

        From the cached metrics: asking the face for a whole run's metrics on every
        line drawn was a third of a slide's first frame."""
        metrics = self._glyph_metrics(size, bold)
        pen = 0.0
        for ch in text:
            m = metrics.get(ch)
            if m is None:
                m = metrics[ch] = self._glyph(ch, size, bold)
            pen += m[2]
        return round(pen)

    def measurer(self, size: int, bold: bool = False) -> Callable[[str], int]:
        """Measures text that is already clean: wrapping measures it piece by piece."""
        return lambda text: self._measure(text, size, bold)

    def ascent(self, size: int, bold: bool = False) -> int:
        return self._extent(size, bold)[0]

    def descent(self, size: int, bold: bool = False) -> int:
        return self._extent(size, bold)[1]

    def _extent(self, size: int, bold: bool) -> tuple[int, int]:
        key = (size, bold)
        found = self._extents.get(key)
        if found is None:
            face = self.face(bold)
            found = self._extents[key] = (int(face.get_sized_ascender(size)), -int(face.get_sized_descender(size)))
        return found

    def line_step(self, size: int) -> int:
        return line_step(size)

    def centred_baseline(self, box: pygame.Rect, size: int) -> int:
        """The baseline that centres a line of `size` in `box` (a pill, a table row)."""
        return box.y + (box.h + self.ascent(size) - self.descent(size)) // 2

    def wrap(self, text: str, width: int, size: int, bold: bool = False, separate: bool = False) -> list[str]:
        """`separate`: paragraphs set apart by PARAGRAPH_BREAK (running text: a notice, a citation)."""
        return wrap(self.clean(text, bold, keep_newlines=True), width, self.measurer(size, bold), separate)

    def draw_lines(
        self, surface: pygame.Surface, lines: tuple[str, ...], pos: tuple[int, int], size: int, color: Color
    ) -> None:
        """Running text's lines from pos = (left, top), half a line of space at each paragraph break."""
        x, y = pos
        for line in lines:
            if line == PARAGRAPH_BREAK:
                y += self.line_step(size) // 2
                continue
            self.draw_line(surface, line, (x, y + self.ascent(size)), size, color)
            y += self.line_step(size)

    def fit(self, text: str, width: int, size: int, bold: bool = False) -> str:
        """One line cut with …: only for what staff do not type (a status line), never for content."""
        return ellipsize(self.clean(text, bold), width, self.measurer(size, bold))

    def fit_size(self, text: str, width: int, size: int, floor: int, bold: bool = False) -> int:
        """The largest size from `size` down to `floor` at which `text` fits `width` on one line."""
        while size > floor and self.measure(text, size, bold) > width:
            size = max(floor, size * 9 // 10)
        return size

    def first_fitting(
        self, texts: list[str], width: int, size: int, floor: int, bold: bool = False
    ) -> tuple[str, int] | None:
        """The first of `texts` (longest first) that fits `width` at `floor` or larger, with its size.

        For chrome with a fuller and a shorter form ("社区 · 屏幕" or "社区"); None when no form
        fits, and the chrome is left out rather than drawn over its neighbours."""
        for text in texts:
            fitted = self.fit_size(text, width, size, floor, bold)
            if self.measure(text, fitted, bold) <= width:
                return text, fitted
        return None

    def reserve(self, box: pygame.Rect, what: str) -> None:
        """Something drawn that is not text (a QR code for `what`), recorded with the texts:
        no text may be drawn over it either."""
        self.drawn.append(box)

    def draw_line(
        self,
        surface: pygame.Surface,
        text: str,
        pos: tuple[int, int],
        size: int,
        color: Color,
        bold: bool = False,
    ) -> pygame.Rect:
        """A line of running text: an opening bracket or quote that starts it is drawn
        without its blank left half (行首压缩), so the line's ink starts where the others' do."""
        text = self.clean(text, bold)
        x, base = pos
        if text[:1] in COMPRESS_AT_START:
            ink = self.face(bold).get_rect(text[0], size=size)
            x -= max(0, ink.x - size // 10)
        return self.draw(surface, text, (x, base), size, color, bold)

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
        filt = self._filters[bold]
        runs = filt.runs(text)
        x, y = pos
        rect: pygame.Rect | None = None
        for index, run in runs:
            inked = filt.faces[index].render_to(surface, (x, y), run, fgcolor=color, size=size)
            rect = inked if rect is None else rect.union(inked)
            x += self._advance(run, size, bold)
        assert rect is not None
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
