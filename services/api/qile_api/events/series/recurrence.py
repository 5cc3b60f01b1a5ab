"""Recurrence rules of event series: RFC 5545 RRULE, read by python-dateutil and nothing else.

A series is written as its first event (the template: start, end, sign-up
window) and a rule such as `FREQ=WEEKLY;BYDAY=SA;UNTIL=20260630`. The rule
runs on the city's wall clock (`QILE_TIMEZONE`, Asia/Shanghai): each
occurrence falls on a date the rule gives, at the template's time of day in
the city, whatever offset the template was written with, so a 19:00 广场舞
stays at 19:00 in any zone that changes its clocks. The template's start is
the earliest an occurrence may be: a rule for Saturdays over a Wednesday
template begins on the Saturday after (python-dateutil's reading, where RFC
5545 would also count the start itself). Skipped dates (EXDATE) and a
date-only UNTIL are the city's dates; UNTIL with a time in UTC (`…Z`, as RFC
5545 writes it beside a zoned start) is taken too.

What a rule may say is narrowed so that every rule the API takes gives its
dates steadily and cheaply: by day or by week (FREQ=DAILY, WEEKLY), every 1
to `RECURRENCE_INTERVAL_MAX` periods, on weekdays (BYDAY), ending by COUNT or
UNTIL, at most `EVENT_SERIES_MAX` occurrences once skipped dates are left out.
Anything else is refused with a Chinese message on the `rule` field: a rule
that never ends would write events without end, and a filter no date meets
(BYMONTH=2;BYMONTHDAY=30) would have the parser search until the year 9999.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from dateutil.rrule import DAILY, WEEKLY, rrule, rrulestr

from qile_api.limits import EVENT_SERIES_MAX, RECURRENCE_INTERVAL_MAX
from qile_api.problems import ErrorCode, Problem, Refused, problem

EXAMPLE = "FREQ=WEEKLY;BYDAY=SA;COUNT=8"
RULE_MAX_CHARS = 500
RULE_FIELD = "rule"
SKIP_FIELD = "skip"

DESCRIPTION = (
    f"重复规则: an RFC 5545 RRULE value, e.g. `{EXAMPLE}` or `FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;UNTIL=20260630`. "
    f"FREQ=DAILY or WEEKLY, INTERVAL 1 to {RECURRENCE_INTERVAL_MAX}, BYDAY weekdays, WKST, and COUNT or UNTIL "
    "(one of them: a rule must end). Dates are the city's (a date-only UNTIL includes that day); each occurrence "
    "starts at the first event's time of day, on or after its start. At most "
    f"{EVENT_SERIES_MAX} occurrences, skipped dates left out; at most {RULE_MAX_CHARS} characters."
)
SKIP_DESCRIPTION = (
    "跳过的日期 (EXDATE): dates in the city's calendar the rule gives but the series leaves out "
    "(a holiday); each must be one of the rule's dates."
)

_UNREADABLE = f"重复规则无法识别：请写一行 RRULE，例如 {EXAMPLE}"


@dataclass(frozen=True)
class Recurrence:
    """What a rule gives from a template: its normalised text and the city's dates, kept and skipped."""

    rule: str
    dates: tuple[date, ...]
    skipped: tuple[date, ...]


def wall_clock(value: datetime, zone: ZoneInfo) -> datetime:
    """An instant as the city's clocks show it (naive)."""
    return value.astimezone(zone).replace(tzinfo=None)


def shifted(value: datetime, days: int, zone: ZoneInfo) -> datetime:
    """The same time of day in the city, `days` later: wall-clock arithmetic, so a change of offset cannot move it."""
    return (wall_clock(value, zone) + timedelta(days=days)).replace(tzinfo=zone)


def expand(text: str, start: datetime, skip: Iterable[date], zone: ZoneInfo) -> Recurrence:
    """The dates a rule gives from `start` (aware), less `skip`; `Refused` on the field at fault."""
    rule = _checked(_parse(text.strip(), wall_clock(start, zone), zone), wall_clock(start, zone), zone)
    wanted = set(skip)
    if len(wanted) > EVENT_SERIES_MAX:
        raise Refused(problem(ErrorCode.INVALID, f"跳过的日期不能超过{EVENT_SERIES_MAX}个", SKIP_FIELD))
    kept: list[date] = []
    skipped: list[date] = []
    # Bounded: the rule ends (checked), every period gives dates, and at most
    # EVENT_SERIES_MAX + 1 kept dates and len(skip) skipped ones are read.
    for occurrence in rule:
        day = occurrence.date()
        if day in wanted:
            skipped.append(day)
            continue
        kept.append(day)
        if len(kept) > EVENT_SERIES_MAX:
            raise Refused(_too_many())
    if unknown := sorted(wanted - set(skipped)):
        raise Refused(
            problem(ErrorCode.INVALID, f"跳过的日期 {unknown[0].isoformat()} 不是这条规则给出的日期", SKIP_FIELD)
        )
    if not kept:
        raise Refused(problem(ErrorCode.INVALID, "按这条规则，跳过之后没有要举办的日期", RULE_FIELD))
    return Recurrence(_normalised(rule), tuple(kept), tuple(sorted(skipped)))


