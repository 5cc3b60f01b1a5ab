"""Recording selections, recognitions and attestations."""

from __future__ import annotations

import dataclasses
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
from qile_api.content.mutations import run
from qile_api.graphql.context import Info
from qile_api.graphql.ids import node_pk
from qile_api.graphql.payloads import MutationError
from qile_api.graphql.permissions import EDITORS, REVIEWERS
from qile_api.graphql.scopes import region_pk
from qile_api.records import crud
from qile_api.records.mutations import RecordRefInput


def _selection(row: SelectionRow) -> Selection:
    fact = sql.SelectionFact(row.id, row.kind, row.households_eligible, row.households_participating)
    return dataclasses.replace(Selection.of(fact), version=row.version)


def _recognition(row: RecognitionRow) -> Recognition:
    fact = sql.RecognitionFact(row.id, row.brand_name, row.level, row.recognised_by, row.recognised_on)
    return dataclasses.replace(Recognition.of(fact), version=row.version)


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


def _pk(gid: relay.GlobalID, type_name: str) -> int:
    found = node_pk(gid, type_name, "id")
    assert found is not None
    return found


def _given(input: object, names: tuple[str, ...]) -> dict[str, Any]:
    return {n: getattr(input, n) for n in names if getattr(input, n) is not None}


@strawberry.type
class AssessmentRecordMutations:
    @strawberry.mutation(permission_classes=EDITORS, description="Record a selection's participation for a year.")
    async def selection_create(self, info: Info, input: SelectionCreateInput) -> SelectionPayload:
        assert info.context.staff is not None
        values = {
            "community_id": region_pk(input.community),
            "year": input.year,
            "kind": input.kind,
            "households_eligible": input.households_eligible,
            "households_participating": input.households_participating,
        }
        op = crud.create(info.context.db, SELECTIONS, info.context.staff, values)
        return await run(SelectionPayload, "selection", _selection, op)

    @strawberry.mutation(permission_classes=EDITORS, description="Correct a selection's household counts.")
    async def selection_update(self, info: Info, input: SelectionUpdateInput) -> SelectionPayload:
        assert info.context.staff is not None
        changes = _given(input, ("households_eligible", "households_participating"))
        pk = _pk(input.id, "Selection")
        op = crud.update(info.context.db, SELECTIONS, info.context.staff, pk, input.version, changes)
        return await run(SelectionPayload, "selection", _selection, op)

    @strawberry.mutation(permission_classes=EDITORS, description="Remove a selection recorded by mistake.")
    async def selection_delete(self, info: Info, input: RecordRefInput) -> SelectionPayload:
        assert info.context.staff is not None
        op = crud.delete(info.context.db, SELECTIONS, info.context.staff, _pk(input.id, "Selection"), input.version)
        return await run(SelectionPayload, "selection", _selection, op)

    @strawberry.mutation(permission_classes=EDITORS, description="Record a brand and who promoted it.")
    async def recognition_create(self, info: Info, input: RecognitionCreateInput) -> RecognitionPayload:
        assert info.context.staff is not None
        values = {
            "community_id": region_pk(input.community),
            "brand_name": input.brand_name.strip(),
            "level": input.level,
            "recognised_by": input.recognised_by.strip(),
            "recognised_on": input.recognised_on,
            "note": input.note.strip(),
        }
        op = crud.create(info.context.db, RECOGNITIONS, info.context.staff, values)
        return await run(RecognitionPayload, "recognition", _recognition, op)

    @strawberry.mutation(permission_classes=EDITORS, description="Correct a recognition.")
    async def recognition_update(self, info: Info, input: RecognitionUpdateInput) -> RecognitionPayload:
        assert info.context.staff is not None
        changes = _given(input, ("brand_name", "level", "recognised_by", "recognised_on", "note"))
        pk = _pk(input.id, "Recognition")
        op = crud.update(info.context.db, RECOGNITIONS, info.context.staff, pk, input.version, changes)
        return await run(RecognitionPayload, "recognition", _recognition, op)

    @strawberry.mutation(permission_classes=EDITORS, description="Remove a recognition recorded by mistake.")
    async def recognition_delete(self, info: Info, input: RecordRefInput) -> RecognitionPayload:
        assert info.context.staff is not None
        pk = _pk(input.id, "Recognition")
        op = crud.delete(info.context.db, RECOGNITIONS, info.context.staff, pk, input.version)
        return await run(RecognitionPayload, "recognition", _recognition, op)

    @strawberry.mutation(
        permission_classes=REVIEWERS,
        description="Attest a qualitative criterion as met or not (REVIEWER): who and when are recorded.",
    )
    async def attestation_record(self, info: Info, input: AttestationInput) -> AttestationPayload:
        staff = info.context.staff
        assert staff is not None
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
        op = crud.create(info.context.db, ATTESTATIONS, staff, values)
        return await run(AttestationPayload, "attestation", _attestation, op)
