"""The shape most loaders share: rows fetched by key in one query per batch, None where there is none.

A domain's loader says which query and which key, and how the request's
context builds it (`for_request`, for `info.context.loaders[…]`):

    class ScreenByIdLoader(RowsByKeyLoader[int, ScreenRow]):
        @classmethod
        def for_request(cls, context: Context) -> Self:
            return cls(context.db, screens_by_ids, lambda row: row.id)
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Hashable, Sequence
from typing import Generic, TypeVar

from strawberry.dataloader import DataLoader

from qile_api.db.database import Executor

K = TypeVar("K", bound=Hashable)
R = TypeVar("R")


class RowsByKeyLoader(DataLoader[K, R | None], Generic[K, R]):
    def __init__(
        self,
        db: Executor,
        fetch: Callable[[Executor, Sequence[K]], Awaitable[Sequence[R]]],
        key: Callable[[R], K],
    ) -> None:
        async def load(keys: Sequence[K]) -> list[R | None]:
            found = {key(row): row for row in await fetch(db, keys)}
            return [found.get(k) for k in keys]

        super().__init__(load_fn=load)
