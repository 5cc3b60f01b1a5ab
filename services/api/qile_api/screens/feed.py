"""The screen feed: what one screen shows now, built once per community.

Screens of the same community and kind show the same content, so the built
content is cached under (community, kind) and shared. An entry stays good
while the feed revisions along the community's path are unchanged and the
clock has not reached the next window boundary (a notice starting or
ending, an event entering the horizon or ending). The version is a digest of
what is shown, so every API process derives the same version for the same
content and a screen may poll any of them.
"""

from __future__ import annotations

import asyncio
import dataclasses
import functools
import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Self

from cachetools import LRUCache

from qile_api.db.database import Executor
from qile_api.events.sql import EventRow, feed_events, feed_photo_events
from qile_api.honours.sql import HonourRow, feed_honours
from qile_api.metrics.instruments import FEED_BUILDS, FEED_CACHE_LOOKUPS
from qile_api.notices.sql import NoticeRow, feed_notices, feed_photo_notices
from qile_api.regions.sql import RegionRow, regions_by_ids
from qile_api.screens.sql import ScreenPrincipal, ScreenRow, next_feed_boundary
from qile_api.settings import Settings
from qile_api.themes.sql import ThemeRow, all_themes

FeedKey = tuple[int, str]


@dataclass(frozen=True)
class FeedContent:
    revision: int
    valid_until: datetime | None
    regions: tuple[RegionRow, ...]
    themes: tuple[ThemeRow, ...]
    notices: tuple[NoticeRow, ...]
    honours: tuple[HonourRow, ...]
    events: tuple[EventRow, ...]
    # GALLERY only: notices and events whose image is an activity photo.
    photo_notices: tuple[NoticeRow, ...]
    photo_events: tuple[EventRow, ...]
    digest: str

    @property
    def images(self) -> frozenset[str]:
        """Every image this feed shows: what its screens may fetch though it is off public view."""
        items = (*self.notices, *self.events, *self.photo_notices, *self.photo_events)
        return frozenset(
            [
                *(h.photo_sha256 for h in self.honours if h.photo_sha256),
                *(i.image_sha256 for i in items if i.image_sha256),
            ]
        )

    def fresh(self, revision: int, now: datetime) -> bool:
        return self.revision == revision and (self.valid_until is None or now < self.valid_until)


def _digest(*parts: object) -> str:
    def plain(value: object) -> object:
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return dataclasses.asdict(value)
        return str(value)

    blob = json.dumps(parts, default=plain, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()


def feed_version(principal: ScreenPrincipal, content: FeedContent) -> str:
    """Changes with the content and with the screen's own name, kind and place."""
    return screen_version(principal.screen, content.digest)


@functools.lru_cache(maxsize=65_536)
def screen_version(screen: ScreenRow, content_digest: str) -> str:
    # Kept: every poll asks, and the answer changes only with the content or the screen.
    return _digest(content_digest, screen)[:24]


async def build_feed(db: Executor, principal: ScreenPrincipal, now: datetime, horizon: timedelta) -> FeedContent:
    path = principal.path
    gallery = principal.screen.kind == "GALLERY"
    regions = tuple(sorted(await regions_by_ids(db, path), key=lambda r: len(r.path)))
    themes = tuple(await all_themes(db))
    # A gallery shows honours, and urgent notices preempt it like any screen;
    # a bulletin shows notices and the coming events.
    notices = tuple(await feed_notices(db, path, now, urgent_only=gallery))
    honours = tuple(await feed_honours(db, path)) if gallery else ()
    events = () if gallery else tuple(await feed_events(db, path, now, now + horizon))
    photo_notices = tuple(await feed_photo_notices(db, path, now)) if gallery else ()
    photo_events = tuple(await feed_photo_events(db, path, now, now + horizon)) if gallery else ()
    valid_until = await next_feed_boundary(db, path, now, horizon)
    return FeedContent(
        revision=principal.revision,
        valid_until=valid_until,
        regions=regions,
        themes=themes,
        notices=notices,
        honours=honours,
        events=events,
        photo_notices=photo_notices,
        photo_events=photo_events,
        digest=_digest(regions, themes, notices, honours, events, photo_notices, photo_events),
    )


class FeedCache:
    """Built feeds by (community, kind), with one build at a time per key."""

    def __init__(self, max_entries: int, horizon: timedelta) -> None:
        self._entries: LRUCache[FeedKey, FeedContent] = LRUCache(maxsize=max_entries)
        self._building: dict[FeedKey, asyncio.Future[FeedContent]] = {}
        self.horizon = horizon
        self.builds = 0

    @classmethod
    def for_settings(cls, settings: Settings) -> Self:
        return cls(settings.feed_cache_entries, timedelta(days=settings.feed_horizon_days))

    def clear(self) -> None:
        """Forget every built feed (a build under way still finishes and is shared)."""
        self._entries.clear()
        self.builds = 0

    def peek(self, principal: ScreenPrincipal, now: datetime) -> FeedContent | None:
        """The built feed when it is still good, without building."""
        cached = self._entries.get((principal.screen.community_id, principal.screen.kind))
        return cached if cached is not None and cached.fresh(principal.revision, now) else None

    async def get(self, db: Executor, principal: ScreenPrincipal, now: datetime) -> FeedContent:
        key = (principal.screen.community_id, principal.screen.kind)
        cached = self.peek(principal, now)
        if cached is not None:
            FEED_CACHE_LOOKUPS.labels("hit").inc()
            return cached
        FEED_CACHE_LOOKUPS.labels("miss").inc()
        pending = self._building.get(key)
        if pending is not None:
            # Another request is building this feed: share its result.
            return await asyncio.shield(pending)
        future: asyncio.Future[FeedContent] = asyncio.get_running_loop().create_future()
        self._building[key] = future
        try:
            content = await build_feed(db, principal, now, self.horizon)
            self.builds += 1
            FEED_BUILDS.labels("ok").inc()
            self._entries[key] = content
            future.set_result(content)
            return content
        except asyncio.CancelledError:
            future.cancel()
            raise
        except Exception as exc:
            FEED_BUILDS.labels("error").inc()
            future.set_exception(exc)
            # Nobody else may be waiting; keep asyncio from warning about it.
            future.exception()
            raise
        finally:
            del self._building[key]
