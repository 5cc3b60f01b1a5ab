"""Per-request loaders for sign-ups, attendance and the contact right."""

from __future__ import annotations

from collections.abc import Sequence

from strawberry.dataloader import DataLoader

from qile_api.db.database import Executor
from qile_api.signups import sql
from qile_api.signups.sql import AttendanceRow, SignUpRow


class PeopleByEventIdLoader(DataLoader[int, int]):
    """Places taken per event (each sign-up counts its people)."""

    def __init__(self, db: Executor) -> None:
        async def load(ids: Sequence[int]) -> list[int]:
            found = await sql.people_by_event(db, ids)
            return [found.get(i, 0) for i in ids]

        super().__init__(load_fn=load)


class AttendanceByEventIdLoader(DataLoader[int, AttendanceRow | None]):
    def __init__(self, db: Executor) -> None:
        async def load(ids: Sequence[int]) -> list[AttendanceRow | None]:
            found = {r.event_id: r for r in await sql.attendance_by_events(db, ids)}
            return [found.get(i) for i in ids]

        super().__init__(load_fn=load)


class SignUpByIdLoader(DataLoader[int, SignUpRow | None]):
    def __init__(self, db: Executor) -> None:
        async def load(ids: Sequence[int]) -> list[SignUpRow | None]:
            found = {r.id: r for r in await sql.sign_ups_by_ids(db, ids)}
            return [found.get(i) for i in ids]

        super().__init__(load_fn=load)


class ContactRightByAccountIdLoader(DataLoader[int, bool]):
    """Whether an account may see residents' full numbers."""

    def __init__(self, db: Executor) -> None:
        async def load(ids: Sequence[int]) -> list[bool]:
            granted = await sql.contact_rights(db, ids)
            return [i in granted for i in ids]

        super().__init__(load_fn=load)
