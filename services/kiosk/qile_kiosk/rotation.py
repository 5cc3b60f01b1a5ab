"""Which slide shows, and since when: the rotation's state, apart from drawing it."""

from __future__ import annotations

from dataclasses import dataclass, field

from qile_kiosk.slides import Slide


@dataclass
class Rotation:
    """Which slide shows, and since when (monotonic seconds)."""

    slides: list[Slide] = field(default_factory=list)
    index: int = 0
    started: float = 0.0
    urgent: bool = False

    @property
    def current(self) -> Slide | None:
        return self.slides[self.index] if self.slides else None

    def replace(self, slides: list[Slide], urgent: bool, now: float) -> bool:
        """New slides; stay on the same slide when it is still there.

        True when the slide showing was cut short (its play ends here).
        """
        key = self.current.key if self.current else None
        keys = [s.key for s in slides]
        preempt = urgent and not self.urgent
        self.slides, self.urgent = slides, urgent
        if key in keys and not preempt:
            self.index = keys.index(key)
            return False
        self.index, self.started = 0, now
        return key is not None

    def advance(self, now: float) -> None:
        if self.slides:
            self.index = (self.index + 1) % len(self.slides)
        self.started = now

    def due(self, now: float, seconds: float) -> bool:
        # A lone slide is "advanced" onto itself too: a notice shown for hours is
        # recorded as a play every slide_seconds, not never.
        return bool(self.slides) and now - self.started >= seconds
