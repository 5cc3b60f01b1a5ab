"""Recording and withdrawing the consent of the person or household an honour names (本人同意)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from typing import Any

import asyncpg

from qile_api.content.sql import delete_revisions_of
from qile_api.db.database import Database
from qile_api.editing import versioned
from qile_api.fields import Field, FieldMap
from qile_api.honours.sql import HONOUR_TABLE, HonourRow
from qile_api.limits import CONSENT_GIVEN_BY, CONSENT_METHOD
from qile_api.media.sql import media_exists
from qile_api.problems import ErrorCode, Problem, Refused, problem

# A consent may be recorded the moment it is given, by a clock a little ahead.
CLOCK_SKEW = timedelta(minutes=1)

CONSENT_FIELDS = FieldMap(
    Field("given_by", column="consent_given_by", text=CONSENT_GIVEN_BY),
    Field("given_at", column="consent_given_at", offset=True, label="同意时间"),
    Field("method", column="consent_method", text=CONSENT_METHOD),
    Field("form_photo", column="consent_form_sha256", nullable=True),
)

ConsentChange = Callable[[asyncpg.Record], dict[str, Any]]


async def consent_problems(db: Database, given: Mapping[str, Any], now: datetime) -> list[Problem]:
    """What is wrong with a consent as given (`CONSENT_FIELDS` columns)."""
    problems = CONSENT_FIELDS.problems(given)
    at = given.get("consent_given_at")
    if isinstance(at, datetime) and at.tzinfo is not None and at > now + CLOCK_SKEW:
        problems.append(problem(ErrorCode.INVALID, "同意时间不能晚于现在", "givenAt"))
    return [*problems, *await media_exists(db, given.get("consent_form_sha256"), "formPhoto")]


def recorded(given: Mapping[str, Any]) -> ConsentChange:
    def change(before: asyncpg.Record) -> dict[str, Any]:
        sets = {**given, "consent_withdrawn_at": None}
        if before["status"] == "ARCHIVED" and before["consent_withdrawn_at"] is not None:
            # Taken down because consent was withdrawn: consent given again
            # puts it back on the way to the gallery, through review again.
            sets["status"] = "DRAFT"
        return sets

    return change


def withdrawn(now: datetime) -> ConsentChange:
    def change(before: asyncpg.Record) -> dict[str, Any]:
        sets: dict[str, Any] = {"consent_withdrawn_at": now}
        if before["status"] in ("PUBLISHED", "IN_REVIEW"):
            # Off the screens and out of review, and staff see why (consent.state).
            sets["status"] = "ARCHIVED" if before["status"] == "PUBLISHED" else "DRAFT"
        return sets

    return change


async def set_consent(
    db: Database, *, actor_id: int, honour_id: int, version: int, change: ConsentChange, action: str
) -> HonourRow:
    """Record or withdraw (`change`) on the honour itself, audited as `action`."""
    async with db.transaction() as tx:

        async def sets(before: asyncpg.Record) -> dict[str, Any]:
            if before["revision_of"] is not None:
                # An approval keeps the published honour's consent, so a consent
                # recorded on (or withdrawn from) the draft would silently count for nothing.
                message = "修订稿沿用已发布荣誉的同意记录，请在原荣誉上登记或撤回同意"
                raise Refused(problem(ErrorCode.INVALID_TRANSITION, message, "id"))
            found = change(before)
            if found.get("status") == "ARCHIVED":
                # A pending revision of an honour taken down has nothing left to revise.
                await delete_revisions_of(tx, HONOUR_TABLE.name, honour_id)
            return found

        row = await versioned.write(
            tx, HONOUR_TABLE, actor_id=actor_id, action=action, row_id=honour_id, version=version, change=sets
        )
        return HONOUR_TABLE.from_record(row)
