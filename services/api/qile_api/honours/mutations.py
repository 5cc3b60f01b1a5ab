"""Editing honours, and the consent of the people they name."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry
from strawberry import relay

from qile_api.content.mutations import ContentSteps, RejectInput, ReviewInput
from qile_api.editing.mutations import item_pk, outcome, signed_in
from qile_api.graphql.context import Info
from qile_api.graphql.describe import ID_INPUT, INPUT_ARG, VERSION_INPUT, errors_field
from qile_api.graphql.given import given
from qile_api.graphql.ids import region_pk
from qile_api.graphql.payloads import MutationError, errors_of
from qile_api.graphql.permissions import EDITORS, REVIEWERS
from qile_api.honours.consent import CONSENT_FIELDS, ConsentChange, consent_problems, recorded, set_consent, withdrawn
from qile_api.honours.editing import HONOUR_FIELDS, HONOUR_WORKFLOW
from qile_api.honours.sql import HonourRow
from qile_api.honours.types import Honour, HonourSubjectKind
from qile_api.limits import (
    CONSENT_GIVEN_BY,
    CONSENT_METHOD,
    HONOUR_CITATION,
    HONOUR_CONTACT,
    HONOUR_SUBJECT,
    HONOUR_TITLE,
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


def _node(row: HonourRow) -> Honour:
    return Honour.from_row(row)


_STEPS = ContentSteps(HONOUR_WORKFLOW, HonourPayload, "honour", _node)


async def _consent(info: Info, gid: relay.GlobalID, version: int, change: ConsentChange, action: str) -> HonourPayload:
    op = set_consent(
        info.context.db,
        actor_id=signed_in(info).id,
        honour_id=item_pk(gid, "Honour"),
        version=version,
        change=change,
        action=action,
    )
    return await outcome(HonourPayload, "honour", _node, op)


@strawberry.type
class HonourEditMutations:
    @strawberry.mutation(permission_classes=EDITORS, description="Write an honour draft inside your scope.")
    async def honour_create(self, info: Info, input: Annotated[HonourCreateInput, INPUT_ARG]) -> HonourPayload:
        return await _STEPS.create(info, HONOUR_FIELDS.values(given(input, scope=region_pk)))

    @strawberry.mutation(
        permission_classes=EDITORS,
        description="Edit a draft; editing a published honour makes a draft revision and returns it.",
    )
    async def honour_update(self, info: Info, input: Annotated[HonourUpdateInput, INPUT_ARG]) -> HonourPayload:
        changes = HONOUR_FIELDS.changes(given(input, scope=region_pk))
        return await _STEPS.update(info, input.id, input.version, changes)

    @strawberry.mutation(
        permission_classes=EDITORS,
        description="Record the consent of the person or household (on the honour, not on a draft revision of it). "
        "An honour taken down because consent was withdrawn becomes a DRAFT, to be submitted and approved again.",
    )
    async def honour_consent_record(self, info: Info, input: Annotated[ConsentInput, INPUT_ARG]) -> HonourPayload:
        consent = CONSENT_FIELDS.values(given(input))
        if problems := await consent_problems(info.context.db, consent, info.context.now()):
            return HonourPayload(honour=None, errors=errors_of(problems))
        return await _consent(info, input.id, input.version, recorded(consent), "honourConsentRecord")

    @strawberry.mutation(
        permission_classes=EDITORS,
        description="The person withdrew consent: the honour leaves every screen at their next poll and is "
        "archived (a draft, if it was in review); consent recorded again makes it a draft to review again.",
    )
    async def honour_consent_withdraw(
        self, info: Info, input: Annotated[ConsentWithdrawInput, INPUT_ARG]
    ) -> HonourPayload:
        change = withdrawn(info.context.now())
        return await _consent(info, input.id, input.version, change, "honourConsentWithdraw")


@strawberry.type
class HonourReviewMutations:
    @strawberry.mutation(
        name="honourSubmit", permission_classes=EDITORS, description="提交审核: send a 荣誉 draft for review."
    )
    async def honour_submit(self, info: Info, input: Annotated[ReviewInput, INPUT_ARG]) -> HonourPayload:
        return await _STEPS.submit(info, input)

    @strawberry.mutation(
        name="honourApprove",
        permission_classes=REVIEWERS,
        description="Publish a 荣誉 in review; nobody approves their own submission.",
    )
    async def honour_approve(self, info: Info, input: Annotated[ReviewInput, INPUT_ARG]) -> HonourPayload:
        return await _STEPS.approve(info, input)

    @strawberry.mutation(
        name="honourReject", permission_classes=REVIEWERS, description="Send a 荣誉 back with a reason."
    )
    async def honour_reject(self, info: Info, input: Annotated[RejectInput, INPUT_ARG]) -> HonourPayload:
        return await _STEPS.reject(info, input)

    @strawberry.mutation(
        name="honourArchive", permission_classes=REVIEWERS, description="Take a published 荣誉 off screens."
    )
    async def honour_archive(self, info: Info, input: Annotated[ReviewInput, INPUT_ARG]) -> HonourPayload:
        return await _STEPS.archive(info, input)
