"""Checking residents in at the door, counting walk-ins, and correcting the count.

What took place is a fact recorded at the event, not content to publish: it
lives in `event_attendance`, beside the event, so recording it never makes a
draft revision of a published event waiting for review (the reviewed
`participants` column stays for events without check-ins). Every step is
audited against the event through `editing/versioned.py`, without
residents' names or numbers (the audit log outlives the sign-ups).
"""

from __future__ import annotations

from datetime import datetime, timedelta

import asyncpg

from qile_api.db.database import Database, Executor
from qile_api.editing import versioned
from qile_api.editing.sql import lock_row
from qile_api.events.signups import sql
from qile_api.events.signups.registration import NOT_FOUND, normalise_code
from qile_api.events.signups.sql import ATTENDANCE_TABLE, AttendanceRow, SignUpEvent, SignUpRow
from qile_api.principals import StaffPrincipal
from qile_api.problems import ErrorCode, Refused, problem

# Staff set up the door before the event starts.
CHECK_IN_OPENS_BEFORE = timedelta(hours=3)
MAX_PEOPLE = 20
MAX_WALK_INS_STEP = 1000
# A correction corrects a count: before the first check-in there is none.
NOTHING_COUNTED = problem(ErrorCode.INVALID_TRANSITION, "尚无签到记录，请在活动信息中登记参与人数", "event")


async def _door_open(tx: Executor, event_id: int, now: datetime) -> SignUpEvent:
    event = await sql.lock_event(tx, event_id)
    if event is None or not event.public:
        raise Refused(problem(ErrorCode.NOT_FOUND, NOT_FOUND, "event"))
    if now < event.starts_at - CHECK_IN_OPENS_BEFORE:
        raise Refused(problem(ErrorCode.INVALID_TRANSITION, "活动开始前3小时内才能签到", "event"))
    return event


async def _counted(
    tx: Executor,
    staff: StaffPrincipal,
    action: str,
    before: asyncpg.Record | None,
    after: asyncpg.Record,
    **noted: object,
) -> AttendanceRow:
    """Audit a step that added to the counts (no version to compare: counts add up); the counts after."""
    await versioned.audit(
        tx, ATTENDANCE_TABLE, actor_id=staff.id, action=action, before=before, after=after, noted=noted
    )
    return AttendanceRow.from_record(after)


async def check_in(
    db: Database,
    staff: StaffPrincipal,
    event_id: int,
    *,
    code: str | None,
    sign_up_id: int | None,
    people: int | None,
    now: datetime,
) -> tuple[SignUpRow, AttendanceRow]:
    """Check in the sign-up named by its code or (found by name in the list) its id."""
    if (code is None) == (sign_up_id is None):
        raise Refused(problem(ErrorCode.REQUIRED, "请输入报名码，或从名单中选择报名人", "code"))
    async with db.transaction() as tx:
        event = await _door_open(tx, event_id, now)
        if code is not None:
            found = await sql.sign_up_of_code(tx, event.id, normalise_code(code))
            found = await sql.lock_sign_up(tx, found.id) if found else None
        else:
            assert sign_up_id is not None
            found = await sql.lock_sign_up(tx, sign_up_id)
        if found is None or found.event_id != event.id:
            field = "code" if code is not None else "signUp"
            raise Refused(problem(ErrorCode.NOT_FOUND, "没有这个报名，请核对报名码或在名单中查找姓名", field))
        if found.checked_in_at is not None:
            raise Refused(problem(ErrorCode.INVALID_TRANSITION, f"{found.name}已签到", "code"))
        came = found.people if people is None else people
        if not 1 <= came <= MAX_PEOPLE:
            raise Refused(problem(ErrorCode.INVALID, f"签到人数须在1到{MAX_PEOPLE}人之间", "people"))
        before = await lock_row(tx, ATTENDANCE_TABLE, event.id)
        checked = await sql.mark_checked_in(tx, found.id, came, staff.id, now)
        counted = await sql.add_attendance(tx, event.id, now, checked_in=came)
        assert counted is not None
        return checked, await _counted(tx, staff, "eventCheckIn", before, counted, signUp=found.id, people=came)


async def add_walk_ins(db: Database, staff: StaffPrincipal, event_id: int, count: int, now: datetime) -> AttendanceRow:
    """Count people who came without signing up (a negative count takes a miscount back)."""
    if count == 0 or abs(count) > MAX_WALK_INS_STEP:
        raise Refused(
            problem(ErrorCode.INVALID, f"人数须在-{MAX_WALK_INS_STEP}到{MAX_WALK_INS_STEP}之间且不为0", "count")
        )
    async with db.transaction() as tx:
        event = await _door_open(tx, event_id, now)
        before = await lock_row(tx, ATTENDANCE_TABLE, event.id)
        counted = await sql.add_attendance(tx, event.id, now, walk_ins=count)
        if counted is None:
            raise Refused(problem(ErrorCode.INVALID, "现场人数不能少于0", "count"))
        return await _counted(tx, staff, "eventWalkInsAdd", before, counted, walkIns=counted["walk_ins"], added=count)


async def correct(
    db: Database, staff: StaffPrincipal, event_id: int, participants: int | None, version: int, now: datetime
) -> AttendanceRow:
    """Set (or with None clear) the count that stands in for check-ins and walk-ins."""
    if participants is not None and not 0 <= participants <= 1_000_000:
        raise Refused(problem(ErrorCode.INVALID, "参与人数须在0到1000000之间", "participants"))
    async with db.transaction() as tx:
        event = await _door_open(tx, event_id, now)
        counted = await versioned.write(
            tx,
            ATTENDANCE_TABLE,
            actor_id=staff.id,
            action="eventAttendanceCorrect",
            row_id=event.id,
            version=version,
            change={"corrected": participants},
            missing=NOTHING_COUNTED,
        )
        return AttendanceRow.from_record(counted)
