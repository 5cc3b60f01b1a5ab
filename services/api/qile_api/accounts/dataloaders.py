"""Per-request batch loaders for staff accounts."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Self

from strawberry.dataloader import DataLoader

from qile_api.accounts.sql import AccountRow, accounts_by_ids, sign_in_locks
from qile_api.db.database import Executor
from qile_api.graphql.context import Context
from qile_api.graphql.dataloaders import RowsByKeyLoader


class AccountByIdLoader(RowsByKeyLoader[int, AccountRow]):
    @classmethod
    def for_request(cls, context: Context) -> Self:
        return cls(context.db, accounts_by_ids, lambda row: row.id)


class SignInLockByUsernameLoader(DataLoader[str, datetime | None]):
    """Until when a username's sign-in is locked (at some address), as of the request's clock."""

    @classmethod
    def for_request(cls, context: Context) -> Self:
        return cls(context.db, context.now())

    def __init__(self, db: Executor, now: datetime) -> None:
        async def load(usernames: Sequence[str]) -> list[datetime | None]:
            found = await sign_in_locks(db, usernames, now)
            return [found.get(u) for u in usernames]

        super().__init__(load_fn=load)
