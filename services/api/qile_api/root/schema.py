"""The GraphQL schema: every domain's queries merged, with protections."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Annotated

import strawberry
from graphql import GraphQLError
from strawberry import relay
from strawberry.extensions import AddValidationRules, MaskErrors
from strawberry.schema.config import StrawberryConfig
from strawberry.types import ExecutionContext

from qile_api.accounts.mutations import AccountMutations
from qile_api.accounts.queries import AccountQueries
from qile_api.accounts.types import Account
from qile_api.assessment.mutations import AssessmentRecordMutations
from qile_api.assessment.queries import AssessmentQueries
from qile_api.audit.queries import AuditQueries
from qile_api.events.mutations import EventEditMutations, EventReviewMutations
from qile_api.events.queries import EventQueries
from qile_api.events.signups.attendance_mutations import AttendanceMutations
from qile_api.events.signups.mutations import SignUpStaffMutations
from qile_api.events.signups.public_mutations import PublicSignUpMutations
from qile_api.events.signups.queries import SignUpQueries
from qile_api.events.signups.types import SignUp
from qile_api.events.types import Event
from qile_api.facilities.mutations import FacilityMutations
from qile_api.facilities.types import Facility
from qile_api.graphql.context import Info
from qile_api.graphql.cost import Limits
from qile_api.graphql.errors import should_mask_error
from qile_api.graphql.gate import DocumentCache, DocumentGate
from qile_api.graphql.introspection import NoIntrospection
from qile_api.graphql.times import city_datetime
from qile_api.honours.mutations import HonourEditMutations, HonourReviewMutations
from qile_api.honours.queries import HonourQueries
from qile_api.honours.types import Honour
from qile_api.media.mutations import MediaMutations
from qile_api.notices.mutations import NoticeEditMutations, NoticeReviewMutations
from qile_api.notices.queries import NoticeQueries
from qile_api.notices.types import Notice
from qile_api.observability.graphql import OperationObserver
from qile_api.regions.mutations import CommunityMutations
from qile_api.regions.queries import RegionQueries
from qile_api.regions.tree_mutations import RegionTreeMutations
from qile_api.regions.types import City, Community, District, Subdistrict
from qile_api.review.queries import ReviewQueries
from qile_api.screens.health_mutations import HeartbeatMutations, ScreenshotMutations
from qile_api.screens.mutations import ScreenMutations
from qile_api.screens.pairing.mutations import PairingMutations
from qile_api.screens.plays.mutations import PlayMutations
from qile_api.screens.plays.queries import PlayQueries
from qile_api.screens.queries import ScreenQueries
from qile_api.screens.types import Screen
from qile_api.settings import Settings
from qile_api.teams.mutations import TeamMutations
from qile_api.teams.types import Team
from qile_api.themes.queries import ThemeQueries

log = logging.getLogger(__name__)


@strawberry.type
class NodeQueries:
    @strawberry.field(description="Any object by its global ID; null when it does not exist or is not yours to see.")
    async def node(
        self, info: Info, id: Annotated[relay.GlobalID, strawberry.argument(description="The object's global ID.")]
    ) -> relay.Node | None:
        try:
            return await id.resolve_node(info, required=False)
        except (KeyError, ValueError, TypeError):
            # An id naming a type that is not a node: nothing to find.
            return None


# One root type from every domain's fields (what strawberry's merge_types does), described.
@strawberry.type(
    description="What can be read. Anyone may read the region tree, the themes and published content; "
    "staff (`Authorization: Bearer qu_…` from `login`) also read what lies in their scope; "
    "a screen (`Bearer qs_…`) reads its `screenFeed`."
)
class Query(
    NodeQueries,
    RegionQueries,
    ThemeQueries,
    NoticeQueries,
    HonourQueries,
    EventQueries,
    ScreenQueries,
    AssessmentQueries,
    AccountQueries,
    AuditQueries,
    PlayQueries,
    ReviewQueries,
    SignUpQueries,
):
    pass


@strawberry.type(
    description="What can be changed, by staff inside their scope (each says which role it needs) and by "
    "screens for themselves. Each returns its object and `errors`: expected refusals come back there, "
    "in Chinese, never as a top-level error."
)
class Mutation(
    AccountMutations,
    NoticeEditMutations,
    NoticeReviewMutations,
    HonourEditMutations,
    HonourReviewMutations,
    EventEditMutations,
    EventReviewMutations,
    MediaMutations,
    CommunityMutations,
    RegionTreeMutations,
    FacilityMutations,
    TeamMutations,
    AssessmentRecordMutations,
    ScreenMutations,
    PairingMutations,
    HeartbeatMutations,
    PlayMutations,
    ScreenshotMutations,
    PublicSignUpMutations,
    SignUpStaffMutations,
    AttendanceMutations,
):
    pass


class QileSchema(strawberry.Schema):
    documents: DocumentCache

    def process_errors(self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None) -> None:
        # Expected errors (bad input, refusals, limits) are the caller's to
        # read, not the operator's: only faults reach the log, with their trace.
        for error in errors:
            if should_mask_error(error):
                log.error("unexpected error in %s", error.path or "request", exc_info=error.original_error)


def build_schema(settings: Settings | None = None) -> QileSchema:
    settings = settings or Settings()
    # One cache for the process: screens send the same few documents all day.
    documents = DocumentCache(
        limits=Limits(
            depth=settings.max_query_depth,
            aliases=settings.max_aliases,
            fields=settings.max_query_fields,
            cost=settings.max_query_cost,
            page_default=settings.page_size_default,
            page_max=settings.page_size_max,
        ),
        max_tokens=settings.max_query_tokens,
        max_bytes=settings.max_query_bytes,
    )
    schema = QileSchema(
        query=Query,
        mutation=Mutation,
        types=[City, District, Subdistrict, Community, Notice, Honour, Event, Account, Screen, Facility, Team, SignUp],
        config=StrawberryConfig(auto_camel_case=True),
        scalar_overrides={datetime: city_datetime(settings.timezone)},
        extensions=[
            # Names the request's operation for its metrics and log line.
            OperationObserver,
            # Adds its rule to those the gate validates with (before the gate parses).
            *([] if settings.introspection else [lambda: AddValidationRules([NoIntrospection])]),
            lambda: DocumentGate(documents),
            lambda: MaskErrors(should_mask_error=should_mask_error),
        ],
    )
    schema.documents = documents
    return schema
