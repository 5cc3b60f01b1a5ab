"""SQL for residents' sign-ups, check-ins, attendance counts, scans and the contact right."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import asyncpg

from qile_api.db.database import Executor
from qile_api.db.query import Conditions, fetch_ids, seek
from qile_api.editing.sql import Table


@dataclass(frozen=True)
class SignUpEvent:
    """An event as signing up sees it."""

    id: int
    region_id: int
    title: str
    status: str
    revision_of: int | None
    starts_at: datetime
    ends_at: datetime
    capacity: int | None
    sign_up_opens_at: datetime | None
    sign_up_closes_at: datetime | None

    @property
    def public(self) -> bool:
        return self.status == "PUBLISHED" and self.revision_of is None


@dataclass(frozen=True)
class SignUpRow:
    id: int
    event_id: int
    name: str
    mobile: str
    people: int
    code: str
    screen_id: int | None
    created_at: datetime
    checked_in_at: datetime | None
    checked_in_people: int | None
    # The event's region: who may see the sign-up.
    region_id: int

    @classmethod
    def from_record(cls, r: asyncpg.Record) -> SignUpRow:
        return cls(**{k: r[k] for k in cls.__dataclass_fields__})


@dataclass(frozen=True)
class AttendanceRow:
    event_id: int
    checked_in: int
    walk_ins: int
    corrected: int | None
    version: int
    updated_at: datetime

    @property
    def participants(self) -> int:
        """What took place: the staff's correction if any, else check-ins and walk-ins."""
        return self.corrected if self.corrected is not None else self.checked_in + self.walk_ins

    @classmethod
    def from_record(cls, r: asyncpg.Record) -> AttendanceRow:
        return cls(**{k: r[k] for k in cls.__dataclass_fields__})


@dataclass(frozen=True)
class ScanCount:
    screen_id: int
    opens: int
    sign_ups: int
    people: int


_SIGN_UP = (
    "s.id, s.event_id, s.name, s.mobile, s.people, s.code, s.screen_id, s.created_at, s.checked_in_at, "
    "s.checked_in_people, (SELECT region_id FROM events WHERE id = s.event_id) AS region_id"
)
_EVENT = (
    "e.id, e.region_id, e.title, e.status, e.revision_of, e.starts_at, e.ends_at, e.capacity, e.sign_up_opens_at, "
    "e.sign_up_closes_at"
)


async def lock_event(db: Executor, event_id: int) -> SignUpEvent | None:
    """The event, its row locked against other sign-ups until the transaction ends.

    NO KEY UPDATE: sign-ups for one event take turns (so places cannot be
    oversold), while rows referring to the event can still be written.
    """
    r = await db.fetchrow(f"SELECT {_EVENT} FROM events e WHERE e.id = $1 FOR NO KEY UPDATE", event_id)
    return SignUpEvent(**{k: r[k] for k in SignUpEvent.__dataclass_fields__}) if r else None


async def sign_up_event(db: Executor, event_id: int) -> SignUpEvent | None:
    r = await db.fetchrow(f"SELECT {_EVENT} FROM events e WHERE e.id = $1", event_id)
    return SignUpEvent(**{k: r[k] for k in SignUpEvent.__dataclass_fields__}) if r else None


async def sign_up_of_mobile(db: Executor, event_id: int, mobile: str) -> SignUpRow | None:
    r = await db.fetchrow(
        f"SELECT {_SIGN_UP} FROM event_sign_ups s WHERE s.event_id = $1 AND s.mobile = $2", event_id, mobile
    )
    return SignUpRow.from_record(r) if r else None


async def people_taken(db: Executor, event_id: int, except_id: int | None = None) -> int:
    """Places taken by the event's sign-ups (each counts its people), leaving out one sign-up."""
    value = await db.fetchval(
        "SELECT coalesce(sum(people), 0) FROM event_sign_ups WHERE event_id = $1 AND id IS DISTINCT FROM $2",
        event_id,
        except_id,
    )
    return int(value)


