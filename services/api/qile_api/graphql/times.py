"""DateTimes answer in the city's time zone.

Stored and compared in UTC, but a staff member reading `startsAt` should see
the 09:00 they typed, not 01:00: every DateTime the API returns carries the
offset of `QILE_TIMEZONE` (+08:00 in Zibo). Inputs keep any offset; a value
without one is refused where it is read (`content/validation.py`), since
guessing a zone for it is how events end up eight hours off.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from zoneinfo import ZoneInfo

from strawberry.schema.types.base_scalars import DateTimeDefinition
from strawberry.types.scalar import ScalarDefinition


def city_datetime(timezone: str) -> ScalarDefinition:
    zone = ZoneInfo(timezone)

    def serialize(value: datetime) -> str:
        return (value.astimezone(zone) if value.tzinfo is not None else value).isoformat()

    return dataclasses.replace(
        DateTimeDefinition,
        serialize=serialize,
        description=f"Date with time (ISO 8601). Answers carry the city's offset ({timezone}); inputs need an offset.",
    )
