"""Recording a community's facilities."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import strawberry
from strawberry import relay

from qile_api.facilities.sql import FACILITIES, FacilityRow
from qile_api.facilities.types import Facility
from qile_api.graphql.context import Info
from qile_api.graphql.ids import region_pk
from qile_api.graphql.payloads import MutationError
from qile_api.graphql.permissions import EDITORS
from qile_api.records.mutations import RecordRefInput, create_record, delete_record, update_record


@strawberry.type
class FacilityPayload:
    facility: Facility | None
    errors: list[MutationError]


@strawberry.input
class FacilityCreateInput:
    community: relay.GlobalID
    kind: str = strawberry.field(description="A facility kind key, e.g. PRACTICE_STATION, READING_ROOM.")
    name: str
    indoor_area_m2: float | None = None
    outdoor_area_m2: float | None = None
    weekly_open_hours: float | None = None
    free_of_charge: bool | None = None


@strawberry.input
class FacilityUpdateInput:
    id: relay.GlobalID
    version: int
    kind: str | None = strawberry.UNSET
    name: str | None = strawberry.UNSET
    indoor_area_m2: float | None = strawberry.UNSET
    outdoor_area_m2: float | None = strawberry.UNSET
    weekly_open_hours: float | None = strawberry.UNSET
    free_of_charge: bool | None = strawberry.UNSET


_MEASURES = ("indoor_area_m2", "outdoor_area_m2", "weekly_open_hours", "free_of_charge")


def _measure(value: Any) -> Any:
    # Areas and hours are stored to 0.1; floats go through str() so 299.9 stays 299.9.
    return Decimal(str(value)) if isinstance(value, float) else value


def _node(row: FacilityRow) -> Facility:
    return Facility.from_row(row)


@strawberry.type
class FacilityMutations:
    @strawberry.mutation(permission_classes=EDITORS, description="Record a facility of a community in your scope.")
    async def facility_create(self, info: Info, input: FacilityCreateInput) -> FacilityPayload:
        values: dict[str, Any] = {
            "community_id": region_pk(input.community),
            "kind": input.kind,
            "name": input.name.strip(),
            **{k: _measure(getattr(input, k)) for k in _MEASURES},
        }
        return await create_record(info, FACILITIES, FacilityPayload, "facility", _node, values)

    @strawberry.mutation(permission_classes=EDITORS, description="Correct a facility; null clears a measure.")
    async def facility_update(self, info: Info, input: FacilityUpdateInput) -> FacilityPayload:
        changes = {
            k: _measure(getattr(input, k))
            for k in ("kind", "name", *_MEASURES)
            if getattr(input, k) is not strawberry.UNSET and (getattr(input, k) is not None or k in _MEASURES)
        }
        return await update_record(
            info, FACILITIES, FacilityPayload, "facility", _node, input.id, input.version, changes
        )

    @strawberry.mutation(permission_classes=EDITORS, description="Remove a facility recorded by mistake.")
    async def facility_delete(self, info: Info, input: RecordRefInput) -> FacilityPayload:
        return await delete_record(info, FACILITIES, FacilityPayload, "facility", _node, input)