async def insert_sign_up(
    db: Executor, event_id: int, name: str, mobile: str, people: int, code: str, screen_id: int | None, now: datetime
) -> SignUpRow | None:
    """A new sign-up; None when the code is taken for this event already (draw another)."""
    r = await db.fetchrow(
        f"""INSERT INTO event_sign_ups AS s
                (event_id, name, mobile, people, code, screen_id, consented_at, created_at, updated_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $7)
        ON CONFLICT (event_id, code) DO NOTHING RETURNING {_SIGN_UP}""",
        event_id,
        name,
        mobile,
        people,
        code,
        screen_id,
        now,
    )
    return SignUpRow.from_record(r) if r else None


async def merge_sign_up(db: Executor, sign_up_id: int, name: str, people: int, now: datetime) -> SignUpRow:
    """The same number signing up again: its latest name and head count, its code kept."""
    r = await db.fetchrow(
        f"""UPDATE event_sign_ups s SET name = $2, people = $3, consented_at = $4, updated_at = $4
        WHERE s.id = $1 RETURNING {_SIGN_UP}""",
        sign_up_id,
        name,
        people,
        now,
    )
    assert r is not None
    return SignUpRow.from_record(r)


async def sign_up_of_code(db: Executor, event_id: int, code: str) -> SignUpRow | None:
    r = await db.fetchrow(
        f"SELECT {_SIGN_UP} FROM event_sign_ups s WHERE s.event_id = $1 AND s.code = $2", event_id, code
    )
    return SignUpRow.from_record(r) if r else None


async def delete_sign_up(db: Executor, sign_up_id: int) -> None:
    await db.execute("DELETE FROM event_sign_ups WHERE id = $1", sign_up_id)


async def count_attempt(db: Executor, key: str, now: datetime, window: timedelta) -> int:
    """Count one attempt under `key` in a fixed window; the attempts so far in it, this one included.

    One statement reads and writes the count, so concurrent attempts cannot
    slip past a limit between the two.
    """
    value = await db.fetchval(
        """INSERT INTO sign_up_attempts AS a (key, attempts, window_started_at) VALUES ($1, 1, $2)
        ON CONFLICT (key) DO UPDATE SET
            attempts = CASE WHEN a.window_started_at <= $2 - $3::interval THEN 1 ELSE a.attempts + 1 END,
            window_started_at = CASE WHEN a.window_started_at <= $2 - $3::interval THEN $2
                                     ELSE a.window_started_at END
        RETURNING attempts""",
        key,
        now,
        window,
    )
    return int(value)


@dataclass(frozen=True)
class SignUpFilter:
    event_id: int
    # Part of the name (check-in by name at the door); empty: everyone.
    search: str = ""


def sign_up_conditions(f: SignUpFilter) -> Conditions:
    cond = Conditions()
    cond.add("s.event_id = {}", f.event_id)
    if f.search.strip():
        cond.add("strpos(s.name, {}) > 0", f.search.strip())
    return cond


async def sign_up_page(
    db: Executor, f: SignUpFilter, after: list[object] | None, limit: int, backward: bool = False
) -> list[SignUpRow]:
    """In the order residents signed up."""
    cond = sign_up_conditions(f)
    op, direction = seek(False, backward)
    if after is not None:
        cond.add(f"(s.created_at, s.id) {op} ({{}}, {{}})", *after)
    limit_param = cond.param(limit)
    rows = await db.fetch(
        f"""SELECT {_SIGN_UP} FROM event_sign_ups s WHERE {cond.sql}
        ORDER BY s.created_at {direction}, s.id {direction} LIMIT {limit_param}""",
        *cond.args,
    )
    return [SignUpRow.from_record(r) for r in rows]


async def sign_up_count(db: Executor, f: SignUpFilter) -> int:
    cond = sign_up_conditions(f)
    return int(await db.fetchval(f"SELECT count(*) FROM event_sign_ups s WHERE {cond.sql}", *cond.args))


