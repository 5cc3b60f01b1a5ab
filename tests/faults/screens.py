"""Watching a real kiosk (headless, SDL's dummy driver) through a fault.

Every frame it draws is looked at: it must show content or the standby
screen, never a blank one. Every play the drawing loop hands to its
proof-of-play queue is counted, so that a test can compare with what the
API stored: nothing lost, nothing twice.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import asyncpg
import pygame

from qile_kiosk.app import Kiosk
from qile_kiosk.config import KioskConfig
from qile_kiosk.state import Mode

# A blank frame: one colour (nothing drawn, or a fill and nothing on it).
# Every real frame has text on it: the clock at least, and the brand or a slide.
MIN_INK = 0.005
SAMPLE = 7


def blank_reason(surface: pygame.Surface) -> str | None:
    """Why this frame counts as blank, or None when something is drawn on it."""
    width, height = surface.get_size()
    data = pygame.image.tobytes(surface, "RGB")
    counts: Counter[bytes] = Counter()
    for y in range(0, height, SAMPLE):
        row = y * width * 3
        for x in range(0, width, SAMPLE):
            i = row + x * 3
            counts[data[i : i + 3]] += 1
    total = sum(counts.values())
    (dominant, n), *_ = counts.most_common(1)
    if len(counts) < 3:
        return f"{len(counts)} colour(s) only"
    if 1 - n / total < MIN_INK:
        return f"{(1 - n / total) * 100:.2f} % drawn on {tuple(dominant)}"
    return None


def png_blank_reason(path: Path) -> str | None:
    return blank_reason(pygame.image.load(str(path)))


def fault_config(cache_dir: Path, api_url: str, token: str | None, **changes: object) -> KioskConfig:
    """Fast polls and short back-off keep a run short; the logic is the same at the defaults."""
    settings: dict[str, object] = {
        "api_url": api_url,
        "token": token,
        "cache_dir": cache_dir,
        "width": 1280,
        "height": 720,
        "poll_interval": 0.5,
        "backoff_cap": 1.0,
        "slide_seconds": 1.0,
        "request_timeout": 2.0,
    }
    settings.update(changes)
    return KioskConfig(**settings)  # type: ignore[arg-type]


@dataclass
class Watched:
    """A kiosk stepped by the test, every drawn frame checked, every play counted."""

    kiosk: Kiosk
    plays: int = 0
    frames: int = 0
    blank: list[str] = field(default_factory=list)
    # (monotonic, mode) at every change of mode.
    modes: list[tuple[float, Mode]] = field(default_factory=list)

    def __post_init__(self) -> None:
        record = self.kiosk.plays.record

        def counted(item_id: str, ended_at: datetime, seconds: float) -> None:
            # What the screen showed long enough to count (PlayLog.record's own rule).
            if round(seconds, 1) > 0:
                self.plays += 1
            record(item_id, ended_at, seconds)

        self.kiosk.plays.record = counted  # type: ignore[method-assign]

    @classmethod
    def start(cls, config: KioskConfig, **kwargs: object) -> Watched:
        kiosk = Kiosk(config, headless=True, **kwargs)  # type: ignore[arg-type]
        watched = cls(kiosk)
        kiosk.start()
        return watched

    def step(self) -> None:
        if self.kiosk.step():
            self.frames += 1
            reason = blank_reason(self.kiosk.surface)
            if reason is None and not self.content_or_standby():
                reason = "neither a slide nor the standby screen"
            if reason is not None:
                self.blank.append(f"frame {self.frames} ({self.kiosk.state.mode.value}): {reason}")
        mode = self.kiosk.state.mode
        if not self.modes or self.modes[-1][1] is not mode:
            self.modes.append((time.monotonic(), mode))

    async def run(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            self.step()
            await asyncio.sleep(0.03)

    async def until(self, predicate: Callable[[], bool], within: float, what: str = "") -> float:
        """Step until `predicate`; the seconds it took."""
        started = time.monotonic()
        while time.monotonic() - started < within:
            self.step()
            if predicate():
                return time.monotonic() - started
            await asyncio.sleep(0.03)
        state = self.kiosk.state
        raise AssertionError(f"{what or 'condition'} not met in {within} s; mode {state.mode}, {state.last_error}")

    def showing(self) -> bool:
        return self.kiosk.state.mode is Mode.SHOWING and self.kiosk.rotation.current is not None

    def titles(self) -> set[str]:
        """The titles of the notices in the feed it holds."""
        feed = self.kiosk.state.feed
        return {n.title for n in feed.notices} if feed else set()

    def content_or_standby(self) -> bool:
        """What the screen must always show: a slide, or the standby screen (which says why)."""
        return self.kiosk.rotation.current is not None or self.kiosk.status_line() is not None

    async def drain_plays(self, within: float = 20.0) -> None:
        """Without drawing (so no new plays), until the poller has uploaded every recorded play."""
        for _ in range(int(within / 0.1)):
            if not self.kiosk.plays.pending(1):
                return
            await asyncio.sleep(0.1)
        raise AssertionError("plays still queued on the screen")

    def close(self) -> None:
        self.kiosk.close()


async def stored_plays(dsn: str, screen_name: str) -> int:
    conn = await asyncpg.connect(dsn)
    try:
        return int(
            await conn.fetchval(
                "SELECT count(*) FROM plays p JOIN screens s ON s.id = p.screen_id WHERE s.name = $1", screen_name
            )
        )
    finally:
        await conn.close()
