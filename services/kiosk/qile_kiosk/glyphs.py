"""Text as the font can draw it: no boxes (tofu) for characters it lacks.

Content comes from staff typing on phones and pasting from WeChat: emoji,
tabs, zero-width spaces, variation selectors and stray control characters
all turn up. A font draws what it has no glyph for as a .notdef box, which on
a hall screen looks broken. So text is cleaned before it is measured or
drawn: tabs become spaces, invisible format characters go, and anything else
the face cannot draw (emoji, rare CJK outside the font) is left out, logged
once per character so staff can be told.
"""

from __future__ import annotations

import logging
import unicodedata

import pygame.freetype

log = logging.getLogger(__name__)

# Spaces in all but name: drawn as a plain space whatever the font has.
_AS_SPACE = {"\t": " ", "\u00a0": " ", "\u2028": " ", "\u2029": " "}
# Strings cleaned recently (titles, clock, lines): most frames repeat them.
_MEMO_LIMIT = 4096


def _invisible(ch: str) -> bool:
    """Characters meant to show nothing: control, format (zero-width, BOM, soft hyphen), variation selectors."""
    if unicodedata.category(ch) in ("Cc", "Cf"):
        return True
    code = ord(ch)
    return 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF


class GlyphFilter:
    """Cleans text for one face, remembering which characters it covers."""

    def __init__(self, face: pygame.freetype.Font, logged: set[str] | None = None) -> None:
        self.face = face
        self._covered: dict[str, bool] = {}
        self._memo: dict[tuple[str, bool], str] = {}
        # Shared between faces, so a character missing from both is logged once.
        self._logged = logged if logged is not None else set()

    def covers(self, ch: str) -> bool:
        known = self._covered.get(ch)
        if known is None:
            known = self.face.get_metrics(ch)[0] is not None
            self._covered[ch] = known
        return known

    def clean(self, text: str, keep_newlines: bool = False) -> str:
        key = (text, keep_newlines)
        cleaned = self._memo.get(key)
        if cleaned is None:
            cleaned = self._clean(text, keep_newlines)
            if len(self._memo) >= _MEMO_LIMIT:
                self._memo.clear()
            self._memo[key] = cleaned
        return cleaned

    def _clean(self, text: str, keep_newlines: bool) -> str:
        out: list[str] = []
        for ch in text:
            if ch == "\n":
                out.append("\n" if keep_newlines else " ")
                continue
            ch = _AS_SPACE.get(ch, ch)
            if _invisible(ch):
                continue
            if self.covers(ch):
                out.append(ch)
            elif ch not in self._logged:
                self._logged.add(ch)
                log.warning("font %s has no glyph for %r (U+%04X); left out", self.face.name, ch, ord(ch))
        return "".join(out)
