"""Text as the fonts can draw it: no boxes (tofu), and no character silently lost.

Content comes from staff typing on phones and pasting from WeChat: emoji,
tabs, zero-width spaces, variation selectors and stray control characters
all turn up. A font draws what it has no glyph for as a .notdef box, which on
a hall screen looks broken. So text is cleaned before it is measured or
drawn: tabs become spaces, invisible format characters go, and each other
character is drawn by the first face that has it (the primary CJK face, then
the fallbacks of fonts.py). A character no face has becomes PLACEHOLDER, the
geta mark typesetters use for a missing character: a name must never lose a
character unseen ("𪚥建华" shown as "建华"). The API warns the editor of such
characters when they save (kiosk_coverage).
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Sequence

import pygame.freetype

log = logging.getLogger(__name__)

# Drawn where no face has the character: visible, and plainly not a letter.
PLACEHOLDER = "〓"
# Spaces in all but name: drawn as a plain space whatever the font has.
_AS_SPACE = {"\t": " ", "\u00a0": " ", "\u2028": " ", "\u2029": " "}
# Strings cleaned recently (titles, clock, lines): most frames repeat them.
_MEMO_LIMIT = 4096


def invisible(ch: str) -> bool:
    """Characters meant to show nothing: control, format (zero-width, BOM, soft hyphen), variation selectors."""
    if unicodedata.category(ch) in ("Cc", "Cf"):
        return True
    code = ord(ch)
    # Skin-tone modifiers colour the emoji before them; a monochrome face draws them as swatches.
    return 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF or 0x1F3FB <= code <= 0x1F3FF


class GlyphFilter:
    """Cleans text for one weight's faces (primary first), remembering which face draws each character."""

    def __init__(self, faces: Sequence[pygame.freetype.Font], logged: set[str] | None = None) -> None:
        self.faces = tuple(faces)
        self._face_of: dict[str, int | None] = {}
        self._memo: dict[tuple[str, bool], str] = {}
        # Shared between weights, so a character missing from all faces is logged once.
        self._logged = logged if logged is not None else set()

    def face_index(self, ch: str) -> int | None:
        """The first face that has a glyph for `ch`, or None."""
        if ch in self._face_of:
            return self._face_of[ch]
        found = next((i for i, face in enumerate(self.faces) if face.get_metrics(ch)[0] is not None), None)
        self._face_of[ch] = found
        return found

    def covers(self, ch: str) -> bool:
        return self.face_index(ch) is not None

    def runs(self, clean: str) -> list[tuple[int, str]]:
        """Clean text as (face index, characters) runs, each drawn with one face."""
        out: list[tuple[int, str]] = []
        for ch in clean:
            index = self.face_index(ch) or 0
            if out and out[-1][0] == index:
                out[-1] = (index, out[-1][1] + ch)
            else:
                out.append((index, ch))
        return out

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
            if invisible(ch):
                continue
            if self.covers(ch):
                out.append(ch)
                continue
            out.append(PLACEHOLDER)
            if ch not in self._logged:
                self._logged.add(ch)
                log.warning("no font has a glyph for %r (U+%04X); drawn as %s", ch, ord(ch), PLACEHOLDER)
        return "".join(out)
