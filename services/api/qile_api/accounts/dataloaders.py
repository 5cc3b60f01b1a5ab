"""Per-request batch loaders for staff accounts."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from strawberry.dataloader import DataLoader

from qile_api.accounts.sql import AccountRow, accounts_by_ids, sign_in_locks
from qile_api.db.database import Executor


class AccountByIdLoader(DataLoader[int, AccountRow | None]):
    def __init__(self, db: Executor) -> None:
        async def load(ids: Sequence[int]) -> list[AccountRow | None]:
            found = {r.id: r for r in await accounts_by_ids(db, ids)}
            return [found.get(i) for i in ids]

        super().__init__(load_fn=load)


class SignInLockByUsernameLoader(DataLoader[str, datetime | None]):
    """Until when a username's sign-in is locked (at some address), as of the request's clock."""

    def __init__(self, db: Executor, now: datetime) -> None:
        async def load(usernames: Sequence[str]) -> list[datetime | None]:
            found = await sign_in_locks(db, usernames, now)
            return [found.get(u) for u in usernames]

        super().__init__(load_fn=load)
