"""Editing events."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Annotated, Any

import strawberry
from strawberry import relay

from qile_api.content import workflow
from qile_api.content.mutations import create_item, review_mutations, update_item
from qile_api.content.validation import aware, in_range, limited, region_exists
from qile_api.db.database import Executor
from qile_api.events.signups import event_settings as sign_up
from qile_api.events.sql import EVENTS, EventRow
from qile_api.events.types import LARGE_SCALE_DESCRIPTION, Event, EventCategory
from qile_api.graphql.context import Info
from qile_api.graphql.describe import ID_INPUT, INPUT_ARG, VERSION_INPUT, errors_field
from qile_api.graphql.ids import region_pk
from qile_api.graphql.payloads import ErrorCode, MutationError, error
from qile_api.graphql.permissions import EDITORS
from qile_api.limits import EVENT_DESCRIPTION, EVENT_ORGANISER, EVENT_TITLE, EVENT_VENUE
from qile_api.themes.types import ThemeKey


async def validate_event(db: Executor, v: Mapping[str, Any], now: datetime) -> list[MutationError]:
    problems = [
        *await region_exists(db, v.get("region_id")),
        *limited(v, "title", "title", EVENT_TITLE),
        *limited(v, "description", "description", EVENT_DESCRIPTION, required=False),
        *limited(v, "venue", "venue", EVENT_VENUE, required=False),
        *limited(v, "organiser", "organiser", EVENT_ORGANISER, required=False),
        *aware(v, "starts_at", "startsAt", "开始时间"),
        *aware(v, "ends_at", "endsAt", "结束时间"),
        *in_range(v, "participants", "participants", "参与人数", 0, 1_000_000),
        *sign_up.validate_sign_up(v),
    ]
    if not problems and v["ends_at"] <= v["starts_at"]:
        problems.append(error(ErrorCode.INVALID, "结束时间须晚于开始时间", "endsAt"))
    # A head count is a record of what happened (the assessment counts events
    # with at least 30 people as broad participation): not a forecast.
    if not problems and v.get("participants") is not None and v["ends_at"] > now:
        problems.append(error(ErrorCode.INVALID, "活动结束后才能登记参与人数", "participants"))
    return problems


# Submit, approve, reject and archive never validate; creating and editing go
# through `_workflow(info)`, which checks against the request's clock.
EVENT_WORKFLOW: workflow.Workflow[EventRow] = workflow.Workflow(
    spec=EVENTS,
    type_name="Event",
    action="event",
    label="活动",
    editable=(
        "region_id",
        "theme_key",
        "category",
        "title",
        "description",
        "venue",
        "starts_at",
        "ends_at",
        "organiser",
        "large_scale",
        "participants",
        *sign_up.COLUMNS,
    ),
    from_record=EventRow.from_record,
    validate=lambda db, v: validate_event(db, v, datetime.now(UTC)),
)


def _workflow(info: Info) -> workflow.Workflow[EventRow]:
    """The workflow checking edits against this request's clock (whether the event is over)."""

    async def validate(db: Executor, v: Mapping[str, Any]) -> list[MutationError]:
        return await validate_event(db, v, info.context.now())

    return dataclasses.replace(EVENT_WORKFLOW, validate=validate)


@strawberry.type(description="What an event mutation did: the event as it now is, or why not.")
class EventPayload:
    event: Event | None = strawberry.field(
        description="The event after the change (a draft revision, when a published event was edited)."
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
class EventCreateInput:
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
    "(null clears theme, participants, capacity and the sign-up window)."
)
class EventUpdateInput:
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


def _changes(input: EventUpdateInput) -> dict[str, Any]:
    given = {
        "region_id": region_pk(input.scope) if input.scope is not strawberry.UNSET else strawberry.UNSET,
        "category": input.category.value if input.category else input.category,
        "title": input.title,
        "starts_at": input.starts_at,
        "ends_at": input.ends_at,
        "theme_key": input.theme.value if input.theme else input.theme,
        "description": input.description,
        "venue": input.venue,
        "organiser": input.organiser,
        "large_scale": input.large_scale,
        "participants": input.participants,
        "capacity": input.capacity,
        "sign_up_opens_at": input.sign_up_opens_at,
        "sign_up_closes_at": input.sign_up_closes_at,
    }
    nullable = {"theme_key", "participants", *sign_up.COLUMNS}
    return {k: v for k, v in given.items() if v is not strawberry.UNSET and (v is not None or k in nullable)}


def _node(row: EventRow) -> Event:
    return Event.from_row(row)


@strawberry.type
class EventEditMutations:
    @strawberry.mutation(permission_classes=EDITORS, description="Write an event draft inside your scope.")
    async def event_create(self, info: Info, input: Annotated[EventCreateInput, INPUT_ARG]) -> EventPayload:
        values = {
            "region_id": region_pk(input.scope),
            "theme_key": input.theme.value if input.theme else None,
            "category": input.category.value,
            "title": input.title.strip(),
            "description": input.description.strip(),
            "venue": input.venue.strip(),
            "starts_at": input.starts_at,
            "ends_at": input.ends_at,
            "organiser": input.organiser.strip(),
            "large_scale": input.large_scale,
            "participants": input.participants,
            "capacity": input.capacity,
            "sign_up_opens_at": input.sign_up_opens_at,
            "sign_up_closes_at": input.sign_up_closes_at,
        }
        return await create_item(info, _workflow(info), EventPayload, "event", _node, values)

    @strawberry.mutation(
        permission_classes=EDITORS,
        description="Edit a draft; editing a published event makes a draft revision and returns it.",
    )
    async def event_update(self, info: Info, input: Annotated[EventUpdateInput, INPUT_ARG]) -> EventPayload:
        return await update_item(
            info, _workflow(info), EventPayload, "event", _node, input.id, input.version, _changes(input)
        )


EventReviewMutations = review_mutations(EVENT_WORKFLOW, EventPayload, "event", _node)
