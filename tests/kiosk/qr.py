"""Reading the QR codes a real kiosk draws, with a real decoder: Debian's zbarimg (zbar-tools).

Shared by the kiosk's QR tests (tests/kiosk/test_qr_live.py) and the resident's
end-to-end test (tests/console/test_resident.py), which hands the address it
reads off a frame to a phone's browser: both walk the kiosk's rotation the
same way and read the same frames.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pygame

from qile_kiosk.app import Kiosk
from qile_kiosk.qr_layout import PANEL_LONG_SIDE_MM
from qile_kiosk.slides import EventRow, EventsSlide, NoticeSlide
from qile_kiosk.state import Mode
from tests.kiosk.conftest import run_until
from tests.kiosk.test_screens_live import draw_recorded, recording

ROOT = Path(__file__).resolve().parents[2]


def install_zbar() -> None:
    """zbarimg, installed from Debian by infra/install-zbar.sh when missing."""
    subprocess.run(["bash", str(ROOT / "infra/install-zbar.sh")], check=True)


def decode(path: Path) -> list[str]:
    """What zbarimg reads from a frame: one address per QR code found (none: empty)."""
    out = subprocess.run(
        ["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(path)], capture_output=True, text=True
    )
    assert out.returncode in (0, 4), out.stderr  # 4: no code found
    return [line for line in out.stdout.splitlines() if line]


@dataclass(frozen=True)
class CodedSlide:
    """One drawn slide that shows events: its rows, what was drawn where, and what zbarimg read off it."""

    rows: Sequence[EventRow]
    texts: list[str]
    boxes: list[pygame.Rect]
    read: list[str]
    frame: Path

    def module_mm(self, url: str) -> float:
        """The drawn code's module on the glass of a 55-inch panel, measured from the frame's pixels.

        The first dark row inside the code's box is the top edge of its top-left
        finder pattern: 7 dark modules, then a light one (the separator).
        """
        box = self.boxes[self.texts.index(url)]
        image = pygame.image.load(str(self.frame))
        size = image.get_size()
        for y in range(box.top, box.bottom):
            dark = [x for x in range(box.left, box.right) if sum(image.get_at((x, y))[:3]) < 3 * 128]
            if dark:
                run = next((i for i, x in enumerate(dark) if x != dark[0] + i), len(dark))
                return run / 7 * PANEL_LONG_SIDE_MM / max(size)
        raise AssertionError(f"no code drawn in {box}")


def coded_slides(kiosk: Kiosk, frames: Path) -> Iterator[CodedSlide]:
    """Start the kiosk, then draw each slide of one rotation that shows events and decode its frame.

    The schedule's pages show events, and so (in portrait) does a notice with
    the coming events below it. The kiosk is left running: its caller closes it.
    """
    recording(kiosk)
    kiosk.start()
    run_until(kiosk, lambda: kiosk.state.mode is Mode.SHOWING and bool(kiosk.rotation.slides))
    kiosk.step()
    for n in range(len(kiosk.rotation.slides)):
        slide = kiosk.rotation.current
        rows = slide.rows if isinstance(slide, EventsSlide) else slide.below if isinstance(slide, NoticeSlide) else ()
        if rows:
            path = frames / f"slide{n}.png"
            texts, boxes = draw_recorded(kiosk, path)
            yield CodedSlide(rows, texts, boxes, decode(path), path)
        kiosk.rotation.advance(kiosk.monotonic())
        kiosk.step()
