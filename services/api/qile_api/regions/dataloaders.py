"""Per-request batch loaders for the region tree."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from strawberry.dataloader import DataLoader

from qile_api.db.database import Executor
from qile_api.regions.sql import RegionRow, regions_by_ids, regions_by_parents


class RegionByIdLoader(DataLoader[int, RegionRow | None]):
    def __init__(self, db: Executor) -> None:
        async def load(ids: Sequence[int]) -> list[RegionRow | None]:
            found = {r.id: r for r in await regions_by_ids(db, ids)}
            return [found.get(i) for i in ids]

        super().__init__(load_fn=load)


class RegionsByParentIdLoader(DataLoader[int, list[RegionRow]]):
    def __init__(self, db: Executor) -> None:
        async def load(ids: Sequence[int]) -> list[list[RegionRow]]:
            children: dict[int, list[RegionRow]] = defaultdict(list)
            for row in await regions_by_parents(db, ids):
                assert row.parent_id is not None
                children[row.parent_id].append(row)
            return [children[i] for i in ids]

        super().__init__(load_fn=load)
