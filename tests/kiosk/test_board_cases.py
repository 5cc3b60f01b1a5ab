"""The kiosk still lays text out as board_cases.json says: the console's board preview is held to that table.

When a rule of the kiosk changes (a margin, a size, a line-breaking rule),
these tests fail until the table is regenerated
(`.venv/bin/python -m tests.kiosk.board_cases`); the console's Vitest and
its preview scenario then fail until the TypeScript port agrees again. So the
preview an editor trusts cannot silently drift from the screens.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from qile_kiosk.fonts import Fonts
from tests.kiosk import board_cases

REGENERATE = "the kiosk changed: regenerate with `python -m tests.kiosk.board_cases`, then update the console's port"


@pytest.fixture(scope="module")
def recorded() -> dict[str, Any]:
    return json.loads(board_cases.CASES.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def produced() -> dict[str, Any]:
    return board_cases.build(Fonts.discover())


def test_the_line_breaking_and_layout_rules_are_the_recorded_ones(
    recorded: dict[str, Any], produced: dict[str, Any]
) -> None:
    # Given the table, when the kiosk's wrapping and layout run on its samples, then nothing differs.
    for part in ("wrap", "ellipsize", "layouts", "items", "screen", "brand", "now", "qrModules"):
        assert produced[part] == recorded[part], f"{part}: {REGENERATE}"


def test_what_the_kiosk_draws_is_the_recorded_drawing(recorded: dict[str, Any], produced: dict[str, Any]) -> None:
    # The drawn frames depend on the font's metrics: they were recorded with Noto Sans CJK SC.
    if produced["font"] != recorded["font"]:
        pytest.skip(f"recorded with {recorded['font']}, this machine's kiosk font is {produced['font']}")
    for part in ("metrics", "bearings", "glyphs", "standinFrames", "fontFrames"):
        assert produced[part] == recorded[part], f"{part}: {REGENERATE}"


def test_the_table_shows_the_cases_an_editor_must_be_warned_about(recorded: dict[str, Any]) -> None:
    # A 27-character title takes two lines on a landscape board and three balanced ones on the portrait one.
    def title_lines(board: str) -> list[str]:
        frame = next(f for f in recorded["fontFrames"] if f["board"] == board and f["item"] == "notice-long-title")
        return [d[1] for d in frame["draws"] if d[0] == "text" and d[4] == recorded["layouts"][board]["titleSize"]]

    assert len(title_lines("1920x1080")) == 2 and not title_lines("1920x1080")[-1].endswith("…")
    portrait = title_lines("1080x1920")
    assert len(portrait) == 3 and "".join(portrait) == recorded["items"]["notice-long-title"]["fields"]["title"]
    assert max(map(len, portrait)) - min(map(len, portrait)) <= 1
    # Emoji and Extension B are drawn by fallback faces; nothing is left out unseen.
    assert "😀" in recorded["glyphs"]["probe"] and "😀" in recorded["glyphs"]["cleaned"]
    assert "𪚥" in recorded["glyphs"]["cleaned"]


def test_the_table_has_posters_and_gallery_photos_at_every_size(recorded: dict[str, Any]) -> None:
    # A poster fills the screen in the theme colour, drawn whole above its title, which is whole too.
    for board in recorded["layouts"]:
        for item in ("notice-poster-portrait", "notice-poster-long-title", "event-poster-landscape"):
            frame = [f for f in recorded["fontFrames"] if f["board"] == board and f["item"] == item][-1]
            fill, image, *texts = frame["draws"]
            assert fill == ["fill", "#be282d"] and image[0] == "image", (board, item)
            shape = recorded["items"][item]["fields"]["image"]
            assert abs(image[3] / image[4] - shape["width"] / shape["height"]) < 0.01
            assert all(d[0] == "text" and d[3] > image[2] + image[4] for d in texts)
        item = "notice-poster-long-title"
        frame = next(f for f in recorded["fontFrames"] if f["board"] == board and f["item"] == item)
        assert "".join(d[1] for d in frame["draws"] if d[0] == "text") == recorded["items"][item]["fields"]["title"]
        # An activity photo is a gallery's page after the bulletin's.
        photo = [f for f in recorded["fontFrames"] if f["board"] == board and f["item"] == "event-photo"][-1]
        assert photo.get("screen") == "GALLERY" and any(d[0] == "image" for d in photo["draws"])
