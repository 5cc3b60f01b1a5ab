"""Keeping the feed's photos in the cache, apart from the feed itself.

A photo that cannot be fetched (a 404, bytes that don't match their hash, a
full disk) must not hold back the feed, nor make every poll download the
whole feed again: the feed's version is kept, and missing photos are retried
on their own backoff. A photo lost from the cache later (deleted, or found
corrupt when drawn or at start) is simply missing again and fetched anew.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable

import httpx

from qile_kiosk.cache import FeedCache
from qile_kiosk.feed import Event, Feed, Notice, Photo

log = logging.getLogger(__name__)

FetchBytes = Callable[[httpx.AsyncClient, str], Awaitable[bytes]]


def feed_photos(feed: Feed | None) -> dict[str, Photo]:
    """Every image the feed may show: honours' photos, posters and photos of notices and events, gallery photos."""
    if feed is None:
        return {}
    photos = [h.photo for h in feed.honours if h.photo is not None]
    items: list[Notice | Event] = [*feed.notices, *feed.events]
    photos += [i.image.photo for i in items if i.image is not None]
    photos += [p.photo for p in feed.photos]
    return {photo.sha256: photo for photo in photos}


class PhotoFetcher:
    def __init__(
        self,
        cache: FeedCache,
        wait: Callable[[int], float],
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.cache = cache
        self.wait = wait  # seconds before retry number n
        self.monotonic = monotonic
        self.wanted: dict[str, Photo] = {}
        self.failures = 0
        self.retry_at = 0.0

    def want(self, feed: Feed | None) -> None:
        """The photos of this feed; new ones are tried at once."""
        wanted = feed_photos(feed)
        if wanted.keys() - self.wanted.keys():
            self.failures, self.retry_at = 0, 0.0
        self.wanted = wanted

    def missing(self) -> list[Photo]:
        return [photo for sha, photo in self.wanted.items() if not self.cache.has_image(sha)]

    async def fetch(self, http: httpx.AsyncClient, fetch_bytes: FetchBytes) -> int:
        """Fetch the missing photos when their retry is due; the number stored."""
        missing = self.missing()
        if not missing or self.monotonic() < self.retry_at:
            return 0
        stored = 0
        for photo in missing:
            try:
                data = await fetch_bytes(http, photo.url)
            except httpx.HTTPError as exc:
                log.warning("photo %s not fetched: %s", photo.sha256[:12], exc)
                continue
            try:
                stored += self.cache.save_image(photo.sha256, data)
            except OSError as exc:
                # A full disk must not hold back the feed (urgent notices included).
                log.error("photo %s not stored: %s", photo.sha256[:12], exc)
        if stored == len(missing):
            self.failures, self.retry_at = 0, 0.0
        else:
            self.failures += 1
            delay = self.wait(self.failures)
            self.retry_at = self.monotonic() + delay
            log.info("%d photo(s) still missing; retrying in %.0f s", len(missing) - stored, delay)
        return stored
