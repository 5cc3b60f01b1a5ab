"""Per-request batch loaders for the region tree."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Self

from strawberry.dataloader import DataLoader

from qile_api.db.database import Executor
from qile_api.graphql.context import Context
from qile_api.graphql.dataloaders import RowsByKeyLoader
from qile_api.regions.sql import RegionRow, regions_by_ids, regions_by_parents


class RegionByIdLoader(RowsByKeyLoader[int, RegionRow]):
    @classmethod
    def for_request(cls, context: Context) -> Self:
        return cls(context.db, regions_by_ids, lambda row: row.id)


class RegionsByParentIdLoader(DataLoader[int, list[RegionRow]]):
    @classmethod
    def for_request(cls, context: Context) -> Self:
        return cls(context.db)

    def __init__(self, db: Executor) -> None:
        async def load(ids: Sequence[int]) -> list[list[RegionRow]]:
            children: dict[int, list[RegionRow]] = defaultdict(list)
            for row in await regions_by_parents(db, ids):
                assert row.parent_id is not None
                children[row.parent_id].append(row)
            return [children[i] for i in ids]

        super().__init__(load_fn=load)
