"""Recording a community's facilities."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry import relay

from qile_api.editing.mutations import Edits
from qile_api.facilities.editing import FACILITY, FACILITY_FIELDS
from qile_api.facilities.kinds import FacilityKind
from qile_api.facilities.sql import FacilityRow
from qile_api.facilities.types import Facility
from qile_api.graphql.context import Info
from qile_api.graphql.describe import COMMUNITY_INPUT, ID_INPUT, INPUT_ARG, VERSION_INPUT, errors_field
from qile_api.graphql.given import given
from qile_api.graphql.ids import region_pk
from qile_api.graphql.payloads import MutationError
from qile_api.graphql.permissions import EDITORS
from qile_api.limits import FACILITY_NAME
from qile_api.records.mutations import RecordRefInput


@strawberry.type(description="What a facility mutation did: the facility as it now is, or why not.")
class FacilityPayload:
    facility: Facility | None = strawberry.field(description="The facility after the change (before it, for a delete).")
    errors: list[MutationError] = errors_field()


_INDOOR = "室内建筑面积 in m², to 0.1; null: not measured."
_OUTDOOR = "室外面积 in m², to 0.1; null: not measured."
_HOURS = "每周开放时长 in hours, 0 to 168; null: not recorded."
_FREE = "免费开放: open free of charge; null: not recorded."


@strawberry.input(description="A facility of a community, with what the standard measures of it.")
class FacilityCreateInput:
    community: relay.GlobalID = strawberry.field(description=COMMUNITY_INPUT)
    kind: FacilityKind = strawberry.field(description="What kind of facility it is.")
    name: str = strawberry.field(description=FACILITY_NAME.describe("Its own name, e.g. 工盛社区新时代文明实践站."))
    indoor_area_m2: float | None = strawberry.field(default=None, description=_INDOOR)
    outdoor_area_m2: float | None = strawberry.field(default=None, description=_OUTDOOR)
    weekly_open_hours: float | None = strawberry.field(default=None, description=_HOURS)
    free_of_charge: bool | None = strawberry.field(default=None, description=_FREE)


@strawberry.input(description="A correction to a facility: only the fields given change; null clears a measure.")
class FacilityUpdateInput:
    id: relay.GlobalID = strawberry.field(description=ID_INPUT)
    version: int = strawberry.field(description=VERSION_INPUT)
    kind: FacilityKind | None = strawberry.field(default=strawberry.UNSET, description="What kind of facility it is.")
    name: str | None = strawberry.field(default=strawberry.UNSET, description=FACILITY_NAME.describe("Its own name."))
    indoor_area_m2: float | None = strawberry.field(default=strawberry.UNSET, description=_INDOOR)
    outdoor_area_m2: float | None = strawberry.field(default=strawberry.UNSET, description=_OUTDOOR)
    weekly_open_hours: float | None = strawberry.field(default=strawberry.UNSET, description=_HOURS)
    free_of_charge: bool | None = strawberry.field(default=strawberry.UNSET, description=_FREE)


def _node(row: FacilityRow) -> Facility:
    return Facility.from_row(row)


_EDITS = Edits(FACILITY, FacilityPayload, "facility", _node)


@strawberry.type
class FacilityMutations:
    @strawberry.mutation(permission_classes=EDITORS, description="Record a facility of a community in your scope.")
    async def facility_create(self, info: Info, input: Annotated[FacilityCreateInput, INPUT_ARG]) -> FacilityPayload:
        values = FACILITY_FIELDS.values(given(input, community=region_pk))
        return await _EDITS.create(info, values)

    @strawberry.mutation(permission_classes=EDITORS, description="Correct a facility; null clears a measure.")
    async def facility_update(self, info: Info, input: Annotated[FacilityUpdateInput, INPUT_ARG]) -> FacilityPayload:
        changes = FACILITY_FIELDS.changes(given(input))
        return await _EDITS.update(info, input.id, input.version, changes)

    @strawberry.mutation(permission_classes=EDITORS, description="Remove a facility recorded by mistake.")
    async def facility_delete(self, info: Info, input: Annotated[RecordRefInput, INPUT_ARG]) -> FacilityPayload:
        return await _EDITS.delete(info, input.id, input.version)
