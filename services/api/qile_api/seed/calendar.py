"""When demo events happen: real days of the year at sensible local hours, relative to today.

A community holds its 邻居节 in May, 包粽子 the day before 端午, its 全民健身
运动会 on 8 August (全民健身日), in the morning or the evening in Zibo's own
time, never at 01:02. Past events take the latest such day that is over
by now (this year's, else last year's); coming ones the next fitting weekday.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from qile_api.reference.festivals import festival_date

SHANGHAI = ZoneInfo("Asia/Shanghai")
MON, TUE, WED, THU, FRI, SAT, SUN = range(7)

# A day in a given year, or None when there is none (a festival past the table).
DayOfYear = Callable[[int], date | None]


def fixed(month: int, day: int) -> DayOfYear:
    return lambda year: date(year, month, day)


def nth_weekday(month: int, weekday: int, n: int) -> DayOfYear:
    """The n-th (1-based) given weekday of the month: (5, SAT, 3) is the third Saturday of May."""

    def day(year: int) -> date:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))

    return day


def festival(name: str, offset_days: int = 0) -> DayOfYear:
    def day(year: int) -> date | None:
        found = festival_date(name, year)
        return found + timedelta(days=offset_days) if found else None

    return day


def local(day: date, at: time) -> datetime:
    return datetime.combine(day, at, tzinfo=SHANGHAI)


def latest_over(rule: DayOfYear, at: time, duration: timedelta, now: datetime) -> datetime | None:
    """The start of the latest occurrence (this year or last) that has ended by `now`."""
    year = now.astimezone(SHANGHAI).year
    for candidate in (year, year - 1):
        day = rule(candidate)
        if day is not None and local(day, at) + duration <= now:
            return local(day, at)
    return None


def coming(today: date, weekday: int | None, at_least_days: int) -> date:
    """The first day at least `at_least_days` after `today` that falls on `weekday` (None: any day)."""
    day = today + timedelta(days=at_least_days)
    return day if weekday is None else day + timedelta(days=(weekday - day.weekday()) % 7)
