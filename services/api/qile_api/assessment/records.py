"""The assessment's own community records as staff keep them: selections, recognitions, attestations.

Edited like every community record (`editing.crud`): scope permissions,
the field maps, checks with Chinese messages, versions, and the audit entry
in the same transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from qile_api.assessment.engine import MAX_YEAR, MIN_YEAR
from qile_api.assessment.sql import (
    ATTESTATION_TABLE,
    RECOGNITION_TABLE,
    SELECTION_TABLE,
    AttestationRow,
    RecognitionRow,
    SelectionRow,
    criterion_exists,
    selection_taken,
)
from qile_api.assessment.vocabulary import RECOGNITION_LEVELS, SELECTION_KINDS
from qile_api.db.database import Executor
from qile_api.editing.crud import Editable
from qile_api.fields import Field, FieldMap
from qile_api.limits import ATTESTATION_NOTE, BRAND_NAME, RECOGNISED_BY, RECOGNITION_NOTE
from qile_api.media.sql import media_exists
from qile_api.problems import ErrorCode, Problem, problem
from qile_api.regions.sql import community_exists

_YEAR = Field("year", between=(MIN_YEAR, MAX_YEAR), label="年份")

SELECTION_FIELDS = FieldMap(
    Field("community", column="community_id"),
    _YEAR,
    Field("kind"),
    Field("households_eligible", between=(1, 10_000_000), label="应参与户数"),
    Field("households_participating", between=(0, 10_000_000), label="参与户数"),
)


async def _selection_checks(db: Executor, v: Mapping[str, Any], _now: datetime) -> list[Problem]:
    problems = await community_exists(db, v.get("community_id"))
    if v.get("kind") not in SELECTION_KINDS:
        problems.append(problem(ErrorCode.INVALID, "未知的推荐活动类型", "kind"))
    elif not problems and await selection_taken(db, v["community_id"], v["year"], v["kind"], v.get("id")):
        assert SELECTION_TABLE.duplicate is not None
        problems.append(SELECTION_TABLE.duplicate)
    return problems


def _selection_agrees(v: Mapping[str, Any], _now: datetime) -> list[Problem]:
    if v["households_participating"] > v["households_eligible"]:
        return [problem(ErrorCode.INVALID, "参与户数不能多于应参与户数", "householdsParticipating")]
    return []


SELECTION: Editable[SelectionRow] = Editable(
    SELECTION_TABLE,
    SELECTION_FIELDS,
    create_action="selectionCreate",
    update_action="selectionUpdate",
    delete_action="selectionDelete",
    validate=_selection_checks,
    agree=_selection_agrees,
)

RECOGNITION_FIELDS = FieldMap(
    Field("community", column="community_id"),
    Field("brand_name", text=BRAND_NAME),
    Field("level"),
    Field("recognised_by", text=RECOGNISED_BY),
    Field("recognised_on"),
    Field("note", text=RECOGNITION_NOTE, required=False),
)


async def _recognition_checks(db: Executor, v: Mapping[str, Any], _now: datetime) -> list[Problem]:
    problems = await community_exists(db, v.get("community_id"))
    if v.get("level") not in RECOGNITION_LEVELS:
        problems.append(problem(ErrorCode.INVALID, "级别须为市级、省级或国家级", "level"))
    return problems


RECOGNITION: Editable[RecognitionRow] = Editable(
    RECOGNITION_TABLE,
    RECOGNITION_FIELDS,
    create_action="recognitionCreate",
    update_action="recognitionUpdate",
    delete_action="recognitionDelete",
    validate=_recognition_checks,
)

# Who attested, and when, is not input: the mutation adds it.
ATTESTATION_FIELDS = FieldMap(
    Field("community", column="community_id"),
    _YEAR,
    Field("criterion", column="criterion_key"),
    Field("met"),
    Field("note", text=ATTESTATION_NOTE, required=False),
    Field("photo", column="photo_sha256", nullable=True),
)


async def _attestation_checks(db: Executor, v: Mapping[str, Any], _now: datetime) -> list[Problem]:
    problems = [*await community_exists(db, v.get("community_id")), *await media_exists(db, v.get("photo_sha256"))]
    if not await criterion_exists(db, v.get("criterion_key")):
        problems.append(problem(ErrorCode.NOT_FOUND, "标准中没有这一条", "criterion"))
    return problems


# Only ever added: a later attestation supersedes an earlier one.
ATTESTATION: Editable[AttestationRow] = Editable(
    ATTESTATION_TABLE,
    ATTESTATION_FIELDS,
    create_action="attestationRecord",
    validate=_attestation_checks,
)
