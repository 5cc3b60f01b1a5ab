"""The committed table of what the kiosk's fonts draw (qile_api/kiosk_coverage.json) is what they draw.

The API warns editors from that table and the console's preview draws 〓
from it; when a font is added, removed or updated, these tests fail until it
is regenerated (`python -m tests.kiosk.coverage`).
"""

from __future__ import annotations

import json
import random
from bisect import bisect_right
from typing import Any

import pytest

from qile_kiosk.fonts import Fonts
from qile_kiosk.glyphs import PLACEHOLDER
from qile_kiosk.typeset import Typesetter
from tests.kiosk import coverage

REGENERATE = "the kiosk's fonts changed: regenerate with `python -m tests.kiosk.coverage`"


@pytest.fixture(scope="module")
def recorded() -> dict[str, Any]:
    return json.loads(coverage.COVERAGE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def produced() -> dict[str, Any]:
    return coverage.build(Fonts.discover())


def inside(table: list[list[int]], code: int) -> bool:
    i = bisect_right(table, [code, 0x110000]) - 1
    return i >= 0 and table[i][0] <= code <= table[i][1]


def test_the_table_is_what_this_machines_fonts_draw(recorded: dict[str, Any], produced: dict[str, Any]) -> None:
    # The fallback faces are optional on a screen (infra/install-fonts.sh installs them): another set
    # of faces is another table, not a changed one.
    if produced["faces"] != recorded["faces"]:
        pytest.skip(f"recorded with {recorded['faces']}, this machine's kiosk faces are {produced['faces']}")
    assert produced == recorded, REGENERATE


def test_the_table_says_what_the_kiosk_does_with_each_character(
    recorded: dict[str, Any], produced: dict[str, Any], typesetter: Typesetter
) -> None:
    if produced["faces"] != recorded["faces"]:
        pytest.skip(f"recorded with {recorded['faces']}, this machine's kiosk faces are {produced['faces']}")
    # Given rare characters, emoji, invisible marks, private use and unassigned code points, and a sample
    # of everything else: when the kiosk cleans each, it keeps, drops or replaces it as the table says.
    probes = [ord(c) for c in "齐𪚥𠀀😀🉒\u200b\ufe0f\t\u2028\ue000\U000f0000\U0003ffff\U000e0001"]
    probes += random.Random(14).sample([c for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF], 3000)
    for code in probes:
        cleaned = typesetter.clean(chr(code))
        expected = (
            "drawn" if inside(recorded["drawn"], code) else "dropped" if inside(recorded["dropped"], code) else "lost"
        )
        actual = "dropped" if cleaned == "" else "lost" if cleaned == PLACEHOLDER != chr(code) else "drawn"
        assert actual == expected, f"U+{code:04X}"
    assert inside(recorded["drawn"], ord("𪚥")) and not inside(recorded["drawn"], 0xE000)
