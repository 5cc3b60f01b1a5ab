"""What an event is made of when staff write one, and how it goes through review."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from qile_api.content.images import IMAGE_FIELDS, image_exists, image_problems
from qile_api.content.workflow import ReviewActions, Workflow
from qile_api.db.database import Executor
from qile_api.editing.crud import Editable
from qile_api.events.signups import event_settings as sign_up
from qile_api.events.sql import EVENT_TABLE, EventRow
from qile_api.fields import Field, FieldMap
from qile_api.limits import EVENT_DESCRIPTION, EVENT_ORGANISER, EVENT_TITLE, EVENT_VENUE
from qile_api.problems import ErrorCode, Problem, problem
from qile_api.regions.sql import region_exists

EVENT_FIELDS = FieldMap(
    Field("scope", column="region_id"),
    Field("theme", column="theme_key", nullable=True),
    Field("category"),
    Field("title", text=EVENT_TITLE, on_screen=True),
    Field("description", text=EVENT_DESCRIPTION, required=False),
    Field("venue", text=EVENT_VENUE, on_screen=True, required=False),
    Field("starts_at", offset=True, label="开始时间"),
    Field("ends_at", offset=True, label="结束时间"),
    Field("organiser", text=EVENT_ORGANISER, required=False),
    Field("large_scale"),
    Field("participants", nullable=True, between=(0, 1_000_000), label="参与人数"),
    # Residents' sign-up: places (null: no limit) and window (null: no sign-up); reviewed like the rest.
    Field("capacity", nullable=True, between=(1, sign_up.MAX_CAPACITY), label="报名名额"),
    Field("sign_up_opens_at", nullable=True, offset=True, label="报名开始时间"),
    Field("sign_up_closes_at", nullable=True, offset=True, label="报名截止时间"),
    *IMAGE_FIELDS,
)


async def _checks(db: Executor, v: Mapping[str, Any], _now: datetime) -> list[Problem]:
    return [*await region_exists(db, v.get("region_id")), *await image_exists(db, v)]


def _in_order(v: Mapping[str, Any], now: datetime) -> list[Problem]:
    return _times_in_order(v, now) or sign_up.window_problems(v) or image_problems(v, now)


def _times_in_order(v: Mapping[str, Any], now: datetime) -> list[Problem]:
    if v["ends_at"] <= v["starts_at"]:
        return [problem(ErrorCode.INVALID, "结束时间须晚于开始时间", "endsAt")]
    # A head count is a record of what happened (the assessment counts events
    # with at least 30 people as broad participation): not a forecast.
    if v.get("participants") is not None and v["ends_at"] > now:
        return [problem(ErrorCode.INVALID, "活动结束后才能登记参与人数", "participants")]
    return []


EVENT_WORKFLOW: Workflow[EventRow] = Workflow(
    Editable(
        EVENT_TABLE,
        EVENT_FIELDS,
        create_action="eventCreate",
        update_action="eventUpdate",
        validate=_checks,
        agree=_in_order,
    ),
    ReviewActions(submit="eventSubmit", approve="eventApprove", reject="eventReject", archive="eventArchive"),
)

# Batch review (eventBatchApprove …, content/batch.py): the same steps, each
# event audited under the batch mutation's name. No batch archives.
EVENT_BATCH_WORKFLOW: Workflow[EventRow] = dataclasses.replace(
    EVENT_WORKFLOW,
    review=ReviewActions(
        submit="eventBatchSubmit", approve="eventBatchApprove", reject="eventBatchReject", archive="eventArchive"
    ),
)
