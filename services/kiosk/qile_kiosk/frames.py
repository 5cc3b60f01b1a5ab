"""Drawn frames as PNG files, for headless previews and tests."""

from __future__ import annotations

from pathlib import Path

import pygame


class FrameSink:
    """Writes drawn frames as numbered PNGs (headless previews and tests).

    With `keep`, only the last `keep` frames stay: a headless demo runs for
    days, and every frame kept would fill the disk.
    """

    def __init__(self, folder: Path, keep: int | None = None) -> None:
        self.folder = folder
        self.keep = keep if keep is None else max(1, keep)
        folder.mkdir(parents=True, exist_ok=True)
        self.count = 0
        if self.keep is not None:
            # A previous run's frames would never be reached by the pruning below.
            for old in folder.glob("frame-*.png"):
                old.unlink(missing_ok=True)

    def save(self, surface: pygame.Surface) -> Path:
        self.count += 1
        path = self.folder / f"frame-{self.count:05d}.png"
        pygame.image.save(surface, str(path))
        if self.keep is not None and self.count > self.keep:
            (self.folder / f"frame-{self.count - self.keep:05d}.png").unlink(missing_ok=True)
        return path
