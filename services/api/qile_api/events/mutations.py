"""Editing events."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry
from strawberry import relay

from qile_api.content.batch import BatchRejectInput, BatchReviewInput, BatchSteps
from qile_api.content.image_types import ImageCreateFields, ImageUpdateFields
from qile_api.content.images import image_changes
from qile_api.content.mutations import ContentSteps, RejectInput, ReviewInput
from qile_api.events.editing import EVENT_BATCH_WORKFLOW, EVENT_FIELDS, EVENT_WORKFLOW
from qile_api.events.signups import event_settings as sign_up
from qile_api.events.sql import EventRow
from qile_api.events.types import LARGE_SCALE_DESCRIPTION, Event, EventCategory
from qile_api.graphql.context import Info
from qile_api.graphql.describe import ID_INPUT, INPUT_ARG, VERSION_INPUT, errors_field
from qile_api.graphql.given import given
from qile_api.graphql.ids import region_pk
from qile_api.graphql.payloads import MutationError, MutationWarning, warnings_field
from qile_api.graphql.permissions import EDITORS, REVIEWERS
from qile_api.limits import EVENT_DESCRIPTION, EVENT_ORGANISER, EVENT_TITLE, EVENT_VENUE
from qile_api.themes.types import ThemeKey


@strawberry.type(description="What an event mutation did: the event as it now is, or why not.")
class EventPayload:
    event: Event | None = strawberry.field(
        description="The event after the change (a draft revision, when a published event was edited)."
    )
    errors: list[MutationError] = errors_field()
    warnings: list[MutationWarning] = warnings_field()


@strawberry.type(description="What a mutation on several events did: the events as they now are, or why not.")
class EventsPayload:
    events: list[Event] | None = strawberry.field(
        description="The events after the change, in the order asked (or of their dates); null when refused."
    )
    errors: list[MutationError] = errors_field()


_SCOPE = "Whose event it is: a Community, or a Subdistrict, District or the City for theirs. Inside your scope."
_CATEGORY = "What kind of activity it is."
_TITLE = EVENT_TITLE.describe("Its name, as schedules show it.")
_STARTS = "When it starts, with its offset (e.g. 2026-12-05T09:00:00+08:00)."
_ENDS = "When it ends, after it starts."
_THEME = "The theme (齐有爱 …) it belongs to, if any."
_DESCRIPTION = EVENT_DESCRIPTION.describe("活动介绍: what happens, for whom.")
_VENUE = EVENT_VENUE.describe("地点: where, e.g. 社区文化广场.")
_ORGANISER = EVENT_ORGANISER.describe("主办单位: who organises it.")
_LARGE = LARGE_SCALE_DESCRIPTION
_PARTICIPANTS = "How many took part: once the event is over, 0 to 1000000."


@strawberry.input(description="A new event, written as a draft to submit for review.")
class EventCreateInput(ImageCreateFields):
    scope: relay.GlobalID = strawberry.field(description=_SCOPE)
    category: EventCategory = strawberry.field(description=_CATEGORY)
    title: str = strawberry.field(description=_TITLE)
    starts_at: datetime = strawberry.field(description=_STARTS)
    ends_at: datetime = strawberry.field(description=_ENDS)
    theme: ThemeKey | None = strawberry.field(default=None, description=_THEME)
    description: str = strawberry.field(default="", description=_DESCRIPTION)
    venue: str = strawberry.field(default="", description=_VENUE)
    organiser: str = strawberry.field(default="", description=_ORGANISER)
    large_scale: bool = strawberry.field(default=False, description=_LARGE)
    participants: int | None = strawberry.field(default=None, description=_PARTICIPANTS)
    capacity: int | None = strawberry.field(default=None, description=sign_up.CAPACITY)
    sign_up_opens_at: datetime | None = strawberry.field(default=None, description=sign_up.OPENS)
    sign_up_closes_at: datetime | None = strawberry.field(default=None, description=sign_up.CLOSES)


@strawberry.input(
    description="Changes to an event: only the fields given change "
    "(null clears theme, participants, capacity, the sign-up window and the image fields)."
)
class EventUpdateInput(ImageUpdateFields):
    id: relay.GlobalID = strawberry.field(description=ID_INPUT)
    version: int = strawberry.field(description=VERSION_INPUT)
    scope: relay.GlobalID | None = strawberry.field(default=strawberry.UNSET, description=_SCOPE)
    category: EventCategory | None = strawberry.field(default=strawberry.UNSET, description=_CATEGORY)
    title: str | None = strawberry.field(default=strawberry.UNSET, description=_TITLE)
    starts_at: datetime | None = strawberry.field(default=strawberry.UNSET, description=_STARTS)
    ends_at: datetime | None = strawberry.field(default=strawberry.UNSET, description=_ENDS)
    theme: ThemeKey | None = strawberry.field(default=strawberry.UNSET, description=_THEME)
    description: str | None = strawberry.field(default=strawberry.UNSET, description=_DESCRIPTION)
    venue: str | None = strawberry.field(default=strawberry.UNSET, description=_VENUE)
    organiser: str | None = strawberry.field(default=strawberry.UNSET, description=_ORGANISER)
    large_scale: bool | None = strawberry.field(default=strawberry.UNSET, description=_LARGE)
    participants: int | None = strawberry.field(default=strawberry.UNSET, description=_PARTICIPANTS)
    capacity: int | None = strawberry.field(default=strawberry.UNSET, description=sign_up.CAPACITY)
    sign_up_opens_at: datetime | None = strawberry.field(default=strawberry.UNSET, description=sign_up.OPENS)
    sign_up_closes_at: datetime | None = strawberry.field(default=strawberry.UNSET, description=sign_up.CLOSES)


def _node(row: EventRow) -> Event:
    return Event.from_row(row)


_STEPS = ContentSteps(EVENT_WORKFLOW, EventPayload, "event", _node)
_BATCH = BatchSteps(EVENT_BATCH_WORKFLOW, EventsPayload, "events", _node)


@strawberry.type
class EventEditMutations:
    @strawberry.mutation(permission_classes=EDITORS, description="Write an event draft inside your scope.")
    async def event_create(self, info: Info, input: Annotated[EventCreateInput, INPUT_ARG]) -> EventPayload:
        return await _STEPS.create(info, EVENT_FIELDS.values(given(input, scope=region_pk)))

    @strawberry.mutation(
        permission_classes=EDITORS,
        description="Edit a draft; editing a published event makes a draft revision and returns it.",
    )
    async def event_update(self, info: Info, input: Annotated[EventUpdateInput, INPUT_ARG]) -> EventPayload:
        changes = image_changes(EVENT_FIELDS.changes(given(input, scope=region_pk)))
        return await _STEPS.update(info, input.id, input.version, changes)


@strawberry.type
class EventReviewMutations:
    @strawberry.mutation(
        name="eventSubmit", permission_classes=EDITORS, description="提交审核: send a 活动 draft for review."
    )
    async def event_submit(self, info: Info, input: Annotated[ReviewInput, INPUT_ARG]) -> EventPayload:
        return await _STEPS.submit(info, input)

    @strawberry.mutation(
        name="eventApprove",
        permission_classes=REVIEWERS,
        description="Publish a 活动 in review; nobody approves their own submission.",
    )
    async def event_approve(self, info: Info, input: Annotated[ReviewInput, INPUT_ARG]) -> EventPayload:
        return await _STEPS.approve(info, input)

    @strawberry.mutation(
        name="eventReject", permission_classes=REVIEWERS, description="Send a 活动 back with a reason."
    )
    async def event_reject(self, info: Info, input: Annotated[RejectInput, INPUT_ARG]) -> EventPayload:
        return await _STEPS.reject(info, input)

    @strawberry.mutation(
        name="eventArchive", permission_classes=REVIEWERS, description="Take a published 活动 off screens."
    )
    async def event_archive(self, info: Info, input: Annotated[ReviewInput, INPUT_ARG]) -> EventPayload:
        return await _STEPS.archive(info, input)


@strawberry.type
class EventBatchMutations:
    """A series' events (or any events) through review at once: all of them or none."""

    @strawberry.mutation(
        name="eventBatchSubmit",
        permission_classes=EDITORS,
        description="提交审核 several 活动 drafts at once (a series): all of them, or none.",
    )
    async def event_batch_submit(self, info: Info, input: Annotated[BatchReviewInput, INPUT_ARG]) -> EventsPayload:
        return await _BATCH.submit(info, input)

    @strawberry.mutation(
        name="eventBatchApprove",
        permission_classes=REVIEWERS,
        description="Publish several 活动 in review at once (a series): all of them, or none; "
        "each must lie in your scope and none be your own submission.",
    )
    async def event_batch_approve(self, info: Info, input: Annotated[BatchReviewInput, INPUT_ARG]) -> EventsPayload:
        return await _BATCH.approve(info, input)

    @strawberry.mutation(
        name="eventBatchReject",
        permission_classes=REVIEWERS,
        description="Send several 活动 back at once with one reason: all of them, or none.",
    )
    async def event_batch_reject(self, info: Info, input: Annotated[BatchRejectInput, INPUT_ARG]) -> EventsPayload:
        return await _BATCH.reject(info, input)
