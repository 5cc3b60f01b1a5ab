"""The screens' colours: paper, ink, the brand red, one colour per theme, and the emergency pair.

Every text colour is chosen against every background it is drawn on for
WCAG AA (4.5:1; 3:1 for the monogram's initial, the largest type): a hall is
bright and a screen is read from 4 metres. TEXT_ON lists those pairs, and
tests/kiosk/test_palette.py measures each.
"""

from __future__ import annotations

from qile_kiosk.typeset import Color

PAPER: Color = (251, 246, 236)
INK: Color = (38, 34, 30)
MUTED: Color = (110, 100, 90)
GOLD: Color = (232, 190, 92)  # rules, bands and the monogram disc: never text on a theme colour
LIGHT_GOLD: Color = (252, 236, 184)  # gold for text on a theme colour
WHITE: Color = (255, 255, 255)
ROW_SHADE: Color = (243, 234, 218)
OFFLINE_GREY: Color = (90, 90, 90)

# Emergency mode: the whole screen in URGENT_RED under an AMBER warning band.
URGENT_RED: Color = (176, 24, 24)
AMBER: Color = (255, 196, 0)

# Each theme has its colour; the brand red when the community has none yet.
THEME_COLOURS: dict[str, Color] = {
    "齐有爱": (190, 40, 45),
    "齐养德": (30, 80, 140),
    "齐育美": (34, 110, 62),
    "齐健康": (0, 106, 116),
    "齐劳动": (168, 78, 10),  # darker than the festive orange: white on it reads at 5:1
}
BRAND_RED: Color = (170, 30, 35)
ACCENTS: tuple[Color, ...] = (*THEME_COLOURS.values(), BRAND_RED)

# (text colour, the backgrounds it is drawn on, the least contrast it needs).
TEXT_ON: tuple[tuple[Color, tuple[Color, ...], float], ...] = (
    (WHITE, (*ACCENTS, URGENT_RED, OFFLINE_GREY), 4.5),
    (LIGHT_GOLD, ACCENTS, 4.5),
    (INK, (PAPER, WHITE, ROW_SHADE, AMBER), 4.5),
    (MUTED, (PAPER, WHITE, ROW_SHADE), 4.5),
    *((accent, (PAPER, WHITE, ROW_SHADE), 4.5) for accent in ACCENTS),
    *((accent, (GOLD,), 3.0) for accent in ACCENTS),  # the monogram's initial on its disc
)


def luminance(c: Color) -> float:
    """WCAG relative luminance of an sRGB colour."""

    def channel(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in c)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: Color, b: Color) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)
