"""Whole-screen states: the standby screen (no content) and the pairing code (no token)."""

from __future__ import annotations

import pygame

from qile_kiosk.feed import BRAND, ScreenInfo
from qile_kiosk.layout import Layout
from qile_kiosk.palette import BRAND_RED, GOLD, LIGHT_GOLD, WHITE
from qile_kiosk.qr import QrCodes
from qile_kiosk.typeset import Color, Typesetter

PAIRING_HINT = "请在管理后台输入配对码"


def draw_standby(
    surface: pygame.Surface,
    lay: Layout,
    ts: Typesetter,
    brand: str,
    screen: ScreenInfo | None,
    clock: str,
    date: str,
    status: str | None,
    accent: Color,
) -> None:
    """Brand, community and screen, clock and date; why nothing shows on the bottom line."""
    surface.fill(accent)
    pygame.draw.rect(surface, GOLD, lay.standby_band)
    cx, width = lay.width // 2, lay.safe.w
    brand = brand or BRAND
    size = ts.fit_size(brand, width, lay.standby_brand_size, lay.body_size, True)
    ts.draw_centred(surface, brand, cx, lay.standby_brand_base, size, LIGHT_GOLD, True)
    if screen:
        # Which screen this is, for whoever stands in front of it with a phone to the office.
        size = ts.fit_size(screen.community, width, lay.header_name_size, lay.small_size, True)
        ts.draw_centred(surface, screen.community, cx, lay.standby_community_base, size, WHITE, True)
        forms = [f"{screen.name} · {screen.location}", screen.name] if screen.location else [screen.name]
        # The screen's name is at most 40 characters: at the floor it fits any layout.
        where, size = ts.first_fitting(forms, width, lay.label_size, lay.small_size * 2 // 3) or (screen.name, 1)
        ts.draw_centred(surface, where, cx, lay.standby_screen_base, size, WHITE)
    ts.draw_centred(surface, clock, cx, lay.standby_clock_base, lay.standby_clock_size, WHITE, True)
    ts.draw_centred(surface, date, cx, lay.standby_date_base, lay.small_size, WHITE)
    if status:
        ts.draw_centred(
            surface,
            ts.fit(status, width, lay.small_size),
            cx,
            lay.safe.bottom - ts.descent(lay.small_size) - lay.status_raise,
            lay.small_size,
            WHITE,
        )


def draw_pairing(
    surface: pygame.Surface,
    lay: Layout,
    ts: Typesetter,
    brand: str,
    code: str,
    clock: str,
    status: str | None,
    url: str | None,
    codes: QrCodes,
) -> None:
    """The code as large as the screen allows (M and W are wide), the clock, and where to enter it:
    the console page's address, and its QR code for the installer's phone."""
    surface.fill(BRAND_RED)
    cx, width = lay.width // 2, lay.safe.w
    ts.draw_right(
        surface, clock, lay.safe.right, lay.safe.y + ts.ascent(lay.clock_size, True), lay.clock_size, WHITE, True
    )
    ts.draw_centred(surface, brand or BRAND, cx, lay.pairing_brand_base, lay.header_name_size, LIGHT_GOLD, True)
    ts.draw_centred(surface, PAIRING_HINT, cx, lay.pairing_hint_base, lay.body_size, WHITE)
    spaced = " ".join(code)
    size = ts.fit_size(spaced, width, lay.pairing_code_size, lay.body_size, True)
    ts.draw_centred(surface, spaced, cx, lay.pairing_code_base, size, WHITE, True)
    if status:
        ts.draw_centred(
            surface, ts.fit(status, width, lay.small_size), cx, lay.pairing_status_base, lay.small_size, WHITE
        )
    if url:
        size = ts.fit_size(url, width, lay.label_size, lay.small_size * 2 // 3)
        ts.draw_centred(surface, url, cx, lay.pairing_url_base, size, LIGHT_GOLD)
        side = lay.pairing_qr_tile
        tile = pygame.Rect(cx - side // 2, lay.pairing_qr_top, side, side)
        ts.reserve(codes.draw(surface, url, tile), url)
