"""An urgent notice always ends: by default a day after it is published, and never more than a week on.

An urgent notice takes over every BULLETIN and GALLERY screen in its scope,
so one left without an end ran until someone archived it. Whenever a notice
is urgent in what a write would leave (created, made urgent, edited, or
published, at once or through review), it is settled here: an end beyond
`QILE_URGENT_MAX_DAYS` is refused. Given no display end, it is published
with one `QILE_URGENT_DEFAULT_HOURS` after it starts showing: its start, or
the moment it is published when that is later. The default is filled in at
publication, not when the draft is written: a draft written on Monday and
approved on Wednesday would otherwise be published already over (a draft
keeps no end, which the console shows as "the default length").

An end that has passed by the time a reviewer publishes is refused, saying
so in Chinese: published, the notice would never be shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from qile_api.problems import ErrorCode, Refused, problem
from qile_api.settings import Settings


def settle_urgent(row: Mapping[str, Any], now: datetime, settings: Settings, publishing: bool) -> dict[str, Any]:
    """The display end to give an urgent notice published without one; refused when its end is
    too far off, or already past when it is published."""
    if not row.get("urgent"):
        return {}
    shown_from = max(row["display_start"], now)
    longest = timedelta(days=settings.urgent_max_days)
    end = row.get("display_end")
    if end is None:
        if not publishing:
            return {}
        return {"display_end": shown_from + min(timedelta(hours=settings.urgent_default_hours), longest)}
    zibo = ZoneInfo(settings.timezone)
    if publishing and end <= now:
        raise Refused(
            problem(
                ErrorCode.INVALID,
                f"紧急通知的展示结束时间（{end.astimezone(zibo):%Y-%m-%d %H:%M}）已过，发布后不会在屏幕上显示；"
                f"请修改结束时间，或清空以按默认时长（{settings.urgent_default_hours}小时）从发布时起展示",
                "displayEnd",
            )
        )
    if end - shown_from > longest:
        latest = (shown_from + longest).astimezone(zibo)
        raise Refused(
            problem(
                ErrorCode.INVALID,
                f"紧急通知最多展示{settings.urgent_max_days}天，展示结束时间最晚为{latest:%Y-%m-%d %H:%M}",
                "displayEnd",
            )
        )
    return {}
