"""Per-request loaders for community records, batched across communities."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Generic, TypeVar

from strawberry.dataloader import DataLoader

from qile_api.db.database import Executor
from qile_api.editing.sql import Table, rows_in_regions
from qile_api.facilities.sql import FACILITY_TABLE, FacilityRow
from qile_api.teams.sql import TEAM_TABLE, TeamRow

RowT = TypeVar("RowT")


class _ByCommunityId(DataLoader[int, list[RowT]], Generic[RowT]):
    def __init__(self, db: Executor, spec: Table[RowT]) -> None:
        async def load(ids: Sequence[int]) -> list[list[RowT]]:
            grouped: dict[int, list[RowT]] = defaultdict(list)
            for row in await rows_in_regions(db, spec, ids):
                grouped[getattr(row, spec.region_column)].append(row)
            return [grouped[i] for i in ids]

        super().__init__(load_fn=load)


class FacilitiesByCommunityIdLoader(_ByCommunityId[FacilityRow]):
    def __init__(self, db: Executor) -> None:
        super().__init__(db, FACILITY_TABLE)


class TeamsByCommunityIdLoader(_ByCommunityId[TeamRow]):
    def __init__(self, db: Executor) -> None:
        super().__init__(db, TEAM_TABLE)
