"""What staff see of a screen's health: last seen, online, its report, its screenshot.

Loaded per request in batches (screens/dataloaders.py: a list of screens costs
one query for heartbeats and one for screenshots), merged with this process's
unflushed heartbeats (screens/heartbeats.py).
"""

from __future__ import annotations

from datetime import datetime, timedelta

import strawberry

from qile_api.graphql.context import Info
from qile_api.media.types import media_url
from qile_api.screens.dataloaders import HeartbeatByScreenIdLoader, ScreenshotByScreenIdLoader
from qile_api.screens.heartbeats import DeviceRuntime


def runtime(info: Info) -> DeviceRuntime:
    return info.context.app.held(DeviceRuntime)


@strawberry.type(description="What the screen said about itself in its last heartbeat.")
class ScreenReport:
    at: datetime = strawberry.field(description="When it reported.")
    content_version: str | None = strawberry.field(description="The feed version it shows.")
    mode: str | None = strawberry.field(description="showing, offline, standby, fetching …")
    uptime_seconds: int | None = strawberry.field(description="How long the kiosk had been running, in seconds.")
    last_error: str | None = strawberry.field(description="The last failure it met, if any.")


@strawberry.type(description="A downscaled picture of what the screen showed.")
class Screenshot:
    requested_at: datetime | None = strawberry.field(description="When staff last asked for one.")
    taken_at: datetime | None = strawberry.field(description="When the screen took the one it sent last.")
    sha256: strawberry.Private[str | None]

    @strawberry.field(
        description="/media/<sha256> with a signature valid for about 15 minutes; null until the screen sent one."
    )
    def url(self, info: Info) -> str | None:
        return media_url(info, self.sha256) if self.sha256 else None

    @strawberry.field(description="Asked for and not yet sent.")
    def pending(self) -> bool:
        return self.requested_at is not None and (self.taken_at is None or self.taken_at < self.requested_at)


async def report_of(info: Info, screen_id: int) -> ScreenReport | None:
    # The process's own unflushed report is newer than anything stored.
    beat = runtime(info).unflushed(screen_id) or await info.context.loaders[HeartbeatByScreenIdLoader].load(screen_id)
    if beat is None:
        return None
    return ScreenReport(
        at=beat.seen_at,
        content_version=beat.content_version,
        mode=beat.mode,
        uptime_seconds=beat.uptime_seconds,
        last_error=beat.last_error,
    )


async def last_seen_of(info: Info, screen_id: int) -> datetime | None:
    report = await report_of(info, screen_id)
    return report.at if report else None


async def online(info: Info, screen_id: int) -> bool:
    seen = await last_seen_of(info, screen_id)
    window = timedelta(seconds=info.context.settings.screen_online_seconds)
    return seen is not None and info.context.now() - seen <= window


async def screenshot_of(info: Info, screen_id: int) -> Screenshot | None:
    row = await info.context.loaders[ScreenshotByScreenIdLoader].load(screen_id)
    if row is None:
        return None
    return Screenshot(requested_at=row.requested_at, taken_at=row.taken_at, sha256=row.media_sha256)
