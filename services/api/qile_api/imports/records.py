"""Imports of community records: 设施, 队伍, 评选参与, 达标认定.

Each row goes the way of the mutation doing the same (facilityCreate,
teamCreate, selectionCreate, attestationRecord): its cells become that
mutation's input, the type's field map makes the stored values of it, and
`editing.crud.insert` checks them as the mutation does (the field map and
the type's own checks, with the same Chinese refusals, put in the column
the refused field comes from), inserts the row and audits it under the
mutation's name, inside the import's one transaction.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from datetime import datetime
from typing import Any

from qile_api.assessment.records import ATTESTATION, SELECTION, attestation_values
from qile_api.assessment.sql import ATTESTED, all_criteria, communities_within
from qile_api.assessment.vocabulary import SELECTION_KINDS
from qile_api.db.database import Executor
from qile_api.editing import crud
from qile_api.facilities.editing import FACILITY
from qile_api.facilities.kinds import FACILITY_KINDS
from qile_api.imports import cells
from qile_api.imports.cells import CellProblem, choice, measure, whole, yes_no
from qile_api.imports.kinds import ImportKind, Prepared, RowProblem
from qile_api.imports.layout import Column, Layout
from qile_api.imports.places import COMMUNITY, PLACE_COLUMNS, Places
from qile_api.limits import ATTESTATION_NOTE, FACILITY_NAME, TEAM_NAME
from qile_api.principals import StaffPrincipal
from qile_api.teams.editing import TEAM
from qile_api.teams.kinds import TEAM_KINDS

# A row's input, as the create mutation's (community already its key), to the columns stored.
Stored = Callable[[Mapping[str, Any], StaffPrincipal, datetime], dict[str, Any]]
Columns = Callable[[Executor], Awaitable[Sequence[Column]]]


def kind_column(header: str, vocabulary: dict[str, str], width: float = 22) -> Column:
    return Column(
        header,
        "kind",
        choice(vocabulary),
        required=True,
        hint="必填，从下拉列表选择",
        choices=tuple(vocabulary.values()),
        width=width,
    )


def _fixed(*columns: Column) -> Columns:
    async def load(_db: Executor) -> Sequence[Column]:
        return columns

    return load


def record_kind(
    key: str,
    label: str,
    action: str,
    kind: crud.Editable[Any],
    columns: Columns,
    stored: Stored | None = None,
    defaults: Mapping[str, Any] | None = None,
) -> ImportKind:
    """An import creating rows of `kind`, one per sheet row, in communities of the caller's scope.

    A column's key is the create input's field; an empty cell is that field left
    out (`defaults` gives what the input's own default is, where it has one).
    """

    def as_stored(given: Mapping[str, Any], _staff: StaffPrincipal, _now: datetime) -> dict[str, Any]:
        return kind.fields.values(given)

    store = stored or as_stored

    async def prepare(db: Executor, staff: StaffPrincipal, now: datetime) -> Prepared:
        places = Places(await communities_within(db, staff.scope_region_id))
        layout = Layout(label, (*PLACE_COLUMNS, *await columns(db)))
        inputs = [c.key for c in layout.columns if c not in PLACE_COLUMNS]

        async def apply(tx: Executor, _number: int, row: dict[str, Any]) -> bool:
            try:
                community_id = places.community(row)
            except CellProblem as exc:
                raise RowProblem(COMMUNITY.header, str(exc)) from None
            given = {**(defaults or {}), **{k: row[k] for k in inputs if row[k] is not None}}
            values = store({**given, "community": community_id}, staff, now)
            await crud.insert(tx, kind, actor_id=staff.id, values=values, now=now)
            return True

        return Prepared(layout, apply, {"community": places.names()})

    return ImportKind(key, label, action, prepare)


FACILITY_IMPORT = record_kind(
    "facilities",
    "设施",
    "facilitiesImport",
    FACILITY,
    _fixed(
        kind_column("设施类型", FACILITY_KINDS),
        Column("设施名称", "name", required=True, hint=f"必填，不超过{FACILITY_NAME.max}个字", width=24),
        Column("室内面积（平方米）", "indoor_area_m2", measure, hint="数字，可不填"),
        Column("室外面积（平方米）", "outdoor_area_m2", measure, hint="数字，可不填"),
        Column("每周开放时长（小时）", "weekly_open_hours", measure, hint="0至168，可不填"),
        Column("免费开放", "free_of_charge", yes_no, hint="是或否，可不填", choices=cells.YES),
    ),
)

TEAM_IMPORT = record_kind(
    "teams",
    "队伍",
    "teamsImport",
    TEAM,
    _fixed(
        kind_column("队伍类型", TEAM_KINDS, 14),
        Column("队伍名称", "name", required=True, hint=f"必填，不超过{TEAM_NAME.max}个字", width=24),
        Column("人数", "members", whole, required=True, hint="必填，整数"),
        Column("常年开展活动", "active_all_year", yes_no, hint="是或否，不填为否", choices=cells.YES),
    ),
    # teamCreate's default.
    defaults={"active_all_year": False},
)

SELECTION_IMPORT = record_kind(
    "selections",
    "评选参与",
    "selectionsImport",
    SELECTION,
    _fixed(
        Column("年度", "year", whole, required=True, hint="必填，如：2026", width=8),
        kind_column("推荐活动", SELECTION_KINDS, 12),
        Column("应参与户数", "households_eligible", whole, required=True, hint="必填，整数"),
        Column("参与户数", "households_participating", whole, required=True, hint="必填，整数"),
    ),
)


async def _attestation_columns(db: Executor) -> Sequence[Column]:
    # The drop-down offers only what is judged on site; a measured criterion typed in (by its text or key)
    # is read, and refused by attestationRecord's own check with its reason.
    criteria = await all_criteria(db)
    judged = {c.key: c.description for c in criteria if c.rule == ATTESTED}
    return (
        Column("年度", "year", whole, required=True, hint="必填，如：2026", width=8),
        Column(
            "标准项",
            "criterion",
            choice({c.key: c.description for c in criteria}),
            required=True,
            hint="必填，从下拉列表选择",
            choices=tuple(judged.values()),
            width=48,
        ),
        Column("是否达标", "met", yes_no, required=True, hint="必填，是或否", choices=cells.YES),
        Column("说明", "note", hint=f"现场所见，不超过{ATTESTATION_NOTE.max}个字", width=30),
    )


# As attestationRecord stores it: who and when are the uploader and the upload.
ATTESTATION_IMPORT = record_kind(
    "attestations",
    "达标认定",
    "attestationsImport",
    ATTESTATION,
    _attestation_columns,
    stored=attestation_values,
    # attestationRecord's defaults: no note, no photo.
    defaults={"note": "", "photo": None},
)
