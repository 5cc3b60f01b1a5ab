"""What a notice is made of when staff write one, and how it goes through review."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from qile_api.content.images import IMAGE_FIELDS, image_exists, image_problems
from qile_api.content.workflow import ReviewActions, Workflow
from qile_api.db.database import Executor
from qile_api.editing.crud import Editable
from qile_api.fields import Field, FieldMap
from qile_api.limits import NOTICE_BODY, NOTICE_TITLE
from qile_api.notices.sql import NOTICE_TABLE, NoticeRow
from qile_api.notices.urgency import settle_urgent
from qile_api.problems import ErrorCode, Problem, problem
from qile_api.regions.sql import region_exists

NOTICE_FIELDS = FieldMap(
    Field("scope", column="region_id"),
    Field("category"),
    Field("title", text=NOTICE_TITLE, on_screen=True),
    Field("body", text=NOTICE_BODY, on_screen=True),
    Field("priority", between=(0, 100), label="优先级"),
    Field("urgent"),
    Field("exclusive"),
    Field("display_start", offset=True, label="展示开始时间"),
    Field("display_end", nullable=True, offset=True, label="展示结束时间"),
    *IMAGE_FIELDS,
)


async def _checks(db: Executor, v: Mapping[str, Any], _now: datetime) -> list[Problem]:
    return [*await region_exists(db, v.get("region_id")), *await image_exists(db, v)]


def _in_order(v: Mapping[str, Any], now: datetime) -> list[Problem]:
    start, end = v["display_start"], v["display_end"]
    if end is not None and end <= start:
        return [problem(ErrorCode.INVALID, "展示结束时间须晚于开始时间", "displayEnd")]
    return image_problems(v, now)


NOTICE_WORKFLOW: Workflow[NoticeRow] = Workflow(
    Editable(
        NOTICE_TABLE,
        NOTICE_FIELDS,
        create_action="noticeCreate",
        update_action="noticeUpdate",
        validate=_checks,
        agree=_in_order,
    ),
    ReviewActions(
        submit="noticeSubmit",
        approve="noticeApprove",
        reject="noticeReject",
        archive="noticeArchive",
        publish_urgent="noticePublishUrgent",
    ),
    settle=settle_urgent,
)


def _must_be_urgent(row: Mapping[str, Any]) -> list[Problem]:
    return [] if row["urgent"] else [problem(ErrorCode.INVALID, "只有紧急通知可以不经审核直接发布", "id")]


# A reviewer publishing at once (noticePublishUrgent): for urgent notices only.
URGENT_WORKFLOW = dataclasses.replace(NOTICE_WORKFLOW, publishable=_must_be_urgent)
