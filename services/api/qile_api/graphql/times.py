"""DateTimes answer in the city's time zone.

Stored and compared in UTC, but a staff member reading `startsAt` should see
the 09:00 they typed, not 01:00: every DateTime the API returns carries the
offset of `QILE_TIMEZONE` (+08:00 in Zibo). Inputs keep any offset. A value
without one is refused where it is read: as a typed payload error on its
field in mutations (`qile_api.fields`), as BAD_USER_INPUT in query
arguments (`require_offset`). Guessing a zone for it is how events end up
eight hours off, and PostgreSQL's driver would read it in the server's
local zone, whatever the city's is.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from strawberry.schema.types.base_scalars import DateTimeDefinition
from strawberry.types.scalar import ScalarDefinition

from qile_api.graphql.errors import BadUserInput


def in_city(value: datetime, zone: ZoneInfo) -> str:
    """How a DateTime answers: ISO 8601 with the city's offset."""
    return (value.astimezone(zone) if value.tzinfo is not None else value).isoformat()


def city_datetime(timezone: str) -> ScalarDefinition:
    zone = ZoneInfo(timezone)

    def serialize(value: datetime) -> str:
        return in_city(value, zone)

    parse = DateTimeDefinition.parse_value
    assert parse is not None

    def parse_value(value: object) -> datetime:
        parsed: datetime = parse(value)
        check_instant(parsed, None)
        return parsed

    return dataclasses.replace(
        DateTimeDefinition,
        serialize=serialize,
        parse_value=parse_value,
        description=f"Date with time (ISO 8601). Answers carry the city's offset ({timezone}); "
        "inputs need an offset (any), e.g. 2026-12-01T09:00:00+08:00.",
    )


def require_offset(value: datetime | None, field: str) -> None:
    """Refuse a query argument without a UTC offset, or one no UTC instant can hold (BAD_USER_INPUT on `field`)."""
    if value is None:
        return
    if value.tzinfo is None:
        raise BadUserInput(f"`{field}` needs a time zone, e.g. 2026-12-01T09:00:00+08:00", field=field)
    check_instant(value, field)


def check_instant(value: datetime, field: str | None) -> None:
    """Refuse a time with an offset that no UTC instant can hold (BAD_USER_INPUT on `field`).

    0001-01-01T00:00:00+05:00 parses, but lies before year 1 in UTC, where
    every comparison and the database driver would fail on it. Checked for
    every DateTime a request carries: its variables and literals at the edge
    (`inputs.py`), and again by the scalar itself.
    """
    if value.tzinfo is None:
        return
    try:
        value.astimezone(UTC)
    except OverflowError as exc:
        raise BadUserInput(f"`{field or 'DateTime'}` lies outside the years 1 to 9999 in UTC", field=field) from exc
