"""A portrait board uses its height: the coming events, with their codes, under a short notice.

Measured by pixels: the share of the body's pixel rows that hold nothing but
card or paper (no ink of text, code or stripe). Text set with the kiosk's
leading (a line step of 1.5 sizes) leaves about a third of its rows blank
even when a card is full, so a page at most half blank is a used page; a
short notice alone on a portrait card is some 80 % blank, and on a landscape
card some 70 %.
"""

from __future__ import annotations

from datetime import timedelta

import pygame
import pytest

from qile_kiosk.feed import parse_feed
from qile_kiosk.layout import Layout
from qile_kiosk.palette import PAPER, ROW_SHADE, WHITE
from qile_kiosk.render import Frame, Renderer
from qile_kiosk.slides import NoticeSlide, build_rotation
from qile_kiosk.state import Mode
from qile_kiosk.typeset import Typesetter
from tests.kiosk.board_cases import RecordingTypesetter
from tests.kiosk.test_feed_and_cache import NOW, notice, raw_feed
from tests.kiosk.test_fit import DATE, assert_drawn_well
from tests.kiosk.test_layout import events

MOSTLY_USED = 0.5


def blank_rows(surface: pygame.Surface, lay: Layout) -> float:
    """The share of the body's pixel rows (right of the notice's stripe) with no ink at all."""
    b = lay.body
    part = surface.subsurface(pygame.Rect(b.x + lay.notice_stripe, b.y, b.w - lay.notice_stripe, b.h))
    ground = pygame.mask.Mask(part.get_size())
    for colour in (WHITE, ROW_SHADE, PAPER):
        ground.draw(pygame.mask.from_threshold(part, colour, (1, 1, 1, 255)), (0, 0))
    ground.invert()  # now: ink
    row = pygame.mask.Mask((part.get_width(), 1), fill=True)
    return sum(1 for y in range(part.get_height()) if not ground.overlap_area(row, (0, y))) / part.get_height()


def short_notice_frame(
    size: tuple[int, int], ts: RecordingTypesetter, with_addresses: bool
) -> tuple[NoticeSlide, pygame.Surface, list]:
    evs = events()
    for i, e in enumerate(evs):
        e["publicUrl"] = f"https://qile.zibo.example.cn/e/{i + 1}?s=7" if with_addresses else None
    feed = parse_feed(
        raw_feed(notices=[notice("n1", "3号楼周四上午停水", "周四8:00至12:00停水检修，请提前储水。")], events=evs)
    )
    lay = Layout.for_size(*size)
    slides, _ = build_rotation(feed, NOW + timedelta(minutes=1), lay, ts)
    slide = slides[0]
    assert isinstance(slide, NoticeSlide)
    surface = pygame.Surface(size)
    ts.calls = []
    Renderer(lay, ts, lambda _sha, _box: None).draw(
        surface, Frame(Mode.SHOWING, feed.screen, feed.brand, "10:00", DATE, slide)
    )
    return slide, surface, list(zip(ts.calls, list(ts.drawn), strict=True))


def test_a_short_notice_in_portrait_has_the_coming_events_under_it(typesetter: Typesetter) -> None:
    # given a short notice and events with their resident pages, on a portrait and a landscape board
    ts = RecordingTypesetter(typesetter.fonts)
    portrait = Layout.for_size(1080, 1920)

    # when the notice's slide is drawn
    slide, surface, drawn = short_notice_frame((1080, 1920), ts, with_addresses=True)
    _, landscape, _ = short_notice_frame((1920, 1080), ts, with_addresses=True)
    _, alone, _ = short_notice_frame((1080, 1920), ts, with_addresses=False)

    # then the coming events stand under it, in order, each with its code, nothing drawn over another
    assert [r.event.id for r in slide.below] == [e["id"] for e in events()[: len(slide.below)]]
    assert len(slide.below) >= 2
    texts = [call[1] for call, _ in drawn]
    assert all(r.event.public_url in texts for r in slide.below)
    assert_drawn_well(portrait, drawn)
    # and the portrait page is used as fully as a landscape one, where alone it was mostly empty
    used = blank_rows(surface, portrait)
    assert used < MOSTLY_USED
    assert used <= blank_rows(landscape, Layout.for_size(1920, 1080))
    assert blank_rows(alone, portrait) > 0.7


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_landscape_notices_keep_their_whole_card(size: tuple[int, int], typesetter: Typesetter) -> None:
    # given the same short notice on a landscape board: events have pages of their own there
    slide, _, drawn = short_notice_frame(size, RecordingTypesetter(typesetter.fonts), with_addresses=True)

    # then its card is the whole body, with no events under it
    assert slide.below == ()
    assert_drawn_well(Layout.for_size(*size), drawn)
