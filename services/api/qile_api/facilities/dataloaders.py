"""Per-request loaders for facilities: by id (nodes) and by community, batched."""

from __future__ import annotations

from typing import Self

from qile_api.facilities.sql import FACILITY_TABLE, FacilityRow
from qile_api.graphql.context import Context
from qile_api.records.dataloaders import RecordByIdLoader, RecordsByCommunityIdLoader


class FacilityByIdLoader(RecordByIdLoader[FacilityRow]):
    @classmethod
    def for_request(cls, context: Context) -> Self:
        return cls(context.db, FACILITY_TABLE)


class FacilitiesByCommunityIdLoader(RecordsByCommunityIdLoader[FacilityRow]):
    @classmethod
    def for_request(cls, context: Context) -> Self:
        return cls(context.db, FACILITY_TABLE)
