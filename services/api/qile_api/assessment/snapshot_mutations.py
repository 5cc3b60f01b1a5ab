"""Taking the month so far on demand (the closing snapshot is the API's own monthly job)."""

from __future__ import annotations

import strawberry

from qile_api.assessment.history import AssessmentSnapshot, load_history
from qile_api.assessment.snapshots import take_current
from qile_api.graphql.context import Info
from qile_api.graphql.describe import errors_field
from qile_api.graphql.payloads import MutationError
from qile_api.graphql.permissions import REVIEWERS


@strawberry.type(description="What `assessmentSnapshotTake` did: the month so far for your scope.")
class AssessmentSnapshotPayload:
    snapshot: AssessmentSnapshot | None = strawberry.field(description="This month's snapshot of your scope.")
    errors: list[MutationError] = errors_field()


@strawberry.type
class AssessmentSnapshotMutations:
    @strawberry.mutation(
        permission_classes=REVIEWERS,
        description="Snapshot the assessment of every community in your scope as it stands now, as this month's "
        "(REVIEWER; audited). Replaces this month's earlier one; the month's closing snapshot, taken by the API "
        "once the month is over, replaces it in turn.",
    )
    async def assessment_snapshot_take(self, info: Info) -> AssessmentSnapshotPayload:
        ctx = info.context
        staff = ctx.staff
        assert staff is not None
        await take_current(ctx.db, staff, ctx.now(), ctx.settings.timezone)
        history = await load_history(info, staff.scope_region_id, None, 1)
        return AssessmentSnapshotPayload(snapshot=history[-1] if history else None, errors=[])
