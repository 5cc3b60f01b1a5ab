"""Imports of community records: 设施, 队伍, 评选参与, 达标认定.

Each row becomes exactly what the mutation doing the same would write
(facilityCreate, teamCreate, selectionCreate, attestationRecord): the same
table spec, hence the same validation, the same Chinese refusals (put in the
column the refused field comes from) and the same audit entry per record.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime
from typing import Any

from qile_api.assessment.records import ATTESTATIONS, SELECTIONS
from qile_api.assessment.sql import all_criteria, communities_within
from qile_api.assessment.vocabulary import FACILITY_KINDS, SELECTION_KINDS, TEAM_KINDS
from qile_api.db.database import Executor
from qile_api.facilities.sql import FACILITIES
from qile_api.imports import cells
from qile_api.imports.cells import CellProblem, choice, measure, whole, yes_no
from qile_api.imports.kinds import ImportKind, Prepared, RowProblem
from qile_api.imports.layout import Column, Layout
from qile_api.imports.places import COMMUNITY, PLACE_COLUMNS, Places
from qile_api.limits import ATTESTATION_NOTE, FACILITY_NAME, TEAM_NAME
from qile_api.principals import StaffPrincipal
from qile_api.records import crud
from qile_api.teams.sql import TEAMS

Values = Callable[[dict[str, Any], StaffPrincipal, datetime], dict[str, Any]]
Columns = Callable[[Executor], Awaitable[Sequence[Column]]]


def kind_column(header: str, vocabulary: dict[str, str], width: float = 22) -> Column:
    return Column(
        header,
        "kind",
        choice(vocabulary),
        required=True,
        hint="必填，从下拉列表选择",
        choices=tuple(vocabulary.values()),
        fields=("kind",),
        width=width,
    )


def _fixed(*columns: Column) -> Columns:
    async def load(_db: Executor) -> Sequence[Column]:
        return columns

    return load


def record_kind(
    key: str, label: str, action: str, spec: crud.RecordTable[Any], columns: Columns, values: Values
) -> ImportKind:
    """An import writing rows of `spec`, one per sheet row, for communities of the caller's scope."""

    async def prepare(db: Executor, staff: StaffPrincipal, now: datetime) -> Prepared:
        places = Places(await communities_within(db, staff.scope_region_id))
        layout = Layout(label, (*PLACE_COLUMNS, *await columns(db)))

        async def apply(tx: Executor, _number: int, row: dict[str, Any]) -> bool:
            try:
                community_id = places.community(row)
            except CellProblem as exc:
                raise RowProblem(COMMUNITY.header, str(exc)) from None
            await crud.insert(tx, spec, staff, {"community_id": community_id, **values(row, staff, now)})
            return True

        return Prepared(layout, apply, {"community": places.names()})

    return ImportKind(key, label, action, prepare)


def _as_given(row: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {k: row[k] for k in keys}


FACILITY_IMPORT = record_kind(
    "facilities",
    "设施",
    "facilitiesImport",
    FACILITIES,
    _fixed(
        kind_column("设施类型", FACILITY_KINDS),
        Column(
            "设施名称", "name", required=True, hint=f"必填，不超过{FACILITY_NAME.max}个字", fields=("name",), width=24
        ),
        Column("室内面积（平方米）", "indoor_area_m2", measure, hint="数字，可不填", fields=("indoorAreaM2",)),
        Column("室外面积（平方米）", "outdoor_area_m2", measure, hint="数字，可不填", fields=("outdoorAreaM2",)),
        Column(
            "每周开放时长（小时）", "weekly_open_hours", measure, hint="0至168，可不填", fields=("weeklyOpenHours",)
        ),
        Column(
            "免费开放", "free_of_charge", yes_no, hint="是或否，可不填", choices=cells.YES, fields=("freeOfCharge",)
        ),
    ),
    lambda row, _staff, _now: _as_given(
        row, "kind", "name", "indoor_area_m2", "outdoor_area_m2", "weekly_open_hours", "free_of_charge"
    ),
)

TEAM_IMPORT = record_kind(
    "teams",
    "队伍",
    "teamsImport",
    TEAMS,
    _fixed(
        kind_column("队伍类型", TEAM_KINDS, 14),
        Column("队伍名称", "name", required=True, hint=f"必填，不超过{TEAM_NAME.max}个字", fields=("name",), width=24),
        Column("人数", "members", whole, required=True, hint="必填，整数", fields=("members",)),
        Column("常年开展活动", "active_all_year", yes_no, hint="是或否，不填为否", choices=cells.YES),
    ),
    lambda row, _staff, _now: {
        **_as_given(row, "kind", "name", "members"),
        "active_all_year": bool(row["active_all_year"]),
    },
)

SELECTION_IMPORT = record_kind(
    "selections",
    "评选参与",
    "selectionsImport",
    SELECTIONS,
    _fixed(
        Column("年度", "year", whole, required=True, hint="必填，如：2026", fields=("year",), width=8),
        kind_column("推荐活动", SELECTION_KINDS, 12),
        Column(
            "应参与户数", "households_eligible", whole, required=True, hint="必填，整数", fields=("householdsEligible",)
        ),
        Column(
            "参与户数",
            "households_participating",
            whole,
            required=True,
            hint="必填，整数",
            fields=("householdsParticipating",),
        ),
    ),
    lambda row, _staff, _now: _as_given(row, "year", "kind", "households_eligible", "households_participating"),
)


async def _attestation_columns(db: Executor) -> Sequence[Column]:
    # Only what is judged on site: a measured criterion is the records' to decide.
    judged = {c.key: c.description for c in await all_criteria(db) if c.rule == "attested"}
    return (
        Column("年度", "year", whole, required=True, hint="必填，如：2026", fields=("year",), width=8),
        Column(
            "标准项",
            "criterion",
            choice(judged),
            required=True,
            hint="必填，从下拉列表选择",
            choices=tuple(judged.values()),
            fields=("criterion",),
            width=48,
        ),
        Column("是否达标", "met", yes_no, required=True, hint="必填，是或否", choices=cells.YES),
        Column("说明", "note", hint=f"现场所见，不超过{ATTESTATION_NOTE.max}个字", fields=("note",), width=30),
    )


def _attestation(row: dict[str, Any], staff: StaffPrincipal, now: datetime) -> dict[str, Any]:
    # As attestationRecord writes it: who and when are the uploader and the upload.
    return {
        "year": row["year"],
        "criterion_key": row["criterion"],
        "met": row["met"],
        "attested_by_account": staff.id,
        "attested_by_name": staff.display_name or staff.username,
        "attested_at": now,
        "note": row["note"] or "",
        "photo_sha256": None,
    }


ATTESTATION_IMPORT = record_kind(
    "attestations", "达标认定", "attestationsImport", ATTESTATIONS, _attestation_columns, _attestation
)
