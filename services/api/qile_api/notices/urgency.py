"""An urgent notice always ends: by default a day after it starts showing, and never more than a week on.

An urgent notice takes over every BULLETIN and GALLERY screen in its scope,
so one left without an end ran until someone archived it. Whenever a notice
is urgent in what a write would leave (created, made urgent, edited, or
published, at once or through review), it is settled here: given no display
end, it gets one `QILE_URGENT_DEFAULT_HOURS` after it starts showing; an end
beyond `QILE_URGENT_MAX_DAYS` is refused. "Starts showing" is its start, or
now when that is earlier (a draft written days ago starts when published).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from qile_api.problems import ErrorCode, Refused, problem
from qile_api.settings import Settings


def settle_urgent(row: Mapping[str, Any], now: datetime, settings: Settings) -> dict[str, Any]:
    """The display end to add to an urgent notice that has none; refused when its end is too far off."""
    if not row.get("urgent"):
        return {}
    shown_from = max(row["display_start"], now)
    longest = timedelta(days=settings.urgent_max_days)
    end = row.get("display_end")
    if end is None:
        return {"display_end": shown_from + min(timedelta(hours=settings.urgent_default_hours), longest)}
    if end - shown_from > longest:
        latest = (shown_from + longest).astimezone(ZoneInfo(settings.timezone))
        raise Refused(
            problem(
                ErrorCode.INVALID,
                f"紧急通知最多展示{settings.urgent_max_days}天，展示结束时间最晚为{latest:%Y-%m-%d %H:%M}",
                "displayEnd",
            )
        )
    return {}
