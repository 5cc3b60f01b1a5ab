"""Recording selections, recognitions and attestations."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry
from strawberry import relay

from qile_api.assessment.engine import MAX_YEAR, MIN_YEAR
from qile_api.assessment.records import (
    ATTESTATION,
    ATTESTATION_FIELDS,
    RECOGNITION,
    RECOGNITION_FIELDS,
    SELECTION,
    SELECTION_FIELDS,
)
from qile_api.assessment.types import Attestation, Recognition, Selection
from qile_api.assessment.vocabulary import RecognitionLevel, SelectionKind
from qile_api.editing.mutations import Edits, signed_in
from qile_api.graphql.context import Info
from qile_api.graphql.describe import COMMUNITY_INPUT, ID_INPUT, INPUT_ARG, VERSION_INPUT, errors_field
from qile_api.graphql.given import given
from qile_api.graphql.ids import region_pk
from qile_api.graphql.payloads import MutationError
from qile_api.graphql.permissions import EDITORS, REVIEWERS
from qile_api.limits import ATTESTATION_NOTE, BRAND_NAME, RECOGNISED_BY, RECOGNITION_NOTE
from qile_api.records.mutations import RecordRefInput


@strawberry.type(description="What a selection mutation did: the record as it now is, or why not.")
class SelectionPayload:
    selection: Selection | None = strawberry.field(description="The record after the change (before it, for a delete).")
    errors: list[MutationError] = errors_field()


@strawberry.type(description="What a recognition mutation did: the record as it now is, or why not.")
class RecognitionPayload:
    recognition: Recognition | None = strawberry.field(
        description="The record after the change (before it, for a delete)."
    )
    errors: list[MutationError] = errors_field()


@strawberry.type(description="What `attestationRecord` did: the judgement recorded, or why not.")
class AttestationPayload:
    attestation: Attestation | None = strawberry.field(description="The judgement as recorded.")
    errors: list[MutationError] = errors_field()


_YEAR = f"The year it counts for, {MIN_YEAR} to {MAX_YEAR}."
_ELIGIBLE = "应参与户数: households that could take part, at least 1."
_PARTICIPATING = "参与户数: households taking part, at most the eligible ones."


@strawberry.input(description="文明楼院、文明家庭、文明小区、绿色小区、平安小区: households taking part in a year.")
class SelectionCreateInput:
    community: relay.GlobalID = strawberry.field(description=COMMUNITY_INPUT)
    year: int = strawberry.field(description=_YEAR + " One record per selection and year.")
    kind: SelectionKind = strawberry.field(description="Which selection.")
    households_eligible: int = strawberry.field(description=_ELIGIBLE)
    households_participating: int = strawberry.field(description=_PARTICIPATING)


@strawberry.input(description="A correction to a selection's household counts: only the counts given change.")
class SelectionUpdateInput:
    id: relay.GlobalID = strawberry.field(description=ID_INPUT)
    version: int = strawberry.field(description=VERSION_INPUT)
    households_eligible: int | None = strawberry.field(default=None, description=_ELIGIBLE)
    households_participating: int | None = strawberry.field(default=None, description=_PARTICIPATING)


@strawberry.input(description="A brand of the community and who promoted it (特色亮点).")
class RecognitionCreateInput:
    community: relay.GlobalID = strawberry.field(description=COMMUNITY_INPUT)
    brand_name: str = strawberry.field(description=BRAND_NAME.describe("The brand, e.g. “邻里守望”互助品牌."))
    level: RecognitionLevel = strawberry.field(description="The level of whoever promoted it.")
    recognised_by: str = strawberry.field(description=RECOGNISED_BY.describe("Who promoted it: a body or a medium."))
    recognised_on: date = strawberry.field(description="When it was promoted.")
    note: str = strawberry.field(default="", description=RECOGNITION_NOTE.describe("Anything worth noting."))


@strawberry.input(description="A correction to a recognition: only the fields given change.")
class RecognitionUpdateInput:
    id: relay.GlobalID = strawberry.field(description=ID_INPUT)
    version: int = strawberry.field(description=VERSION_INPUT)
    brand_name: str | None = strawberry.field(default=None, description=BRAND_NAME.describe("The brand."))
    level: RecognitionLevel | None = strawberry.field(default=None, description="The level of whoever promoted it.")
    recognised_by: str | None = strawberry.field(default=None, description=RECOGNISED_BY.describe("Who promoted it."))
    recognised_on: date | None = strawberry.field(default=None, description="When it was promoted.")
    note: str | None = strawberry.field(default=None, description=RECOGNITION_NOTE.describe("Anything worth noting."))


@strawberry.input(description="A judgement on a qualitative criterion; a later one supersedes it.")
class AttestationInput:
    community: relay.GlobalID = strawberry.field(description=COMMUNITY_INPUT)
    year: int = strawberry.field(description=_YEAR)
    criterion: str = strawberry.field(description="The criterion's key, e.g. civility.environment.")
    met: bool = strawberry.field(description="Whether the community meets it, as judged on site.")
    note: str = strawberry.field(default="", description=ATTESTATION_NOTE.describe("What was seen."))
    photo: str | None = strawberry.field(
        default=None, description="A photo taken on site: its sha256 from `mediaUpload`."
    )


_SELECTIONS = Edits(SELECTION, SelectionPayload, "selection", Selection.from_row)
_RECOGNITIONS = Edits(RECOGNITION, RecognitionPayload, "recognition", Recognition.from_row)
_ATTESTATIONS = Edits(ATTESTATION, AttestationPayload, "attestation", Attestation.from_row)


@strawberry.type
class AssessmentRecordMutations:
    @strawberry.mutation(permission_classes=EDITORS, description="Record a selection's participation for a year.")
    async def selection_create(self, info: Info, input: Annotated[SelectionCreateInput, INPUT_ARG]) -> SelectionPayload:
        values = SELECTION_FIELDS.values(given(input, community=region_pk))
        return await _SELECTIONS.create(info, values)

    @strawberry.mutation(permission_classes=EDITORS, description="Correct a selection's household counts.")
    async def selection_update(self, info: Info, input: Annotated[SelectionUpdateInput, INPUT_ARG]) -> SelectionPayload:
        changes = SELECTION_FIELDS.changes(given(input))
        return await _SELECTIONS.update(info, input.id, input.version, changes)

    @strawberry.mutation(permission_classes=EDITORS, description="Remove a selection recorded by mistake.")
    async def selection_delete(self, info: Info, input: Annotated[RecordRefInput, INPUT_ARG]) -> SelectionPayload:
        return await _SELECTIONS.delete(info, input.id, input.version)

    @strawberry.mutation(permission_classes=EDITORS, description="Record a brand and who promoted it.")
    async def recognition_create(
        self, info: Info, input: Annotated[RecognitionCreateInput, INPUT_ARG]
    ) -> RecognitionPayload:
        values = RECOGNITION_FIELDS.values(given(input, community=region_pk))
        return await _RECOGNITIONS.create(info, values)

    @strawberry.mutation(permission_classes=EDITORS, description="Correct a recognition.")
    async def recognition_update(
        self, info: Info, input: Annotated[RecognitionUpdateInput, INPUT_ARG]
    ) -> RecognitionPayload:
        changes = RECOGNITION_FIELDS.changes(given(input))
        return await _RECOGNITIONS.update(info, input.id, input.version, changes)

    @strawberry.mutation(permission_classes=EDITORS, description="Remove a recognition recorded by mistake.")
    async def recognition_delete(self, info: Info, input: Annotated[RecordRefInput, INPUT_ARG]) -> RecognitionPayload:
        return await _RECOGNITIONS.delete(info, input.id, input.version)

    @strawberry.mutation(
        permission_classes=REVIEWERS,
        description="Attest a qualitative criterion as met or not (REVIEWER): who and when are recorded.",
    )
    async def attestation_record(self, info: Info, input: Annotated[AttestationInput, INPUT_ARG]) -> AttestationPayload:
        staff = signed_in(info)
        values = {
            **ATTESTATION_FIELDS.values(given(input, community=region_pk)),
            "attested_by_account": staff.id,
            "attested_by_name": staff.display_name or staff.username,
            "attested_at": info.context.now(),
        }
        return await _ATTESTATIONS.create(info, values)
