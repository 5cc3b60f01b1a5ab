"""Which slide shows, and since when: the rotation's state, apart from drawing it.

Only the methods here change it; everyone else reads. Proof of play counts
from `started`, so the index and the start time must move together: a slide
left out, a new feed or the standby screen each go through one method here.
"""

from __future__ import annotations

from qile_kiosk.slides import Slide


class Rotation:
    """Which slide shows, and since when (monotonic seconds)."""

    def __init__(self) -> None:
        self._slides: tuple[Slide, ...] = ()
        self._index = 0
        self._started = 0.0
        self._urgent = False

    @property
    def slides(self) -> tuple[Slide, ...]:
        return self._slides

    @property
    def started(self) -> float:
        return self._started

    @property
    def urgent(self) -> bool:
        return self._urgent

    @property
    def current(self) -> Slide | None:
        return self._slides[self._index] if self._slides else None

    @property
    def upcoming(self) -> Slide | None:
        """The slide `advance` moves to (the current one again when it is alone)."""
        return self._slides[(self._index + 1) % len(self._slides)] if self._slides else None

    def replace(self, slides: list[Slide], urgent: bool, now: float) -> bool:
        """New slides; stay on the same slide when it is still there.

        True when the slide showing was cut short (its play ends here).
        """
        key = self.current.key if self.current else None
        keys = [s.key for s in slides]
        preempt = urgent and not self._urgent
        self._slides, self._urgent = tuple(slides), urgent
        if key in keys and not preempt:
            self._index = keys.index(key)
            return False
        self._index, self._started = 0, now
        return key is not None

    def clear(self, now: float) -> None:
        """Nothing to show: the standby screen until new slides come."""
        self._slides, self._index, self._urgent, self._started = (), 0, False, now

    def drop_current(self, now: float) -> None:
        """Leave out the slide showing (it cannot be drawn); the next one starts now."""
        current = self.current
        if current is None:
            return
        self._slides = tuple(s for s in self._slides if s.key != current.key)
        self._index = self._index % len(self._slides) if self._slides else 0
        self._started = now

    def advance(self, now: float) -> None:
        if self._slides:
            self._index = (self._index + 1) % len(self._slides)
        self._started = now

    def due(self, now: float, seconds: float) -> bool:
        # A lone slide is "advanced" onto itself too: a notice shown for hours is
        # recorded as a play every slide_seconds, not never.
        return bool(self._slides) and now - self._started >= seconds
