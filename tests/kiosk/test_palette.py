"""Every text colour on every background it is drawn on meets WCAG AA, for every theme."""

from __future__ import annotations

import pytest

from qile_kiosk.palette import ACCENTS, GOLD, TEXT_ON, THEME_COLOURS, WHITE, contrast


@pytest.mark.parametrize(("text", "backgrounds", "least"), TEXT_ON)
def test_text_colours_read_at_aa_contrast(
    text: tuple[int, int, int], backgrounds: tuple[tuple[int, int, int], ...], least: float
) -> None:
    for background in backgrounds:
        assert contrast(text, background) >= least, (text, background, round(contrast(text, background), 2))


def test_every_theme_is_among_the_backgrounds_text_is_checked_on() -> None:
    # given the themes' colours, then each is a background white and gold text were measured on
    for colour in THEME_COLOURS.values():
        assert colour in ACCENTS
        assert any(fg == WHITE and colour in bgs for fg, bgs, _ in TEXT_ON)
    # and the plain gold of rules and discs is never a text colour on a theme colour (2.3:1 to 3.4:1)
    assert all(not (fg == GOLD and set(bgs) & set(ACCENTS)) for fg, bgs, _ in TEXT_ON)


def test_the_measure_is_wcag_s() -> None:
    assert contrast((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)
    assert contrast((119, 119, 119), (255, 255, 255)) == pytest.approx(4.48, abs=0.01)
