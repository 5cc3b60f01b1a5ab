"""Which characters the screens can draw: the kiosk fonts' coverage, read once, for the editors' warnings.

A screen draws each character with the first of its fonts that has it and a
placeholder (〓) where none has: a name such as "\ue000建华" would go on a wall
wrong. The API warns the editor when they save, without fonts of its own:
kiosk_coverage.json, beside this module, is generated from the fonts the
kiosk uses (`python -m tests.kiosk.coverage`, checked by
tests/kiosk/test_coverage.py) and lists the code points some font draws
and those the kiosk leaves out on purpose (invisible marks); any other
character becomes the placeholder. The console's preview reads the same file.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path

_TABLE = json.loads(Path(__file__).with_name("kiosk_coverage.json").read_text(encoding="utf-8"))
# Sorted, disjoint runs [first, last] of what is drawn or left out: anything else is lost.
_SHOWN: list[tuple[int, int]] = sorted((a, b) for a, b in [*_TABLE["drawn"], *_TABLE["dropped"]])
_STARTS = [a for a, _ in _SHOWN]

PLACEHOLDER = "〓"


def _lost(ch: str) -> bool:
    code = ord(ch)
    i = bisect_right(_STARTS, code) - 1
    return ch != "\n" and not (i >= 0 and _SHOWN[i][0] <= code <= _SHOWN[i][1])


def undrawable(text: str) -> list[str]:
    """The characters of `text` no screen font has, each once, in order."""
    return list(dict.fromkeys(ch for ch in text if _lost(ch)))


@dataclass(frozen=True)
class ScreenWarning:
    """A field a screen will not show as typed: the input's field name, its characters and a Chinese message."""

    field: str
    characters: tuple[str, ...]
    message: str


def screen_warning(field: str, label: str, text: str | None) -> ScreenWarning | None:
    """The warning for one field's text, if some of its characters will show as the placeholder."""
    lost = undrawable(text or "")
    if not lost:
        return None
    named = "、".join(f"“{ch}”（U+{ord(ch):04X}）" for ch in lost)
    return ScreenWarning(
        field, tuple(lost), f"{label}中的{named}屏幕字体里没有，屏幕上会显示为“{PLACEHOLDER}”，请核对后换用常用字"
    )
