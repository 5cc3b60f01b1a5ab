"""Per-request loaders for sign-ups, attendance and the contact right (`info.context.loaders[…]`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Self

from strawberry.dataloader import DataLoader

from qile_api.db.database import Executor
from qile_api.events.signups import sql
from qile_api.events.signups.sql import AttendanceRow, SignUpRow
from qile_api.graphql.context import Context
from qile_api.graphql.dataloaders import RowsByKeyLoader


class PeopleByEventIdLoader(DataLoader[int, int]):
    """Places taken per event (each sign-up counts its people)."""

    @classmethod
    def for_request(cls, context: Context) -> Self:
        return cls(context.db)

    def __init__(self, db: Executor) -> None:
        async def load(ids: Sequence[int]) -> list[int]:
            found = await sql.people_by_event(db, ids)
            return [found.get(i, 0) for i in ids]

        super().__init__(load_fn=load)


class AttendanceByEventIdLoader(RowsByKeyLoader[int, AttendanceRow]):
    @classmethod
    def for_request(cls, context: Context) -> Self:
        return cls(context.db, sql.attendance_by_events, lambda row: row.event_id)


class SignUpByIdLoader(RowsByKeyLoader[int, SignUpRow]):
    @classmethod
    def for_request(cls, context: Context) -> Self:
        return cls(context.db, sql.sign_ups_by_ids, lambda row: row.id)


class ContactRightByAccountIdLoader(DataLoader[int, bool]):
    """Whether an account may see residents' full numbers."""

    @classmethod
    def for_request(cls, context: Context) -> Self:
        return cls(context.db)

    def __init__(self, db: Executor) -> None:
        async def load(ids: Sequence[int]) -> list[bool]:
            granted = await sql.contact_rights(db, ids)
            return [i in granted for i in ids]

        super().__init__(load_fn=load)
