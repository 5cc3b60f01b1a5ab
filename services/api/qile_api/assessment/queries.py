"""Read queries for the assessment and the pilot programme."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry import relay

from qile_api.assessment.programme import PilotProgramme, PilotSort, load_programme
from qile_api.assessment.types import Assessment, load_assessment
from qile_api.graphql.context import Info
from qile_api.graphql.describe import YEAR
from qile_api.graphql.errors import BadUserInput
from qile_api.graphql.ids import node_pk
from qile_api.graphql.permissions import STAFF, STAFF_IN_SCOPE
from qile_api.regions.dataloaders import RegionByIdLoader


@strawberry.type
class AssessmentQueries:
    @strawberry.field(
        permission_classes=STAFF_IN_SCOPE,
        description="A community against the reference standard for one year (staff, inside their scope).",
    )
    async def assessment(
        self,
        info: Info,
        community: Annotated[relay.GlobalID, strawberry.argument(description="The community's global ID.")],
        year: Annotated[int | None, strawberry.argument(description=YEAR)] = None,
    ) -> Assessment:
        pk = node_pk(community, "Community", "community")
        row = await info.context.loaders[RegionByIdLoader].load(pk or 0)
        if row is None or row.level != "COMMUNITY":
            raise BadUserInput("no such community", field="community")
        return await load_assessment(info, row, year)

    @strawberry.field(
        permission_classes=STAFF,
        description="The pilot communities for one year, per theme and per district: those inside your scope.",
    )
    async def pilot_programme(
        self,
        info: Info,
        year: Annotated[int | None, strawberry.argument(description=YEAR)] = None,
        sort: Annotated[PilotSort, strawberry.argument(description="The order of the pilots.")] = PilotSort.PILOT_NO,
    ) -> PilotProgramme:
        staff = info.context.staff
        assert staff is not None
        return await load_programme(info, year, sort, within=staff.scope_region_id)
