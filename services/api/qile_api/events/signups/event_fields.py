"""What an Event says about signing up and turnout (fields in events/types.py delegate here)."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlencode

from strawberry import relay

from qile_api.events.signups.dataloaders import AttendanceByEventIdLoader, PeopleByEventIdLoader
from qile_api.events.signups.types import EventAttendance, SignUpState
from qile_api.events.sql import EventRow
from qile_api.graphql.context import Info
from qile_api.graphql.ids import node_pk

# The resident page's path (signups/page.py serves it).
PAGE_PATH = "/e/{event_id}"


def state_of(row: EventRow, taken: int, now: datetime) -> SignUpState:
    if row.sign_up_opens_at is None or row.sign_up_closes_at is None:
        return SignUpState.NONE
    if now < row.sign_up_opens_at:
        return SignUpState.NOT_YET_OPEN
    if now >= row.sign_up_closes_at or now >= row.ends_at:
        return SignUpState.CLOSED
    if row.capacity is not None and taken >= row.capacity:
        return SignUpState.FULL
    return SignUpState.OPEN


async def sign_up_state(info: Info, row: EventRow) -> SignUpState:
    taken = await info.context.loaders[PeopleByEventIdLoader].load(row.id) if row.capacity is not None else 0
    return state_of(row, taken, info.context.now())


async def places_left(info: Info, row: EventRow) -> int | None:
    if row.capacity is None:
        return None
    return max(row.capacity - await info.context.loaders[PeopleByEventIdLoader].load(row.id), 0)


async def public_url(info: Info, row: EventRow, screen: relay.GlobalID | None) -> str:
    """The resident page's address; `?s=` names the screen whose QR code carries it (counted as scans)."""
    ctx = info.context
    screen_id = node_pk(screen, "Screen", "screen")
    if screen_id is None:
        screen_id = await ctx.calling_screen_id(ctx)
    query = f"?{urlencode({'s': screen_id})}" if screen_id is not None else ""
    return ctx.public_base + PAGE_PATH.format(event_id=row.revision_of or row.id) + query


async def attendance(info: Info, row: EventRow) -> EventAttendance | None:
    found = await info.context.loaders[AttendanceByEventIdLoader].load(row.id)
    return EventAttendance(row=found) if found is not None else None


async def participants(info: Info, row: EventRow) -> int | None:
    """Counted at the door where check-ins were recorded; else the number recorded through review."""
    found = await info.context.loaders[AttendanceByEventIdLoader].load(row.id)
    return found.participants if found is not None else row.participants