async def sign_ups_by_ids(db: Executor, ids: Sequence[int]) -> list[SignUpRow]:
    rows = await db.fetch(f"SELECT {_SIGN_UP} FROM event_sign_ups s WHERE s.id = ANY($1::bigint[])", list(ids))
    return [SignUpRow.from_record(r) for r in rows]


async def people_by_event(db: Executor, event_ids: Sequence[int]) -> dict[int, int]:
    rows = await db.fetch(
        """SELECT event_id, sum(people)::int AS people FROM event_sign_ups
        WHERE event_id = ANY($1::bigint[]) GROUP BY event_id""",
        list(event_ids),
    )
    return {r["event_id"]: r["people"] for r in rows}


async def all_sign_ups(db: Executor, event_id: int) -> list[SignUpRow]:
    rows = await db.fetch(
        f"SELECT {_SIGN_UP} FROM event_sign_ups s WHERE s.event_id = $1 ORDER BY s.created_at, s.id", event_id
    )
    return [SignUpRow.from_record(r) for r in rows]


async def screen_exists(db: Executor, screen_id: int) -> bool:
    return bool(await db.fetchval("SELECT true FROM screens WHERE id = $1", screen_id))


_ATTENDANCE = "a.event_id, a.checked_in, a.walk_ins, a.corrected, a.version, a.updated_at"


def _attendance_audited(r: asyncpg.Record) -> dict[str, object]:
    # The event's title and the count that stands: never who checked in.
    return {"title": r["title"], "participants": AttendanceRow.from_record(r).participants}


# An event's counts, written through editing/versioned.py and audited against
# the event: keyed by it, with its title and region read alongside.
ATTENDANCE_TABLE: Table[AttendanceRow] = Table(
    name="event_attendance",
    columns=(
        f"{_ATTENDANCE}, (SELECT e.title FROM events e WHERE e.id = a.event_id) AS title, "
        "(SELECT e.region_id FROM events e WHERE e.id = a.event_id) AS region_id"
    ),
    type_name="Event",
    label="签到记录",
    from_record=AttendanceRow.from_record,
    alias="a",
    key="event_id",
    audited=_attendance_audited,
)


async def attendance_by_events(db: Executor, event_ids: Sequence[int]) -> list[AttendanceRow]:
    rows = await db.fetch(
        f"SELECT {_ATTENDANCE} FROM event_attendance a WHERE a.event_id = ANY($1::bigint[])", list(event_ids)
    )
    return [AttendanceRow.from_record(r) for r in rows]


async def contact_rights(db: Executor, account_ids: Sequence[int]) -> set[int]:
    rows = await db.fetch(
        "SELECT account_id FROM resident_contact_rights WHERE account_id = ANY($1::bigint[])", list(account_ids)
    )
    return {r["account_id"] for r in rows}


async def contact_right_holders(db: Executor, scope_region_id: int) -> list[int]:
    """The accounts inside a scope that may see residents' full numbers, in the order they were made."""
    rows = await db.fetch(
        """SELECT c.account_id FROM resident_contact_rights c
        JOIN accounts a ON a.id = c.account_id JOIN regions r ON r.id = a.scope_region_id
        WHERE $1 = ANY(r.path) ORDER BY c.account_id""",
        scope_region_id,
    )
    return [r["account_id"] for r in rows]


async def set_contact_right(db: Executor, account_id: int, granted: bool, by: int, now: datetime) -> bool:
    """Grant or withdraw; True when that changed anything."""
    if granted:
        done = await db.execute(
            """INSERT INTO resident_contact_rights (account_id, granted_by, granted_at) VALUES ($1, $2, $3)
            ON CONFLICT (account_id) DO NOTHING""",
            account_id,
            by,
            now,
        )
    else:
        done = await db.execute("DELETE FROM resident_contact_rights WHERE account_id = $1", account_id)
    return not done.endswith(" 0")


