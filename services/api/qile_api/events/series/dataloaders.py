"""Per-request loaders for event series, as far as the caller may see them."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Self

from strawberry.dataloader import DataLoader

from qile_api.db.database import Executor
from qile_api.events.series import sql
from qile_api.events.series.sql import SeriesRow
from qile_api.events.sql import EventRow
from qile_api.graphql.context import Context
from qile_api.graphql.dataloaders import RowsByKeyLoader
from qile_api.principals import Visibility


class EventSeriesByIdLoader(RowsByKeyLoader[int, SeriesRow]):
    @classmethod
    def for_request(cls, context: Context) -> Self:
        return cls(context.db, partial(sql.series_by_ids, vis=context.visibility), lambda row: row.id)


class EventsBySeriesIdLoader(DataLoader[int, list[EventRow]]):
    """A series' events the caller may see, soonest first."""

    @classmethod
    def for_request(cls, context: Context) -> Self:
        return cls(context.db, context.visibility)

    def __init__(self, db: Executor, vis: Visibility) -> None:
        async def load(ids: Sequence[int]) -> list[list[EventRow]]:
            found: dict[int, list[EventRow]] = {i: [] for i in ids}
            for row in await sql.events_by_series(db, ids, vis):
                if row.series_id is not None:
                    found[row.series_id].append(row)
            return [found[i] for i in ids]

        super().__init__(load_fn=load)
