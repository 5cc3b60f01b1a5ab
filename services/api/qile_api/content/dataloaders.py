"""A by-id batch loader for any content table, honouring visibility."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

import asyncpg
from strawberry.dataloader import DataLoader

from qile_api.content.sql import ContentTable, by_ids
from qile_api.db.database import Executor
from qile_api.principals import Visibility

RowT = TypeVar("RowT")


class ContentByIdLoader(DataLoader[int, RowT | None], Generic[RowT]):
    def __init__(
        self,
        db: Executor,
        spec: ContentTable,
        from_record: Callable[[asyncpg.Record], RowT],
        vis: Visibility,
    ) -> None:
        async def load(ids: Sequence[int]) -> list[RowT | None]:
            found = {r["id"]: from_record(r) for r in await by_ids(db, spec, ids, vis)}
            return [found.get(i) for i in ids]

        super().__init__(load_fn=load)
