"""Per-request loaders any kind of community record can use: by id, and all of a community's, batched."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Generic, TypeVar

from strawberry.dataloader import DataLoader

from qile_api.db.database import Executor
from qile_api.records.crud import RecordTable, by_communities, by_ids

RowT = TypeVar("RowT")


class RecordByIdLoader(DataLoader[int, RowT | None], Generic[RowT]):
    def __init__(self, db: Executor, spec: RecordTable[RowT]) -> None:
        async def load(ids: Sequence[int]) -> list[RowT | None]:
            found = {row.id: row for row in await by_ids(db, spec, ids)}  # type: ignore[attr-defined]
            return [found.get(i) for i in ids]

        super().__init__(load_fn=load)


class RecordsByCommunityIdLoader(DataLoader[int, list[RowT]], Generic[RowT]):
    def __init__(self, db: Executor, spec: RecordTable[RowT]) -> None:
        async def load(ids: Sequence[int]) -> list[list[RowT]]:
            grouped: dict[int, list[RowT]] = defaultdict(list)
            for row in await by_communities(db, spec, ids):
                grouped[getattr(row, spec.region_column)].append(row)
            return [grouped[i] for i in ids]

        super().__init__(load_fn=load)
