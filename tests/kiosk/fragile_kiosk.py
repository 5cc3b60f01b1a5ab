"""`python -m tests.kiosk.fragile_kiosk ARGS…`: `qile-kiosk` whose layout fails on one notice.

A stand-in for a bug in laying out some content (a font quirk, odd text, a
rule that divides by zero): the rotation builder raises for any feed that
holds a notice whose id is POISON. Once that feed is cached on disk, every
start of the kiosk meets it first; tests/kiosk/test_failsafe.py starts this
process again and again, as systemd would, and watches the frames it draws.
"""

from __future__ import annotations

import sys
from datetime import datetime

from qile_kiosk import app
from qile_kiosk.feed import Feed
from qile_kiosk.layout import Layout
from qile_kiosk.slides import Slide, Usable, build_rotation
from qile_kiosk.typeset import Typesetter

POISON = "poison"


def fragile_build(
    feed: Feed | None, now: datetime, layout: Layout, ts: Typesetter, usable: Usable
) -> tuple[list[Slide], bool]:
    if feed is not None and any(n.id == POISON for n in feed.notices):
        raise ValueError(f"notice {POISON} cannot be laid out")
    return build_rotation(feed, now, layout, ts, usable)


if __name__ == "__main__":
    app.build_rotation = fragile_build
    from qile_kiosk.cli import main

    sys.exit(main(sys.argv[1:]))
