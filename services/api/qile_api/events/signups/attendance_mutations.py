"""Staff at the door: check-in by code or by name, walk-ins, and a corrected count (EDITORS inside the scope)."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Annotated

import strawberry
from strawberry import relay

from qile_api.editing.mutations import signed_in
from qile_api.events.signups import attendance
from qile_api.events.signups.sql import AttendanceRow
from qile_api.events.signups.types import EventAttendance, SignUp
from qile_api.graphql.context import Info
from qile_api.graphql.describe import INPUT_ARG, VERSION_INPUT, errors_field
from qile_api.graphql.ids import node_pk
from qile_api.graphql.payloads import MutationError, errors_of
from qile_api.graphql.permissions import EDITORS
from qile_api.problems import Refused

_EVENT = "The event (inside your scope), published, from 3 hours before it starts."


@strawberry.input(description="签到: check a resident in by the code they show, or by their sign-up found by name.")
class EventCheckInInput:
    event: relay.GlobalID = strawberry.field(description=_EVENT)
    code: str | None = strawberry.field(default=None, description="The resident's 6-character sign-up code.")
    sign_up: relay.GlobalID | None = strawberry.field(
        default=None, description="Or the SignUp, found by name in `eventSignUps(search:)`."
    )
    people: int | None = strawberry.field(
        default=None, description="How many of them came, 1 to 20; by default as many as signed up."
    )


@strawberry.input(description="现场参与: people who came without signing up.")
class EventWalkInsInput:
    event: relay.GlobalID = strawberry.field(description=_EVENT)
    count: int = strawberry.field(description="How many more came (negative: take a miscount back), not 0.")


@strawberry.input(description="Correct the count that check-ins and walk-ins give (audited).")
class EventAttendanceCorrectInput:
    event: relay.GlobalID = strawberry.field(description=_EVENT)
    version: int = strawberry.field(description=VERSION_INPUT + " (the attendance's `version`)")
    participants: int | None = strawberry.field(
        description="How many took part, 0 to 1000000; null: back to check-ins plus walk-ins."
    )


@strawberry.type(description="What checking in did: the sign-up and the event's counts, or why not.")
class EventCheckInPayload:
    sign_up: SignUp | None = strawberry.field(description="The sign-up, now checked in.")
    attendance: EventAttendance | None = strawberry.field(description="The event's counts after it.")
    errors: list[MutationError] = errors_field()


@strawberry.type(description="What changing the counts did: the event's counts, or why not.")
class EventAttendancePayload:
    attendance: EventAttendance | None = strawberry.field(description="The event's counts after the change.")
    errors: list[MutationError] = errors_field()


def _event(gid: relay.GlobalID) -> int:
    found = node_pk(gid, "Event", "event")
    assert found is not None
    return found


async def _counts(op: Awaitable[AttendanceRow]) -> EventAttendancePayload:
    try:
        row = await op
    except Refused as refused:
        return EventAttendancePayload(attendance=None, errors=errors_of(refused))
    return EventAttendancePayload(attendance=EventAttendance(row=row), errors=[])


@strawberry.type
class AttendanceMutations:
    @strawberry.mutation(
        permission_classes=EDITORS,
        description="签到: check a signed-up resident in; the event's participant count follows, with no review.",
    )
    async def event_check_in(self, info: Info, input: Annotated[EventCheckInInput, INPUT_ARG]) -> EventCheckInPayload:
        ctx = info.context
        try:
            row, counts = await attendance.check_in(
                ctx.db,
                signed_in(info),
                _event(input.event),
                code=input.code,
                sign_up_id=node_pk(input.sign_up, "SignUp", "signUp"),
                people=input.people,
                now=ctx.now(),
            )
        except Refused as refused:
            return EventCheckInPayload(sign_up=None, attendance=None, errors=errors_of(refused))
        return EventCheckInPayload(
            sign_up=SignUp(id=row.id, row=row), attendance=EventAttendance(row=counts), errors=[]
        )

    @strawberry.mutation(permission_classes=EDITORS, description="Count people who came without signing up.")
    async def event_walk_ins_add(
        self, info: Info, input: Annotated[EventWalkInsInput, INPUT_ARG]
    ) -> EventAttendancePayload:
        ctx = info.context
        return await _counts(
            attendance.add_walk_ins(ctx.db, signed_in(info), _event(input.event), input.count, ctx.now())
        )

    @strawberry.mutation(
        permission_classes=EDITORS,
        description="Correct the participant count of an event with check-ins (audited, no review).",
    )
    async def event_attendance_correct(
        self, info: Info, input: Annotated[EventAttendanceCorrectInput, INPUT_ARG]
    ) -> EventAttendancePayload:
        ctx = info.context
        op = attendance.correct(
            ctx.db, signed_in(info), _event(input.event), input.participants, input.version, ctx.now()
        )
        return await _counts(op)