def moved_rule(text: str, start: datetime, days: int, zone: ZoneInfo) -> str:
    """A normalised rule (as `expand` stored it) for a series moved `days` later: its UNTIL moves with it."""
    local = wall_clock(start, zone)
    rule = _parse(text, local, zone)
    until = _parts(rule)["_until"]
    moved = rule.replace(dtstart=local + timedelta(days=days))
    if until is not None:
        moved = moved.replace(until=until + timedelta(days=days))
    return _normalised(moved)


def _parse(text: str, local: datetime, zone: ZoneInfo) -> rrule:
    if not text:
        raise Refused(problem(ErrorCode.REQUIRED, "请填写重复规则", RULE_FIELD))
    # One line, one rule: a DTSTART or EXDATE line would override what the
    # series' own fields say.
    if len(text) > RULE_MAX_CHARS or any(ch.isspace() for ch in text):
        raise Refused(problem(ErrorCode.INVALID, _UNREADABLE, RULE_FIELD))
    # dateutil takes an UNTIL in local time only beside a naive start, and one
    # in UTC only beside a zoned start: try the city's wall clock both ways.
    for dtstart in (local, local.replace(tzinfo=zone)):
        try:
            with warnings.catch_warnings():
                # COUNT with UNTIL: dateutil warns, `_checked` refuses.
                warnings.simplefilter("ignore", DeprecationWarning)
                parsed = rrulestr(text, dtstart=dtstart)
        except (ValueError, KeyError, IndexError, TypeError, OverflowError):
            continue
        if isinstance(parsed, rrule):
            return parsed
    raise Refused(problem(ErrorCode.INVALID, _UNREADABLE, RULE_FIELD))


def _parts(rule: rrule) -> dict[str, Any]:
    # What dateutil read, as it keeps it: its own __str__ and replace() read
    # these attributes, and it offers no public accessor for them.
    return vars(rule)


def _checked(rule: rrule, local: datetime, zone: ZoneInfo) -> rrule:
    """The rule if the API takes it (see the module's docstring), on the city's naive wall clock."""
    parts = _parts(rule)

    def refuse(message: str) -> Refused:
        return Refused(problem(ErrorCode.INVALID, message, RULE_FIELD))

    if parts["_freq"] not in (DAILY, WEEKLY):
        raise refuse("只能按天（FREQ=DAILY）或按周（FREQ=WEEKLY）重复")
    if {name for name, value in parts["_original_rule"].items() if value is not None} - {"byweekday"}:
        raise refuse("重复规则只能写 FREQ、INTERVAL、BYDAY、WKST 和 COUNT 或 UNTIL；时刻取自开始时间")
    if not 1 <= parts["_interval"] <= RECURRENCE_INTERVAL_MAX:
        raise refuse(f"间隔（INTERVAL）须在1到{RECURRENCE_INTERVAL_MAX}之间")
    count, until = parts["_count"], parts["_until"]
    if count is None and until is None:
        raise refuse("重复规则须有结束：用 UNTIL 写截止日期，或用 COUNT 写次数")
    if count is not None and until is not None:
        raise refuse("COUNT 和 UNTIL 只能写一个")
    if count is not None and count < 1:
        raise refuse("次数（COUNT）至少为1")
    if count is not None and count > EVENT_SERIES_MAX:
        raise Refused(_too_many())
    if until is None:
        return rule.replace(dtstart=local)
    if until.tzinfo is not None:
        until = wall_clock(until, zone)
    elif until.time() == time(0):
        # UNTIL=20260630: through that day, as people read a last date.
        until = datetime.combine(until.date(), time(23, 59, 59))
    return rule.replace(dtstart=local, until=until)


def _too_many() -> Problem:
    return problem(
        ErrorCode.INVALID, f"一个系列最多{EVENT_SERIES_MAX}次活动（跳过的日期不算），请缩短重复范围", RULE_FIELD
    )


def _normalised(rule: rrule) -> str:
    """The RRULE value as dateutil writes it back (its last line; the first is the DTSTART)."""
    return str(rule).splitlines()[-1].removeprefix("RRULE:")
