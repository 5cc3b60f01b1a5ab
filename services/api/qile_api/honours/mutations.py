"""Editing honours, and the consent of the people they name."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from typing import Annotated, Any

import asyncpg
import strawberry
from strawberry import relay

from qile_api.audit.sql import record
from qile_api.content import workflow
from qile_api.content.mutations import create_item, review_mutations, run, update_item
from qile_api.content.validation import in_range, limited, media_exists, region_exists
from qile_api.db.database import Executor
from qile_api.graphql.context import Info
from qile_api.graphql.describe import ID_INPUT, INPUT_ARG, VERSION_INPUT, errors_field
from qile_api.graphql.ids import node_pk, region_pk
from qile_api.graphql.payloads import ErrorCode, MutationError, MutationFailed, error
from qile_api.graphql.permissions import EDITORS
from qile_api.honours.sql import HONOURS, HonourRow
from qile_api.honours.types import Honour, HonourSubjectKind
from qile_api.limits import (
    CONSENT_GIVEN_BY,
    CONSENT_METHOD,
    HONOUR_CITATION,
    HONOUR_CONTACT,
    HONOUR_SUBJECT,
    HONOUR_TITLE,
)

NEEDS_CONSENT = ("PERSON", "HOUSEHOLD")
# A consent may be recorded the moment it is given, by a clock a little ahead.
CLOCK_SKEW = timedelta(minutes=1)


async def validate_honour(db: Executor, v: Mapping[str, Any]) -> list[MutationError]:
    return [
        *await region_exists(db, v.get("region_id")),
        *limited(v, "title", "title", HONOUR_TITLE),
        *limited(v, "subject_name", "subjectName", HONOUR_SUBJECT),
        *limited(v, "citation", "citation", HONOUR_CITATION),
        *in_range(v, "year", "year", "年份", 2000, 2100),
        *limited(v, "contact", "contact", HONOUR_CONTACT, required=False),
        *await media_exists(db, v.get("photo_sha256")),
    ]


def consent_recorded(row: Any) -> list[MutationError]:
    if row["subject_kind"] in NEEDS_CONSENT and (row["consent_given_at"] is None or row["consent_withdrawn_at"]):
        return [error(ErrorCode.CONSENT_REQUIRED, "个人或家庭荣誉须先登记本人同意，才能提交审核和上屏展示", "consent")]
    return []


HONOUR_WORKFLOW: workflow.Workflow[HonourRow] = workflow.Workflow(
    spec=HONOURS,
    type_name="Honour",
    action="honour",
    label="荣誉",
    editable=("region_id", "title", "subject_kind", "subject_name", "citation", "year", "photo_sha256", "contact"),
    from_record=HonourRow.from_record,
    validate=validate_honour,
    publishable=consent_recorded,
)
# `contact` is editable but not in HONOURS.columns (never shown): read it for merges.
HONOUR_WORKFLOW = dataclasses.replace(
    HONOUR_WORKFLOW, spec=dataclasses.replace(HONOURS, columns=HONOURS.columns + ", c.contact")
)


@strawberry.type(description="What an honour mutation did: the honour as it now is, or why not.")
class HonourPayload:
    honour: Honour | None = strawberry.field(
        description="The honour after the change (a draft revision, when a published honour was edited)."
    )
    errors: list[MutationError] = errors_field()


_SCOPE = "Where it is shown: usually the Community; a District for 区级 honours. Inside your scope."
_TITLE = HONOUR_TITLE.describe("The title awarded, e.g. 好邻居, 好楼长, 身边好人, 美德诚信商户.")
_KIND = "Whom it names; a person or household needs recorded consent before it is shown."
_SUBJECT = HONOUR_SUBJECT.describe("The person, household, building or merchant honoured.")
_CITATION = HONOUR_CITATION.describe("事迹: what they did, as the gallery shows it.")
_YEAR = "The year it was awarded for, 2000 to 2100."
_CONTACT = HONOUR_CONTACT.describe("How to reach them. Private: staff only, never shown.")


@strawberry.input(description="A new honour, written as a draft to submit for review.")
class HonourCreateInput:
    scope: relay.GlobalID = strawberry.field(description=_SCOPE)
    title: str = strawberry.field(description=_TITLE)
    subject_kind: HonourSubjectKind = strawberry.field(description=_KIND)
    subject_name: str = strawberry.field(description=_SUBJECT)
    citation: str = strawberry.field(description=_CITATION)
    year: int = strawberry.field(description=_YEAR)
    photo: str | None = strawberry.field(default=None, description="Their photo: its sha256 from `mediaUpload`.")
    contact: str | None = strawberry.field(default=None, description=_CONTACT)


@strawberry.input(description="Changes to an honour: only the fields given change (null clears photo and contact).")
class HonourUpdateInput:
    id: relay.GlobalID = strawberry.field(description=ID_INPUT)
    version: int = strawberry.field(description=VERSION_INPUT)
    scope: relay.GlobalID | None = strawberry.field(default=strawberry.UNSET, description=_SCOPE)
    title: str | None = strawberry.field(default=strawberry.UNSET, description=_TITLE)
    subject_kind: HonourSubjectKind | None = strawberry.field(default=strawberry.UNSET, description=_KIND)
    subject_name: str | None = strawberry.field(default=strawberry.UNSET, description=_SUBJECT)
    citation: str | None = strawberry.field(default=strawberry.UNSET, description=_CITATION)
    year: int | None = strawberry.field(default=strawberry.UNSET, description=_YEAR)
    photo: str | None = strawberry.field(
        default=strawberry.UNSET, description="Their photo: its sha256 from `mediaUpload`; null removes it."
    )
    contact: str | None = strawberry.field(default=strawberry.UNSET, description=_CONTACT)


@strawberry.input(description="The consent of the person or household an honour names (本人同意).")
class ConsentInput:
    id: relay.GlobalID = strawberry.field(description="The honour's global ID (not a draft revision's).")
    version: int = strawberry.field(description=VERSION_INPUT)
    given_by: str = strawberry.field(
        description=CONSENT_GIVEN_BY.describe("Who consented, e.g. 王秀兰本人 or 其子刘强.")
    )
    given_at: datetime = strawberry.field(
        description="When it was given, with an offset; a time in the future (beyond a minute) is refused."
    )
    method: str = strawberry.field(description=CONSENT_METHOD.describe("How: 书面签字, 电话确认 …"))
    form_photo: str | None = strawberry.field(
        default=None, description="sha256 from `mediaUpload`: a photo of the signed consent form."
    )


@strawberry.input(description="Which honour's consent was withdrawn.")
class ConsentWithdrawInput:
    id: relay.GlobalID = strawberry.field(description="The honour's global ID.")
    version: int = strawberry.field(description=VERSION_INPUT)


def _changes(input: HonourUpdateInput) -> dict[str, Any]:
    given = {
        "region_id": region_pk(input.scope) if input.scope is not strawberry.UNSET else strawberry.UNSET,
        "title": input.title,
        "subject_kind": input.subject_kind.value if input.subject_kind else input.subject_kind,
        "subject_name": input.subject_name,
        "citation": input.citation,
        "year": input.year,
        "photo_sha256": input.photo,
        "contact": input.contact,
    }
    nullable = {"photo_sha256", "contact"}
    return {k: v for k, v in given.items() if v is not strawberry.UNSET and (v is not None or k in nullable)}


def _node(row: HonourRow) -> Honour:
    return Honour.from_row(row)


ConsentChange = Callable[[asyncpg.Record], dict[str, Any]]


def _recorded(given: dict[str, Any]) -> ConsentChange:
    def change(before: asyncpg.Record) -> dict[str, Any]:
        sets = {**given, "consent_withdrawn_at": None}
        if before["status"] == "ARCHIVED" and before["consent_withdrawn_at"] is not None:
            # Taken down because consent was withdrawn: consent given again
            # puts it back on the way to the gallery, through review again.
            sets["status"] = "DRAFT"
        return sets

    return change


def _withdrawn(now: datetime) -> ConsentChange:
    def change(before: asyncpg.Record) -> dict[str, Any]:
        sets: dict[str, Any] = {"consent_withdrawn_at": now}
        if before["status"] in ("PUBLISHED", "IN_REVIEW"):
            # Off the screens and out of review, and staff see why (consent.state).
            sets["status"] = "ARCHIVED" if before["status"] == "PUBLISHED" else "DRAFT"
        return sets

    return change


async def _set_consent(info: Info, item: int, version: int, change: ConsentChange, action: str) -> HonourRow:
    staff = info.context.staff
    assert staff is not None
    async with info.context.db.transaction() as tx:
        before = await tx.fetchrow(f"SELECT {HONOURS.columns} FROM honours c WHERE c.id = $1 FOR UPDATE", item)
        if before is None:
            raise MutationFailed(error(ErrorCode.NOT_FOUND, "荣誉不存在", "id"))
        if before["version"] != version:
            raise MutationFailed(error(ErrorCode.CONFLICT, "荣誉已被他人修改，请刷新后重试", "version"))
        if before["revision_of"] is not None:
            # An approval keeps the published honour's consent, so a consent
            # recorded on (or withdrawn from) the draft would silently count for nothing.
            raise MutationFailed(
                error(
                    ErrorCode.INVALID_TRANSITION,
                    "修订稿沿用已发布荣誉的同意记录，请在原荣誉上登记或撤回同意",
                    "id",
                )
            )
        sets = change(before)
        if sets.get("status") == "ARCHIVED":
            # A pending revision of an honour taken down has nothing left to revise.
            await tx.execute("DELETE FROM honours WHERE revision_of = $1", item)
        assignments = ", ".join(f"{col} = ${i}" for i, col in enumerate(sets, start=2))
        after = await tx.fetchrow(
            f"UPDATE honours c SET {assignments}, version = c.version + 1, updated_at = now() "
            f"WHERE c.id = $1 RETURNING {HONOURS.columns}",
            item,
            *sets.values(),
        )
        assert after is not None
        await record(
            tx,
            account_id=staff.id,
            action=action,
            object_type="Honour",
            object_id=item,
            region_id=after["region_id"],
            before=HonourRow.from_record(before),
            after=HonourRow.from_record(after),
        )
        return HonourRow.from_record(after)


@strawberry.type
class HonourEditMutations:
    @strawberry.mutation(permission_classes=EDITORS, description="Write an honour draft inside your scope.")
    async def honour_create(self, info: Info, input: Annotated[HonourCreateInput, INPUT_ARG]) -> HonourPayload:
        values = {
            "region_id": region_pk(input.scope),
            "title": input.title.strip(),
            "subject_kind": input.subject_kind.value,
            "subject_name": input.subject_name.strip(),
            "citation": input.citation.strip(),
            "year": input.year,
            "photo_sha256": input.photo,
            "contact": input.contact,
        }
        return await create_item(info, HONOUR_WORKFLOW, HonourPayload, "honour", _node, values)

    @strawberry.mutation(
        permission_classes=EDITORS,
        description="Edit a draft; editing a published honour makes a draft revision and returns it.",
    )
    async def honour_update(self, info: Info, input: Annotated[HonourUpdateInput, INPUT_ARG]) -> HonourPayload:
        return await update_item(
            info, HONOUR_WORKFLOW, HonourPayload, "honour", _node, input.id, input.version, _changes(input)
        )

    @strawberry.mutation(
        permission_classes=EDITORS,
        description="Record the consent of the person or household (on the honour, not on a draft revision of it). "
        "An honour taken down because consent was withdrawn becomes a DRAFT, to be submitted and approved again.",
    )
    async def honour_consent_record(self, info: Info, input: Annotated[ConsentInput, INPUT_ARG]) -> HonourPayload:
        problems = [
            *limited({"v": input.given_by}, "v", "givenBy", CONSENT_GIVEN_BY),
            *limited({"v": input.method}, "v", "method", CONSENT_METHOD),
        ]
        if input.given_at.tzinfo is None:
            problems.append(error(ErrorCode.INVALID, "同意时间须带时区", "givenAt"))
        elif input.given_at > info.context.now() + CLOCK_SKEW:
            problems.append(error(ErrorCode.INVALID, "同意时间不能晚于现在", "givenAt"))
        problems += await media_exists(info.context.db, input.form_photo, "formPhoto")
        if problems:
            return HonourPayload(honour=None, errors=problems)
        item = node_pk(input.id, "Honour", "id")
        assert item is not None
        given = {
            "consent_given_by": input.given_by.strip(),
            "consent_given_at": input.given_at,
            "consent_method": input.method.strip(),
            "consent_form_sha256": input.form_photo,
        }
        op = _set_consent(info, item, input.version, _recorded(given), "honourConsentRecord")
        return await run(HonourPayload, "honour", _node, op)

    @strawberry.mutation(
        permission_classes=EDITORS,
        description="The person withdrew consent: the honour leaves every screen at their next poll and is "
        "archived (a draft, if it was in review); consent recorded again makes it a draft to review again.",
    )
    async def honour_consent_withdraw(
        self, info: Info, input: Annotated[ConsentWithdrawInput, INPUT_ARG]
    ) -> HonourPayload:
        item = node_pk(input.id, "Honour", "id")
        assert item is not None
        op = _set_consent(info, item, input.version, _withdrawn(info.context.now()), "honourConsentWithdraw")
        return await run(HonourPayload, "honour", _node, op)


HonourReviewMutations = review_mutations(HONOUR_WORKFLOW, HonourPayload, "honour", _node)
