"""Per-request batch loaders for screens' health: their last heartbeat and screenshot."""

from __future__ import annotations

from collections.abc import Sequence

from strawberry.dataloader import DataLoader

from qile_api.db.database import Executor
from qile_api.devices.heartbeat import Heartbeat
from qile_api.devices.sql import ScreenshotRow, heartbeats_by_screen_ids, screenshots_by_screen_ids


class HeartbeatByScreenIdLoader(DataLoader[int, Heartbeat | None]):
    def __init__(self, db: Executor) -> None:
        async def load(ids: Sequence[int]) -> list[Heartbeat | None]:
            found = {r.screen_id: r for r in await heartbeats_by_screen_ids(db, ids)}
            return [found.get(i) for i in ids]

        super().__init__(load_fn=load)


class ScreenshotByScreenIdLoader(DataLoader[int, ScreenshotRow | None]):
    def __init__(self, db: Executor) -> None:
        async def load(ids: Sequence[int]) -> list[ScreenshotRow | None]:
            found = {r.screen_id: r for r in await screenshots_by_screen_ids(db, ids)}
            return [found.get(i) for i in ids]

        super().__init__(load_fn=load)
