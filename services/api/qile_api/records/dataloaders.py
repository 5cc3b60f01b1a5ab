"""Per-request loaders any kind of community record can use: by id, and all of a community's, batched."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Generic, TypeVar

from strawberry.dataloader import DataLoader

from qile_api.db.database import Executor
from qile_api.editing.sql import Table, rows_in_order, rows_in_regions

RowT = TypeVar("RowT")


class RecordByIdLoader(DataLoader[int, RowT | None], Generic[RowT]):
    def __init__(self, db: Executor, spec: Table[RowT]) -> None:
        async def load(ids: Sequence[int]) -> list[RowT | None]:
            return await rows_in_order(db, spec, ids)

        super().__init__(load_fn=load)


class RecordsByCommunityIdLoader(DataLoader[int, list[RowT]], Generic[RowT]):
    def __init__(self, db: Executor, spec: Table[RowT]) -> None:
        async def load(ids: Sequence[int]) -> list[list[RowT]]:
            grouped: dict[int, list[RowT]] = defaultdict(list)
            for row in await rows_in_regions(db, spec, ids):
                grouped[getattr(row, spec.region_column)].append(row)
            return [grouped[i] for i in ids]

        super().__init__(load_fn=load)
