"""Per-request batch loaders for screens: the screens themselves, their feed principal, their health."""

from __future__ import annotations

from typing import Self

from qile_api.graphql.context import Context
from qile_api.graphql.dataloaders import RowsByKeyLoader
from qile_api.screens.sql import (
    Heartbeat,
    ScreenPrincipal,
    ScreenRow,
    ScreenshotRow,
    active_screen_principals,
    heartbeats_by_screen_ids,
    screens_by_ids,
    screenshots_by_screen_ids,
)


class ScreenByIdLoader(RowsByKeyLoader[int, ScreenRow]):
    @classmethod
    def for_request(cls, context: Context) -> Self:
        return cls(context.db, screens_by_ids, lambda row: row.id)


class ScreenPrincipalByIdLoader(RowsByKeyLoader[int, ScreenPrincipal]):
    """An active screen with its region path and feed revision; None once decommissioned."""

    @classmethod
    def for_request(cls, context: Context) -> Self:
        return cls(context.db, active_screen_principals, lambda principal: principal.screen.id)


class HeartbeatByScreenIdLoader(RowsByKeyLoader[int, Heartbeat]):
    @classmethod
    def for_request(cls, context: Context) -> Self:
        return cls(context.db, heartbeats_by_screen_ids, lambda beat: beat.screen_id)


class ScreenshotByScreenIdLoader(RowsByKeyLoader[int, ScreenshotRow]):
    @classmethod
    def for_request(cls, context: Context) -> Self:
        return cls(context.db, screenshots_by_screen_ids, lambda shot: shot.screen_id)