async def count_scan(db: Executor, event_id: int, screen_id: int, now: datetime) -> None:
    """One opening of the event's page from the screen's QR code (a screen or event that is gone counts nothing)."""
    await db.execute(
        """INSERT INTO event_scans AS c (event_id, screen_id, opens, last_opened_at)
        SELECT e.id, s.id, 1, $3 FROM events e, screens s WHERE e.id = $1 AND s.id = $2
        ON CONFLICT (event_id, screen_id)
        DO UPDATE SET opens = c.opens + 1, last_opened_at = excluded.last_opened_at""",
        event_id,
        screen_id,
        now,
    )


async def scans_of_event(db: Executor, event_id: int) -> list[ScanCount]:
    """Per screen: the page's openings from its code, and the sign-ups (and people) that came through it."""
    rows = await db.fetch(
        """SELECT screen_id, coalesce(c.opens, 0) AS opens, coalesce(s.sign_ups, 0) AS sign_ups,
                  coalesce(s.people, 0) AS people
        FROM (SELECT screen_id, opens FROM event_scans WHERE event_id = $1) c
        FULL JOIN (SELECT screen_id, count(*)::int AS sign_ups, sum(people)::int AS people FROM event_sign_ups
                   WHERE event_id = $1 AND screen_id IS NOT NULL GROUP BY screen_id) s USING (screen_id)
        ORDER BY opens DESC, people DESC, screen_id""",
        event_id,
    )
    return [ScanCount(**{k: r[k] for k in ScanCount.__dataclass_fields__}) for r in rows]


async def lock_sign_up(db: Executor, sign_up_id: int) -> SignUpRow | None:
    r = await db.fetchrow(f"SELECT {_SIGN_UP} FROM event_sign_ups s WHERE s.id = $1 FOR UPDATE", sign_up_id)
    return SignUpRow.from_record(r) if r else None


async def mark_checked_in(db: Executor, sign_up_id: int, people: int, by: int, now: datetime) -> SignUpRow:
    r = await db.fetchrow(
        f"""UPDATE event_sign_ups s SET checked_in_at = $3, checked_in_people = $2, checked_in_by = $4
        WHERE s.id = $1 RETURNING {_SIGN_UP}""",
        sign_up_id,
        people,
        now,
        by,
    )
    assert r is not None
    return SignUpRow.from_record(r)


async def add_attendance(
    db: Executor, event_id: int, now: datetime, *, checked_in: int = 0, walk_ins: int = 0
) -> asyncpg.Record | None:
    """Add to the counts (the event's first check-in makes its row); None when walk-ins would go below 0.

    The row as `ATTENDANCE_TABLE` reads it, for the audit.
    """
    return await db.fetchrow(
        f"""INSERT INTO event_attendance AS a (event_id, checked_in, walk_ins, updated_at)
        SELECT $1, $2, $3, $4 WHERE $3 >= 0
        ON CONFLICT (event_id) DO UPDATE SET checked_in = a.checked_in + $2, walk_ins = a.walk_ins + $3,
            version = a.version + 1, updated_at = $4
        WHERE a.walk_ins + $3 >= 0
        RETURNING {ATTENDANCE_TABLE.columns}""",
        event_id,
        checked_in,
        walk_ins,
        now,
    )


async def delete_sign_ups_ended_before(db: Executor, cutoff: datetime) -> int:
    """Sign-ups of events that ended before `cutoff` (their counts stay in event_attendance)."""
    done = await db.execute(
        "DELETE FROM event_sign_ups s USING events e WHERE e.id = s.event_id AND e.ends_at < $1", cutoff
    )
    return int(done.split()[-1])


async def delete_attempts_before(db: Executor, cutoff: datetime) -> None:
    await db.execute("DELETE FROM sign_up_attempts WHERE window_started_at < $1", cutoff)


async def sign_up_regions(db: Executor, sign_up_id: int) -> list[int]:
    """The region a sign-up lies in: its event's."""
    return await fetch_ids(
        db,
        "SELECT ARRAY[e.region_id] FROM event_sign_ups s JOIN events e ON e.id = s.event_id WHERE s.id = $1",
        sign_up_id,
    )
