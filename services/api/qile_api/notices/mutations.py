"""Editing notices: create, update (drafts and revisions), review, urgent publishing."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import datetime
from typing import Annotated, Any

import strawberry
from strawberry import relay

from qile_api.content import workflow
from qile_api.content.mutations import ReviewInput, create_item, review_mutations, run, update_item
from qile_api.content.validation import aware, in_range, limited, region_exists
from qile_api.db.database import Executor
from qile_api.graphql.context import Info
from qile_api.graphql.describe import ID_INPUT, INPUT_ARG, VERSION_INPUT, errors_field
from qile_api.graphql.ids import node_pk, region_pk
from qile_api.graphql.payloads import ErrorCode, MutationError, error
from qile_api.graphql.permissions import EDITORS, REVIEWERS
from qile_api.limits import NOTICE_BODY, NOTICE_TITLE
from qile_api.notices.sql import NOTICES, NoticeRow
from qile_api.notices.types import Notice, NoticeCategory


async def validate_notice(db: Executor, v: Mapping[str, Any]) -> list[MutationError]:
    problems = [
        *await region_exists(db, v.get("region_id")),
        *limited(v, "title", "title", NOTICE_TITLE),
        *limited(v, "body", "body", NOTICE_BODY),
        *in_range(v, "priority", "priority", "优先级", 0, 100),
        *aware(v, "display_start", "displayStart", "展示开始时间"),
        *aware(v, "display_end", "displayEnd", "展示结束时间"),
    ]
    start, end = v.get("display_start"), v.get("display_end")
    if not problems and end is not None and start is not None and end <= start:
        problems.append(error(ErrorCode.INVALID, "展示结束时间须晚于开始时间", "displayEnd"))
    return problems


NOTICE_WORKFLOW: workflow.Workflow[NoticeRow] = workflow.Workflow(
    spec=NOTICES,
    type_name="Notice",
    action="notice",
    label="通知",
    editable=("region_id", "category", "title", "body", "priority", "urgent", "display_start", "display_end"),
    from_record=NoticeRow.from_record,
    validate=validate_notice,
)


@strawberry.type(description="What a notice mutation did: the notice as it now is, or why not.")
class NoticePayload:
    notice: Notice | None = strawberry.field(
        description="The notice after the change (a draft revision, when a published notice was edited)."
    )
    errors: list[MutationError] = errors_field()


_SCOPE = "Where it applies: a City, District, Subdistrict or Community inside your scope."
_CATEGORY = "What it is about."
_TITLE = NOTICE_TITLE.describe("The headline, one line on a screen.")
_BODY = NOTICE_BODY.describe("The full text; screens page through it.")
_PRIORITY = "0 to 100; higher shows earlier in a screen's rotation."
_URGENT = "紧急通知: it preempts the rotation on screens; a reviewer may publish it at once (noticePublishUrgent)."
_START = "Shown on screens from this instant (with its offset, e.g. 2026-12-01T08:00:00+08:00)."
_END = "Shown until this instant (exclusive), after displayStart; null: no end."


@strawberry.input(description="A new notice, written as a draft to submit for review.")
class NoticeCreateInput:
    scope: relay.GlobalID = strawberry.field(description=_SCOPE)
    category: NoticeCategory = strawberry.field(description=_CATEGORY)
    title: str = strawberry.field(description=_TITLE)
    body: str = strawberry.field(description=_BODY)
    priority: int = strawberry.field(default=0, description=_PRIORITY)
    urgent: bool = strawberry.field(default=False, description=_URGENT)
    display_start: datetime | None = strawberry.field(default=None, description=_START + " Default: now.")
    display_end: datetime | None = strawberry.field(default=None, description=_END)


@strawberry.input(description="Changes to a notice: only the fields given change (null clears displayEnd only).")
class NoticeUpdateInput:
    id: relay.GlobalID = strawberry.field(description=ID_INPUT)
    version: int = strawberry.field(description=VERSION_INPUT)
    scope: relay.GlobalID | None = strawberry.field(default=strawberry.UNSET, description=_SCOPE)
    category: NoticeCategory | None = strawberry.field(default=strawberry.UNSET, description=_CATEGORY)
    title: str | None = strawberry.field(default=strawberry.UNSET, description=_TITLE)
    body: str | None = strawberry.field(default=strawberry.UNSET, description=_BODY)
    priority: int | None = strawberry.field(default=strawberry.UNSET, description=_PRIORITY)
    urgent: bool | None = strawberry.field(default=strawberry.UNSET, description=_URGENT)
    display_start: datetime | None = strawberry.field(default=strawberry.UNSET, description=_START)
    display_end: datetime | None = strawberry.field(default=strawberry.UNSET, description=_END)


def _changes(input: NoticeUpdateInput) -> dict[str, Any]:
    given = {
        "region_id": region_pk(input.scope) if input.scope is not strawberry.UNSET else strawberry.UNSET,
        "category": input.category.value if input.category else input.category,
        "title": input.title,
        "body": input.body,
        "priority": input.priority,
        "urgent": input.urgent,
        "display_start": input.display_start,
        "display_end": input.display_end,
    }
    # Only display_end may be cleared with null; for the rest null means "unchanged".
    return {k: v for k, v in given.items() if v is not strawberry.UNSET and (v is not None or k == "display_end")}


def _node(row: NoticeRow) -> Notice:
    return Notice.from_row(row)


@strawberry.type
class NoticeEditMutations:
    @strawberry.mutation(permission_classes=EDITORS, description="Write a notice draft inside your scope.")
    async def notice_create(self, info: Info, input: Annotated[NoticeCreateInput, INPUT_ARG]) -> NoticePayload:
        values = {
            "region_id": region_pk(input.scope),
            "category": input.category.value,
            "title": input.title.strip(),
            "body": input.body.strip(),
            "priority": input.priority,
            "urgent": input.urgent,
            "display_start": input.display_start or info.context.now(),
            "display_end": input.display_end,
        }
        return await create_item(info, NOTICE_WORKFLOW, NoticePayload, "notice", _node, values)

    @strawberry.mutation(
        permission_classes=EDITORS,
        description="Edit a draft; editing a published notice makes a draft revision and returns it.",
    )
    async def notice_update(self, info: Info, input: Annotated[NoticeUpdateInput, INPUT_ARG]) -> NoticePayload:
        return await update_item(
            info, NOTICE_WORKFLOW, NoticePayload, "notice", _node, input.id, input.version, _changes(input)
        )

    @strawberry.mutation(
        permission_classes=REVIEWERS,
        description="紧急通知: publish an urgent notice at once, without review; screens show it at their next poll.",
    )
    async def notice_publish_urgent(self, info: Info, input: Annotated[ReviewInput, INPUT_ARG]) -> NoticePayload:
        staff = info.context.staff
        assert staff is not None
        item = node_pk(input.id, "Notice", "id")
        assert item is not None
        op = workflow.publish_directly(info.context.db, URGENT_WORKFLOW, staff, item, input.version)
        return await run(NoticePayload, "notice", _node, op)


def _must_be_urgent(row: Any) -> list[MutationError]:
    return [] if row["urgent"] else [error(ErrorCode.INVALID, "只有紧急通知可以不经审核直接发布", "id")]


URGENT_WORKFLOW = dataclasses.replace(NOTICE_WORKFLOW, publishable=_must_be_urgent)

NoticeReviewMutations = review_mutations(NOTICE_WORKFLOW, NoticePayload, "notice", _node)
