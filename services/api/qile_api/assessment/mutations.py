"""Recording selections, recognitions and attestations."""

from __future__ import annotations

from datetime import date
from typing import Any

import strawberry
from strawberry import relay

from qile_api.assessment import sql
from qile_api.assessment.records import (
    ATTESTATIONS,
    RECOGNITIONS,
    SELECTIONS,
    AttestationRow,
    RecognitionRow,
    SelectionRow,
)
from qile_api.assessment.types import Attestation, Recognition, Selection
from qile_api.content.mutations import signed_in
from qile_api.graphql.context import Info
from qile_api.graphql.ids import region_pk
from qile_api.graphql.payloads import MutationError
from qile_api.graphql.permissions import EDITORS, REVIEWERS
from qile_api.records.mutations import RecordRefInput, create_record, delete_record, update_record


def _selection(row: SelectionRow) -> Selection:
    return Selection.of(
        sql.SelectionFact(row.id, row.kind, row.households_eligible, row.households_participating, row.version)
    )


def _recognition(row: RecognitionRow) -> Recognition:
    return Recognition.of(
        sql.RecognitionFact(
            row.id, row.brand_name, row.level, row.recognised_by, row.recognised_on, row.note, row.version
        )
    )


def _attestation(row: AttestationRow) -> Attestation:
    return Attestation.of(
        sql.AttestationFact(
            row.id,
            row.criterion_key,
            row.met,
            row.attested_by_account,
            row.attested_by_name,
            row.attested_at,
            row.note,
            row.photo_sha256,
        )
    )


@strawberry.type
class SelectionPayload:
    selection: Selection | None
    errors: list[MutationError]


@strawberry.type
class RecognitionPayload:
    recognition: Recognition | None
    errors: list[MutationError]


@strawberry.type
class AttestationPayload:
    attestation: Attestation | None
    errors: list[MutationError]


@strawberry.input(description="文明楼院、文明家庭、文明小区、绿色小区、平安小区: households taking part in a year.")
class SelectionCreateInput:
    community: relay.GlobalID
    year: int
    kind: str = strawberry.field(
        description="CIVIL_COURTYARD, CIVIL_FAMILY, CIVIL_ESTATE, GREEN_ESTATE or SAFE_ESTATE."
    )
    households_eligible: int
    households_participating: int


@strawberry.input
class SelectionUpdateInput:
    id: relay.GlobalID
    version: int
    households_eligible: int | None = None
    households_participating: int | None = None


@strawberry.input(description="A brand of the community and who promoted it (特色亮点).")
class RecognitionCreateInput:
    community: relay.GlobalID
    brand_name: str
    level: str = strawberry.field(description="CITY, PROVINCIAL or NATIONAL.")
    recognised_by: str
    recognised_on: date
    note: str = ""


@strawberry.input
class RecognitionUpdateInput:
    id: relay.GlobalID
    version: int
    brand_name: str | None = None
    level: str | None = None
    recognised_by: str | None = None
    recognised_on: date | None = None
    note: str | None = None


@strawberry.input(description="A judgement on a qualitative criterion; a later one supersedes it.")
class AttestationInput:
    community: relay.GlobalID
    year: int
    criterion: str = strawberry.field(description="The criterion's key, e.g. civility.environment.")
    met: bool
    note: str = ""
    photo: str | None = strawberry.field(default=None, description="sha256 from `mediaUpload`.")


def _given(input: object, names: tuple[str, ...]) -> dict[str, Any]:
    return {n: getattr(input, n) for n in names if getattr(input, n) is not None}


@strawberry.type
class AssessmentRecordMutations:
    @strawberry.mutation(permission_classes=EDITORS, description="Record a selection's participation for a year.")
    async def selection_create(self, info: Info, input: SelectionCreateInput) -> SelectionPayload:
        values = {
            "community_id": region_pk(input.community),
            "year": input.year,
            "kind": input.kind,
            "households_eligible": input.households_eligible,
            "households_participating": input.households_participating,
        }
        return await create_record(info, SELECTIONS, SelectionPayload, "selection", _selection, values)

    @strawberry.mutation(permission_classes=EDITORS, description="Correct a selection's household counts.")
    async def selection_update(self, info: Info, input: SelectionUpdateInput) -> SelectionPayload:
        changes = _given(input, ("households_eligible", "households_participating"))
        return await update_record(
            info, SELECTIONS, SelectionPayload, "selection", _selection, input.id, input.version, changes
        )

    @strawberry.mutation(permission_classes=EDITORS, description="Remove a selection recorded by mistake.")
    async def selection_delete(self, info: Info, input: RecordRefInput) -> SelectionPayload:
        return await delete_record(info, SELECTIONS, SelectionPayload, "selection", _selection, input)

    @strawberry.mutation(permission_classes=EDITORS, description="Record a brand and who promoted it.")
    async def recognition_create(self, info: Info, input: RecognitionCreateInput) -> RecognitionPayload:
        values = {
            "community_id": region_pk(input.community),
            "brand_name": input.brand_name.strip(),
            "level": input.level,
            "recognised_by": input.recognised_by.strip(),
            "recognised_on": input.recognised_on,
            "note": input.note.strip(),
        }
        return await create_record(info, RECOGNITIONS, RecognitionPayload, "recognition", _recognition, values)

    @strawberry.mutation(permission_classes=EDITORS, description="Correct a recognition.")
    async def recognition_update(self, info: Info, input: RecognitionUpdateInput) -> RecognitionPayload:
        changes = _given(input, ("brand_name", "level", "recognised_by", "recognised_on", "note"))
        return await update_record(
            info, RECOGNITIONS, RecognitionPayload, "recognition", _recognition, input.id, input.version, changes
        )

    @strawberry.mutation(permission_classes=EDITORS, description="Remove a recognition recorded by mistake.")
    async def recognition_delete(self, info: Info, input: RecordRefInput) -> RecognitionPayload:
        return await delete_record(info, RECOGNITIONS, RecognitionPayload, "recognition", _recognition, input)

    @strawberry.mutation(
        permission_classes=REVIEWERS,
        description="Attest a qualitative criterion as met or not (REVIEWER): who and when are recorded.",
    )
    async def attestation_record(self, info: Info, input: AttestationInput) -> AttestationPayload:
        staff = signed_in(info)
        values = {
            "community_id": region_pk(input.community),
            "year": input.year,
            "criterion_key": input.criterion,
            "met": input.met,
            "attested_by_account": staff.id,
            "attested_by_name": staff.account.display_name or staff.account.username,
            "attested_at": info.context.now(),
            "note": input.note.strip(),
            "photo_sha256": input.photo,
        }
        return await create_record(info, ATTESTATIONS, AttestationPayload, "attestation", _attestation, values)
