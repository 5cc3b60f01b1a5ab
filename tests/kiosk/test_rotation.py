"""The rotation: which slide shows and since when, changed only by its own methods."""

from __future__ import annotations

from qile_kiosk.feed import parse_feed
from qile_kiosk.rotation import Rotation
from qile_kiosk.slides import NoticeSlide
from tests.kiosk.test_feed_and_cache import notice, raw_feed

NOTICES = parse_feed(raw_feed(notices=[notice(n, f"通知{n}", "正文") for n in "abc"])).notices
A, B, C = (NoticeSlide(n, (n.title,), ("正文",), 1, 1) for n in NOTICES)


def showing(rotation: Rotation) -> str | None:
    return rotation.current.item_id if rotation.current else None


def test_it_goes_round_and_a_slide_is_due_after_its_seconds() -> None:
    rotation = Rotation()
    assert rotation.current is None and not rotation.due(1e9, 12)
    rotation.replace([A, B], False, 100.0)
    assert showing(rotation) == "a" and not rotation.due(111.9, 12) and rotation.due(112.0, 12)
    rotation.advance(112.0)
    assert showing(rotation) == "b" and rotation.started == 112.0
    rotation.advance(124.0)
    assert showing(rotation) == "a"


def test_new_slides_keep_the_one_showing_where_it_still_is() -> None:
    # given b showing since 112
    rotation = Rotation()
    rotation.replace([A, B], False, 100.0)
    rotation.advance(112.0)

    # when the content changes but still holds b, then b goes on, not cut short
    assert rotation.replace([C, B], False, 115.0) is False
    assert showing(rotation) == "b" and rotation.started == 112.0

    # when b is gone, then the first slide starts now, and b's play ended here
    assert rotation.replace([C, A], False, 118.0) is True
    assert showing(rotation) == "c" and rotation.started == 118.0


def test_urgent_slides_preempt_even_the_slide_showing() -> None:
    rotation = Rotation()
    rotation.replace([A, B], False, 100.0)
    rotation.advance(112.0)
    assert rotation.replace([C, B], True, 115.0) is True
    assert showing(rotation) == "c" and rotation.urgent and rotation.started == 115.0


def test_a_slide_left_out_hands_over_to_the_next() -> None:
    rotation = Rotation()
    rotation.replace([A, B, C], False, 100.0)
    rotation.advance(112.0)
    rotation.drop_current(113.0)
    assert [s.item_id for s in rotation.slides] == ["a", "c"]
    assert showing(rotation) == "c" and rotation.started == 113.0
    rotation.drop_current(114.0)
    rotation.drop_current(115.0)
    assert rotation.current is None and rotation.slides == ()


def test_cleared_it_shows_nothing_until_new_slides_come() -> None:
    rotation = Rotation()
    rotation.replace([A, B], True, 100.0)
    rotation.clear(105.0)
    assert rotation.current is None and not rotation.urgent and not rotation.due(1e9, 12)
    assert rotation.replace([B], False, 110.0) is False  # nothing was showing: nothing cut short
    assert showing(rotation) == "b" and rotation.started == 110.0
