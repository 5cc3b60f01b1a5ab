"""Times as residents and staff read them: in the city's time, in Chinese."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

_WEEKDAYS = "一二三四五六日"


def day_and_time(at: datetime, timezone: str) -> str:
    """12月5日（周六）09:00."""
    local = at.astimezone(ZoneInfo(timezone))
    return f"{local.month}月{local.day}日（周{_WEEKDAYS[local.weekday()]}）{local:%H:%M}"


def span(starts: datetime, ends: datetime, timezone: str) -> str:
    """12月5日（周六）09:00–11:00, or both days when it runs past midnight."""
    tz = ZoneInfo(timezone)
    if starts.astimezone(tz).date() == ends.astimezone(tz).date():
        return f"{day_and_time(starts, timezone)}–{ends.astimezone(tz):%H:%M}"
    return f"{day_and_time(starts, timezone)} 至 {day_and_time(ends, timezone)}"
