"""Photos from the cache as surfaces scaled to their box, held only while shown.

The surface cache is cleared whenever a new feed arrives, so photos of
honours that left the feed don't stay in memory for days.
"""

from __future__ import annotations

import logging

import pygame

from qile_kiosk.cache import FeedCache

log = logging.getLogger(__name__)


class ImageStore:
    def __init__(self, cache: FeedCache, max_entries: int = 64) -> None:
        self.cache = cache
        self.max_entries = max_entries
        self._surfaces: dict[tuple[str, tuple[int, int]], pygame.Surface | None] = {}
        # Photos deleted as undecodable: a second failure after a fresh download
        # means the image itself is bad, and it is kept rather than fetched forever.
        self._discarded: set[str] = set()
        # Whether each image is in the cache and decodes, as last found.
        self._usable: dict[str, bool] = {}

    def clear(self) -> None:
        self._surfaces.clear()
        self._usable.clear()

    def usable(self, sha256: str) -> bool:
        """In the cache and decodable: a poster's slide is shown only then (else its text slide)."""
        if sha256 not in self._usable:
            self._usable[sha256] = self(sha256, (1, 1)) is not None
            self._surfaces.pop((sha256, (1, 1)), None)
        return self._usable[sha256]

    def __call__(self, sha256: str, box: tuple[int, int]) -> pygame.Surface | None:
        key = (sha256, box)
        if key in self._surfaces:
            return self._surfaces[key]
        if len(self._surfaces) >= self.max_entries:
            self._surfaces.clear()
        surface = self._load(sha256, box)
        self._surfaces[key] = surface  # None too: a broken image is not retried every frame
        if surface is None:
            self._usable[sha256] = False
        return surface

    def _load(self, sha256: str, box: tuple[int, int]) -> pygame.Surface | None:
        path = self.cache.image_path(sha256)
        if path is None or not path.is_file():
            log.info("photo %s not in the cache; drawing the card without it", sha256[:12])
            return None
        try:
            image = pygame.image.load(str(path))
        except (pygame.error, OSError, ValueError) as exc:
            log.warning("photo %s cannot be decoded: %s", sha256[:12], exc)
            if sha256 not in self._discarded:
                # Missing from the cache, the poller fetches it again.
                self._discarded.add(sha256)
                self.cache.discard_image(sha256)
            return None
        # Fit inside the box, keeping the aspect ratio.
        w, h = image.get_size()
        if w <= 0 or h <= 0:
            return None
        scale = min(box[0] / w, box[1] / h)
        size = (max(1, round(w * scale)), max(1, round(h * scale)))
        return pygame.transform.smoothscale(image.convert(24) if image.get_bitsize() < 24 else image, size)
