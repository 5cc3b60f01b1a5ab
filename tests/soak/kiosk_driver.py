"""A real kiosk, headless, living a day in minutes: `python -m tests.soak.kiosk_driver --help`.

Its clock is the kiosk's seam (`now`, `monotonic`), running `--day-seconds`
of screen time in `--seconds` of real time: slides rotate, the clock's minute
changes and display windows pass at that pace. The poller talks to the real
API in real time (every `--poll` seconds). Every `--report` seconds a JSON
line says how the screen is doing, with this process's memory (RSS) and open
file descriptors as /proc has them; the soak test reads them.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from datetime import datetime
from pathlib import Path

# Before pygame is imported (by qile_kiosk.app): draw off screen.
os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

from qile_kiosk.app import Kiosk
from qile_kiosk.config import KioskConfig
from qile_kiosk.feed import SHANGHAI
from qile_kiosk.state import Mode
from tests.soak.measure import open_fds, rss_kib

SHOWING_CONTENT = (Mode.SHOWING, Mode.OFFLINE)


class CompressedClock:
    """Screen time: `speed` seconds of it pass per real second, from the real time at the start."""

    def __init__(self, speed: float) -> None:
        self.speed = speed
        self.start_real = time.monotonic()
        self.start_wall = datetime.now(SHANGHAI)

    def monotonic(self) -> float:
        return (time.monotonic() - self.start_real) * self.speed

    def now(self) -> datetime:
        from datetime import timedelta

        return self.start_wall + timedelta(seconds=self.monotonic())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--api-url", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--cache-dir", type=Path, required=True)
    parser.add_argument("--seconds", type=float, required=True, help="real seconds to run")
    parser.add_argument("--day-seconds", type=float, default=86_400.0, help="screen seconds to live meanwhile")
    parser.add_argument("--poll", type=float, default=0.5, help="real seconds between polls")
    parser.add_argument("--report", type=float, default=1.0, help="real seconds between reports")
    parser.add_argument("--log", type=Path, help="the kiosk's log (warnings while the API is away …)")
    args = parser.parse_args()
    logging.basicConfig(filename=args.log, level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")

    clock = CompressedClock(args.day_seconds / args.seconds)
    config = KioskConfig(
        api_url=args.api_url,
        token=args.token,
        cache_dir=args.cache_dir,
        poll_interval=args.poll,
        backoff_cap=args.poll * 2,
        fps=10,
    )
    kiosk = Kiosk(config, headless=True, now=clock.now, monotonic=clock.monotonic)
    kiosk.start()
    blank = 0  # frames that showed no slide although the screen had content to show
    feeds: set[str] = set()
    deadline = time.monotonic() + args.seconds
    next_report = time.monotonic()
    try:
        while True:
            kiosk.step()
            frame = kiosk.last_frame
            if frame is not None and frame.mode in SHOWING_CONTENT and frame.slide is None:
                blank += 1
            if kiosk.state.feed is not None:
                feeds.add(kiosk.state.feed.version)
            now = time.monotonic()
            if now >= next_report or now >= deadline:  # and once more at the very end
                next_report += args.report
                report = {
                    "real": round(now - clock.start_real, 2),
                    "screen_hours": round(clock.monotonic() / 3600, 2),
                    "frames": kiosk.frames_drawn,
                    "mode": kiosk.state.mode.value,
                    "slide": frame.slide.key if frame and frame.slide else None,
                    "slides": len(kiosk.rotation.slides),
                    "version": kiosk.state.feed.version if kiosk.state.feed else None,
                    "feeds": len(feeds),
                    "blank": blank,
                    "plays_pending": len(kiosk.plays.pending(100_000)),
                    "rss_kib": rss_kib(os.getpid()),
                    "fds": open_fds(os.getpid()),
                }
                print(json.dumps(report), flush=True)
            if now >= deadline:
                break
            time.sleep(1 / config.fps)
    finally:
        kiosk.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
