"""Editing notices: create, update (drafts and revisions), review, urgent publishing."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry
from strawberry import relay

from qile_api.content.image_types import ImageCreateFields, ImageUpdateFields
from qile_api.content.images import image_changes
from qile_api.content.mutations import ContentSteps, RejectInput, ReviewInput
from qile_api.graphql.context import Info
from qile_api.graphql.describe import ID_INPUT, INPUT_ARG, VERSION_INPUT, errors_field
from qile_api.graphql.given import given
from qile_api.graphql.ids import region_pk
from qile_api.graphql.payloads import MutationError, MutationWarning, warnings_field
from qile_api.graphql.permissions import EDITORS, REVIEWERS
from qile_api.limits import NOTICE_BODY, NOTICE_TITLE
from qile_api.notices.editing import NOTICE_FIELDS, NOTICE_WORKFLOW, URGENT_WORKFLOW
from qile_api.notices.sql import NoticeRow
from qile_api.notices.types import Notice, NoticeCategory


@strawberry.type(description="What a notice mutation did: the notice as it now is, or why not.")
class NoticePayload:
    notice: Notice | None = strawberry.field(
        description="The notice after the change (a draft revision, when a published notice was edited)."
    )
    errors: list[MutationError] = errors_field()
    warnings: list[MutationWarning] = warnings_field()


_SCOPE = "Where it applies: a City, District, Subdistrict or Community inside your scope."
_CATEGORY = "What it is about."
_TITLE = NOTICE_TITLE.describe("The headline, one line on a screen.")
_BODY = NOTICE_BODY.describe("The full text; screens page through it.")
_PRIORITY = "0 to 100; higher shows earlier in a screen's rotation."
_URGENT = (
    "紧急通知: it preempts the rotation on screens; a reviewer may publish it at once (noticePublishUrgent). "
    "It always ends: published without displayEnd, it shows for QILE_URGENT_DEFAULT_HOURS (24) from its start "
    "(or from its publication, when that is later; a draft keeps no end until then); a displayEnd beyond "
    "QILE_URGENT_MAX_DAYS (7) is refused, and so is publishing one whose displayEnd has passed."
)
_EXCLUSIVE = (
    "独占: an urgent notice shown alone, the rest of the rotation waiting while it runs; false (the default): "
    "the rest keeps a share of the time."
)
_START = "Shown on screens from this instant (with its offset, e.g. 2026-12-01T08:00:00+08:00)."
_END = "Shown until this instant (exclusive), after displayStart; null: no end (an urgent notice: the default end)."


@strawberry.input(description="A new notice, written as a draft to submit for review.")
class NoticeCreateInput(ImageCreateFields):
    scope: relay.GlobalID = strawberry.field(description=_SCOPE)
    category: NoticeCategory = strawberry.field(description=_CATEGORY)
    title: str = strawberry.field(description=_TITLE)
    body: str = strawberry.field(description=_BODY)
    priority: int = strawberry.field(default=0, description=_PRIORITY)
    urgent: bool = strawberry.field(default=False, description=_URGENT)
    exclusive: bool = strawberry.field(default=False, description=_EXCLUSIVE)
    display_start: datetime | None = strawberry.field(default=None, description=_START + " Default: now.")
    display_end: datetime | None = strawberry.field(default=None, description=_END)


@strawberry.input(
    description="Changes to a notice: only the fields given change (null clears displayEnd and the image fields)."
)
class NoticeUpdateInput(ImageUpdateFields):
    id: relay.GlobalID = strawberry.field(description=ID_INPUT)
    version: int = strawberry.field(description=VERSION_INPUT)
    scope: relay.GlobalID | None = strawberry.field(default=strawberry.UNSET, description=_SCOPE)
    category: NoticeCategory | None = strawberry.field(default=strawberry.UNSET, description=_CATEGORY)
    title: str | None = strawberry.field(default=strawberry.UNSET, description=_TITLE)
    body: str | None = strawberry.field(default=strawberry.UNSET, description=_BODY)
    priority: int | None = strawberry.field(default=strawberry.UNSET, description=_PRIORITY)
    urgent: bool | None = strawberry.field(default=strawberry.UNSET, description=_URGENT)
    exclusive: bool | None = strawberry.field(default=strawberry.UNSET, description=_EXCLUSIVE)
    display_start: datetime | None = strawberry.field(default=strawberry.UNSET, description=_START)
    display_end: datetime | None = strawberry.field(default=strawberry.UNSET, description=_END)


def _node(row: NoticeRow) -> Notice:
    return Notice.from_row(row)


_STEPS = ContentSteps(NOTICE_WORKFLOW, NoticePayload, "notice", _node)
_URGENT_STEPS = ContentSteps(URGENT_WORKFLOW, NoticePayload, "notice", _node)


@strawberry.type
class NoticeEditMutations:
    @strawberry.mutation(permission_classes=EDITORS, description="Write a notice draft inside your scope.")
    async def notice_create(self, info: Info, input: Annotated[NoticeCreateInput, INPUT_ARG]) -> NoticePayload:
        values = NOTICE_FIELDS.values(given(input, scope=region_pk))
        values["display_start"] = values["display_start"] or info.context.now()
        return await _STEPS.create(info, values)

    @strawberry.mutation(
        permission_classes=EDITORS,
        description="Edit a draft; editing a published notice makes a draft revision and returns it.",
    )
    async def notice_update(self, info: Info, input: Annotated[NoticeUpdateInput, INPUT_ARG]) -> NoticePayload:
        changes = image_changes(NOTICE_FIELDS.changes(given(input, scope=region_pk)))
        return await _STEPS.update(info, input.id, input.version, changes)

    @strawberry.mutation(
        permission_classes=REVIEWERS,
        description="紧急通知: publish an urgent notice at once, without review; screens show it at their next poll. "
        "Without a display end it gets the default one (QILE_URGENT_DEFAULT_HOURS from now or its start); "
        "one whose display end has passed is refused.",
    )
    async def notice_publish_urgent(self, info: Info, input: Annotated[ReviewInput, INPUT_ARG]) -> NoticePayload:
        return await _URGENT_STEPS.publish_directly(info, input)


@strawberry.type
class NoticeReviewMutations:
    @strawberry.mutation(
        name="noticeSubmit", permission_classes=EDITORS, description="提交审核: send a 通知 draft for review."
    )
    async def notice_submit(self, info: Info, input: Annotated[ReviewInput, INPUT_ARG]) -> NoticePayload:
        return await _STEPS.submit(info, input)

    @strawberry.mutation(
        name="noticeApprove",
        permission_classes=REVIEWERS,
        description="Publish a 通知 in review; nobody approves their own submission.",
    )
    async def notice_approve(self, info: Info, input: Annotated[ReviewInput, INPUT_ARG]) -> NoticePayload:
        return await _STEPS.approve(info, input)

    @strawberry.mutation(
        name="noticeReject", permission_classes=REVIEWERS, description="Send a 通知 back with a reason."
    )
    async def notice_reject(self, info: Info, input: Annotated[RejectInput, INPUT_ARG]) -> NoticePayload:
        return await _STEPS.reject(info, input)

    @strawberry.mutation(
        name="noticeArchive", permission_classes=REVIEWERS, description="Take a published 通知 off screens."
    )
    async def notice_archive(self, info: Info, input: Annotated[ReviewInput, INPUT_ARG]) -> NoticePayload:
        return await _STEPS.archive(info, input)
