"""The screens' colours: paper, ink, the brand red and one colour per theme."""

from __future__ import annotations

from qile_kiosk.typeset import Color

PAPER: Color = (251, 246, 236)
INK: Color = (38, 34, 30)
MUTED: Color = (110, 100, 90)
GOLD: Color = (232, 190, 92)
WHITE: Color = (255, 255, 255)
URGENT_RED: Color = (176, 24, 24)
ROW_SHADE: Color = (243, 234, 218)

# Each theme has its colour; the brand red when the community has none yet.
THEME_COLOURS: dict[str, Color] = {
    "齐有爱": (190, 40, 45),
    "齐养德": (30, 80, 140),
    "齐育美": (40, 120, 70),
    "齐健康": (0, 120, 130),
    "齐劳动": (200, 100, 20),
}
BRAND_RED: Color = (170, 30, 35)
