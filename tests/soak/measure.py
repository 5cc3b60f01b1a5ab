"""How long the soak runs, and what a process holds, read from /proc."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

# `make soak` sets 600 (ten minutes per soak); `make test` runs a short one.
SECONDS = float(os.environ.get("QILE_SOAK_SECONDS", "30"))


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for {pid}")


def open_fds(pid: int) -> int:
    return len(os.listdir(f"/proc/{pid}/fd"))


@dataclass
class Samples:
    """RSS and open file descriptors of one process over time (real seconds since the start)."""

    pid: int
    points: list[tuple[float, int, int]] = field(default_factory=list)

    def take(self, at: float) -> None:
        self.points.append((at, rss_kib(self.pid), open_fds(self.pid)))

    def add(self, at: float, rss: int, fds: int) -> None:
        """A sample the process took of itself."""
        self.points.append((at, rss, fds))

    def after(self, at: float) -> tuple[float, int, int]:
        """The first sample at or after `at` (the end of the warm-up)."""
        return next(p for p in self.points if p[0] >= at)

    def summary(self, warm_at: float) -> str:
        start, warm, end = self.points[0], self.after(warm_at), self.points[-1]
        peak = max(p[1] for p in self.points)
        # RSS at each fifth of the run: a leak shows as a climb, noise as a wobble.
        fifths = [self.after(end[0] * i / 5)[1] / 1024 for i in range(1, 5)] + [end[1] / 1024]
        return (
            f"RSS start {start[1] / 1024:.1f} MiB, after warm-up {warm[1] / 1024:.1f} MiB, "
            f"end {end[1] / 1024:.1f} MiB (peak {peak / 1024:.1f}, growth after warm-up "
            f"{(end[1] - warm[1]) / 1024:+.1f} MiB; by fifths {' '.join(f'{m:.1f}' for m in fifths)}); "
            f"fds start {start[2]}, after warm-up {warm[2]}, end {end[2]}"
        )
