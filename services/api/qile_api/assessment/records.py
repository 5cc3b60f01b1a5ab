"""The assessment's own records as staff keep them: selections, recognitions, attestations.

Same rules as every community record (qile_api.records.crud): scope
permissions, validation with Chinese messages, versions, and the audit entry
in the same transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import asyncpg

from qile_api.assessment.vocabulary import RECOGNITION_LEVELS, SELECTION_KINDS
from qile_api.content.validation import in_range, limited, media_exists
from qile_api.db.database import Executor
from qile_api.facilities.sql import community_exists
from qile_api.graphql.payloads import ErrorCode, MutationError, error
from qile_api.limits import ATTESTATION_NOTE, BRAND_NAME, RECOGNISED_BY, RECOGNITION_NOTE
from qile_api.records.crud import RecordTable


@dataclass(frozen=True)
class SelectionRow:
    id: int
    community_id: int
    year: int
    kind: str
    households_eligible: int
    households_participating: int
    version: int

    @classmethod
    def from_record(cls, r: asyncpg.Record) -> SelectionRow:
        return cls(**{k: r[k] for k in cls.__dataclass_fields__})


@dataclass(frozen=True)
class RecognitionRow:
    id: int
    community_id: int
    brand_name: str
    level: str
    recognised_by: str
    recognised_on: date
    note: str
    version: int

    @classmethod
    def from_record(cls, r: asyncpg.Record) -> RecognitionRow:
        return cls(**{k: r[k] for k in cls.__dataclass_fields__})


@dataclass(frozen=True)
class AttestationRow:
    id: int
    community_id: int
    year: int
    criterion_key: str
    met: bool
    attested_by_account: int | None
    attested_by_name: str
    attested_at: datetime
    note: str
    photo_sha256: str | None

    @classmethod
    def from_record(cls, r: asyncpg.Record) -> AttestationRow:
        return cls(**{k: r[k] for k in cls.__dataclass_fields__})


SELECTION_DUPLICATE = error(ErrorCode.DUPLICATE, "该社区本年度已登记此项推荐活动，请修改原记录", "kind")


async def validate_selection(db: Executor, v: Mapping[str, Any]) -> list[MutationError]:
    problems = [
        *await community_exists(db, v.get("community_id")),
        *in_range(v, "year", "year", "年份", 2000, 2100),
        *in_range(v, "households_eligible", "householdsEligible", "应参与户数", 1, 10_000_000),
        *in_range(v, "households_participating", "householdsParticipating", "参与户数", 0, 10_000_000),
    ]
    if v.get("kind") not in SELECTION_KINDS:
        problems.append(error(ErrorCode.INVALID, "未知的推荐活动类型", "kind"))
    if not problems and v["households_participating"] > v["households_eligible"]:
        problems.append(error(ErrorCode.INVALID, "参与户数不能多于应参与户数", "householdsParticipating"))
    if not problems:
        clash = await db.fetchval(
            "SELECT id FROM selections WHERE community_id = $1 AND year = $2 AND kind = $3 AND id <> $4",
            v["community_id"],
            v["year"],
            v["kind"],
            v.get("id") or 0,
        )
        if clash is not None:
            problems.append(SELECTION_DUPLICATE)
    return problems


async def validate_recognition(db: Executor, v: Mapping[str, Any]) -> list[MutationError]:
    problems = [
        *await community_exists(db, v.get("community_id")),
        *limited(v, "brand_name", "brandName", BRAND_NAME),
        *limited(v, "recognised_by", "recognisedBy", RECOGNISED_BY),
        *limited(v, "note", "note", RECOGNITION_NOTE, required=False),
    ]
    if v.get("level") not in RECOGNITION_LEVELS:
        problems.append(error(ErrorCode.INVALID, "级别须为市级、省级或国家级", "level"))
    return problems


async def validate_attestation(db: Executor, v: Mapping[str, Any]) -> list[MutationError]:
    problems = [
        *await community_exists(db, v.get("community_id")),
        *in_range(v, "year", "year", "年份", 2000, 2100),
        *limited(v, "note", "note", ATTESTATION_NOTE, required=False),
        *await media_exists(db, v.get("photo_sha256")),
    ]
    if not await db.fetchval("SELECT true FROM assessment_criteria WHERE key = $1", v.get("criterion_key")):
        problems.append(error(ErrorCode.NOT_FOUND, "标准中没有这一条", "criterion"))
    return problems


SELECTIONS: RecordTable[SelectionRow] = RecordTable(
    table="selections",
    columns="c.id, c.community_id, c.year, c.kind, c.households_eligible, c.households_participating, c.version",
    type_name="Selection",
    label="推荐活动记录",
    from_record=SelectionRow.from_record,
    validate=validate_selection,
    duplicate=SELECTION_DUPLICATE,
)

RECOGNITIONS: RecordTable[RecognitionRow] = RecordTable(
    table="recognitions",
    columns="c.id, c.community_id, c.brand_name, c.level, c.recognised_by, c.recognised_on, c.note, c.version",
    type_name="Recognition",
    label="品牌推广记录",
    from_record=RecognitionRow.from_record,
    validate=validate_recognition,
)

ATTESTATIONS: RecordTable[AttestationRow] = RecordTable(
    table="attestations",
    columns="c.id, c.community_id, c.year, c.criterion_key, c.met, c.attested_by_account, c.attested_by_name, "
    "c.attested_at, c.note, c.photo_sha256",
    type_name="Attestation",
    label="认定记录",
    from_record=AttestationRow.from_record,
    validate=validate_attestation,
    create_action="attestationRecord",
)
