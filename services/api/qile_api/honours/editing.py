"""What an honour is made of when staff write one, and how it goes through review."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from qile_api.content.workflow import ReviewActions, Workflow
from qile_api.db.database import Executor
from qile_api.editing.crud import Editable
from qile_api.fields import Field, FieldMap
from qile_api.honours.sql import HONOUR_TABLE, HonourRow
from qile_api.limits import HONOUR_CITATION, HONOUR_CONTACT, HONOUR_SUBJECT, HONOUR_TITLE
from qile_api.media.sql import media_exists
from qile_api.problems import ErrorCode, Problem, problem
from qile_api.regions.sql import region_exists

# Whom an honour may name only with their recorded consent.
NEEDS_CONSENT = ("PERSON", "HOUSEHOLD")

HONOUR_FIELDS = FieldMap(
    Field("scope", column="region_id"),
    Field("title", text=HONOUR_TITLE),
    Field("subject_kind"),
    Field("subject_name", text=HONOUR_SUBJECT),
    Field("citation", text=HONOUR_CITATION),
    Field("year", between=(2000, 2100), label="年份"),
    Field("photo", column="photo_sha256", nullable=True),
    Field("contact", text=HONOUR_CONTACT, required=False, nullable=True),
)


async def _checks(db: Executor, v: Mapping[str, Any], _now: datetime) -> list[Problem]:
    return [*await region_exists(db, v.get("region_id")), *await media_exists(db, v.get("photo_sha256"))]


def consent_recorded(row: Mapping[str, Any]) -> list[Problem]:
    """A person or household is shown only with their consent, recorded and not withdrawn."""
    if row["subject_kind"] in NEEDS_CONSENT and (row["consent_given_at"] is None or row["consent_withdrawn_at"]):
        message = "个人或家庭荣誉须先登记本人同意，才能提交审核和上屏展示"
        return [problem(ErrorCode.CONSENT_REQUIRED, message, "consent")]
    return []


HONOUR_WORKFLOW: Workflow[HonourRow] = Workflow(
    Editable(HONOUR_TABLE, HONOUR_FIELDS, create_action="honourCreate", update_action="honourUpdate", validate=_checks),
    ReviewActions(submit="honourSubmit", approve="honourApprove", reject="honourReject", archive="honourArchive"),
    publishable=consent_recorded,
)
