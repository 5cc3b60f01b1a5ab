"""Per-request loaders for community records, batched across communities."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Generic, TypeVar

from strawberry.dataloader import DataLoader

from qile_api.db.database import Executor
from qile_api.facilities.sql import FACILITIES, FacilityRow
from qile_api.records.crud import RecordTable, by_communities
from qile_api.teams.sql import TEAMS, TeamRow

RowT = TypeVar("RowT")


class _ByCommunityId(DataLoader[int, list[RowT]], Generic[RowT]):
    def __init__(self, db: Executor, spec: RecordTable[RowT]) -> None:
        async def load(ids: Sequence[int]) -> list[list[RowT]]:
            grouped: dict[int, list[RowT]] = defaultdict(list)
            for row in await by_communities(db, spec, ids):
                grouped[getattr(row, spec.region_column)].append(row)
            return [grouped[i] for i in ids]

        super().__init__(load_fn=load)


class FacilitiesByCommunityIdLoader(_ByCommunityId[FacilityRow]):
    def __init__(self, db: Executor) -> None:
        super().__init__(db, FACILITIES)


class TeamsByCommunityIdLoader(_ByCommunityId[TeamRow]):
    def __init__(self, db: Executor) -> None:
        super().__init__(db, TEAMS)
