"""CSV export of assessments for the office: one row per community and criterion.

UTF-8 with a byte order mark, because Excel on the office's machines reads a
CSV without one as GBK and shows the Chinese as garbage; written by
`qile_api.http.csv_cells`, which defuses formula-like text.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from urllib.parse import parse_qsl, quote

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from qile_api.accounts.http import staff_of
from qile_api.assessment.engine import MAX_YEAR, MIN_YEAR, CommunityAssessment, assess_communities, current_year
from qile_api.assessment.rules import shown
from qile_api.assessment.sql import ExportCommunity, communities_within, district_named, district_names
from qile_api.assessment.vocabulary import STATUS_LABELS
from qile_api.db.database import Executor
from qile_api.graphql.errors import BadUserInput
from qile_api.graphql.ids import parse_global_id, pk_of
from qile_api.http.csv_cells import Cell, csv_text
from qile_api.reference.pilots import normalise_district
from qile_api.regions.sql import regions_by_ids
from qile_api.state import AppState

HEADER = (
    "区县",
    "街道/镇",
    "社区",
    "试点编号",
    "主题",
    "年度",
    "部分",
    "标准项",
    "标准内容",
    "测量值",
    "标准值",
    "单位",
    "结果",
    "依据",
)


def build_csv(rows: Sequence[tuple[ExportCommunity, CommunityAssessment]]) -> str:
    """The CSV text, BOM first (pure: everything is assessed already).

    Names come from staff (communities, teams, facilities in the evidence):
    `csv_text` defuses every text cell; measured values and thresholds go in
    as numbers and stay numbers.
    """
    lines: list[Sequence[Cell]] = [HEADER]
    for community, assessed in rows:
        for part in assessed.parts:
            for result in part.results:
                c, o = result.criterion, result.outcome
                lines.append(
                    (
                        community.district,
                        community.subdistrict,
                        community.name,
                        community.pilot_no,
                        community.theme,
                        assessed.year,
                        f"{part.number}.{part.name}",
                        c.key,
                        c.description,
                        shown(o.measured) if o.measured is not None else None,
                        shown(c.threshold) if c.threshold is not None else None,
                        c.unit,
                        STATUS_LABELS[o.status],
                        "；".join(e.label for e in o.evidence),
                    )
                )
    return csv_text(lines)


async def export_csv(db: Executor, year: int, region_id: int | None, *, now: datetime, timezone: str) -> str:
    """Every community inside `region_id` (None: the city), assessed in one batch."""
    communities = await communities_within(db, region_id)
    assessed = await assess_communities(db, [c.id for c in communities], year, now=now, timezone=timezone)
    return build_csv([(c, assessed[c.id]) for c in communities])


class ExportError(ValueError):
    """A request the export cannot answer; its message is the Chinese the caller reads."""


def query_value(request: Request, name: str) -> str | None:
    """A query parameter, read as UTF-8, else as GB 18030.

    Starlette reads the raw query as Latin-1. curl sends `district=张店区`
    as the terminal typed it: UTF-8 on Linux and macOS, GBK in a Chinese
    Windows console; percent-encoded or not (http/protocol.py), the bytes
    are the same once unquoted.
    """
    raw = bytes(request.scope.get("query_string", b"")).decode("latin-1")
    for key, value in parse_qsl(raw, keep_blank_values=True, encoding="latin-1"):
        if key == name:
            data: bytes = value.encode("latin-1")
            try:
                return data.decode("utf-8")
            except UnicodeDecodeError:
                return data.decode("gb18030", errors="replace")
    return None


async def parse_district(db: Executor, value: str | None) -> int | None:
    """`district` as its name (张店区, or a spelling of the plan's: 经开区) or its global ID; absent: none."""
    if not value or not value.strip():
        return None
    found = await district_named(db, normalise_district(value))
    if found is not None:
        return found
    try:
        gid = parse_global_id(value, "district")
    except BadUserInput:
        gid = None
    if gid is not None and gid.type_name == "District":
        found_region = await regions_by_ids(db, [pk_of(gid)])
        if found_region and found_region[0].level == "DISTRICT":
            return found_region[0].id
    names = "、".join(await district_names(db))
    raise ExportError(f"没有名为“{value}”的区县。district 可填区县名称（{names}）或其 ID，不填则导出全部管辖范围。")


def parse_year(value: str | None, this_year: int) -> int:
    """`year`; absent, this year in the city."""
    if value is None or not value.strip():
        return this_year
    if not (value.isascii() and value.isdigit()) or not MIN_YEAR <= int(value) <= MAX_YEAR:
        raise ExportError(
            f"年度“{value}”无效：year 须为{MIN_YEAR}至{MAX_YEAR}之间的年份，例如 year={this_year}，不填则为今年。"
        )
    return int(value)


def csv_response(text: str, year: int) -> Response:
    name = f"城市文化社区评估-{year}.csv"
    return Response(
        text.encode("utf-8"),
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f"attachment; filename=\"assessment-{year}.csv\"; filename*=UTF-8''{quote(name)}",
            "Cache-Control": "no-store",
        },
    )


async def assessment_csv(request: Request) -> Response:
    """GET /reports/assessment.csv?year=2026&district=张店区, for staff (Authorization: Bearer qu_…).

    Without `year`, this year in the city. Without `district` it covers the caller's whole scope; a district outside
    the caller's scope is refused.
    """
    state: AppState = request.app.state.qile
    staff = await staff_of(request)
    if staff is None:
        return PlainTextResponse(
            "请先登录（需要工作人员令牌）", status_code=401, headers={"WWW-Authenticate": "Bearer"}
        )
    try:
        this_year = current_year(state.clock(), state.settings.timezone)
        year = parse_year(query_value(request, "year"), this_year)
        region_id = await parse_district(state.db, query_value(request, "district"))
    except ExportError as exc:
        return PlainTextResponse(str(exc), status_code=400)
    if region_id is None:
        region_id = staff.scope_region_id
    elif not any(staff.scope_region_id in r.path for r in await regions_by_ids(state.db, [region_id])):
        return PlainTextResponse("无权导出：该区县不在您的管辖范围内", status_code=403)
    text = await export_csv(state.db, year, region_id, now=state.clock(), timezone=state.settings.timezone)
    return csv_response(text, year)
