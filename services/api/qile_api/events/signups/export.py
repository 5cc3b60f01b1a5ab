"""GET /reports/event-signups.csv?event=<Event ID>: an event's sign-up list for its organiser.

UTF-8 with a byte order mark (Excel on the office's machines), written by the
project's one CSV writer (`http/csv_cells.py`, which defuses formula-like
names). Numbers are masked unless the account may contact residents; every
export is audited (`eventSignUpsExport`), saying whether it held full numbers.
"""

from __future__ import annotations

from datetime import datetime
from urllib.parse import quote
from zoneinfo import ZoneInfo

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from qile_api.accounts.http import staff_of
from qile_api.assessment.export import query_value
from qile_api.audit.sql import log_entry
from qile_api.events.signups import sql
from qile_api.events.signups.mobile import mask_mobile
from qile_api.events.signups.sql import SignUpRow
from qile_api.graphql.errors import BadUserInput
from qile_api.graphql.ids import parse_global_id, pk_of
from qile_api.http.csv_cells import Cell, csv_text
from qile_api.regions.sql import regions_by_ids
from qile_api.state import AppState

HEADER = ("姓名", "手机号", "人数", "报名时间", "签到时间", "签到人数")


def build_csv(rows: list[SignUpRow], *, full_numbers: bool, timezone: str) -> str:
    tz = ZoneInfo(timezone)

    def at(value: datetime | None) -> str | None:
        return value.astimezone(tz).strftime("%Y-%m-%d %H:%M") if value else None

    lines: list[tuple[Cell, ...]] = [HEADER]
    for r in rows:
        number = r.mobile if full_numbers else mask_mobile(r.mobile)
        lines.append((r.name, number, r.people, at(r.created_at), at(r.checked_in_at), r.checked_in_people))
    return csv_text(lines)


async def event_sign_ups_csv(request: Request) -> Response:
    state: AppState = request.app.state.qile
    staff = await staff_of(request)
    if staff is None:
        return PlainTextResponse(
            "请先登录（需要工作人员令牌）", status_code=401, headers={"WWW-Authenticate": "Bearer"}
        )
    try:
        gid = parse_global_id(query_value(request, "event") or "", "event")
    except BadUserInput:
        gid = None
    if gid is None or gid.type_name != "Event":
        return PlainTextResponse("请用 event=<活动ID> 指明要导出哪个活动的报名名单", status_code=400)
    event = await sql.sign_up_event(state.db, pk_of(gid))
    regions = await regions_by_ids(state.db, [event.region_id]) if event is not None else []
    if event is None or not regions or staff.scope_region_id not in regions[0].path:
        return PlainTextResponse("无权导出：活动不存在或不在您的管辖范围内", status_code=403)
    full_numbers = bool(await sql.contact_rights(state.db, [staff.id]))
    async with state.db.transaction() as tx:
        rows = await sql.all_sign_ups(tx, event.id)
        await log_entry(
            tx,
            account_id=staff.id,
            action="eventSignUpsExport",
            object_type="Event",
            object_id=event.id,
            region_id=event.region_id,
            after={"title": event.title, "signUps": len(rows), "fullNumbers": full_numbers},
        )
    text = build_csv(rows, full_numbers=full_numbers, timezone=state.settings.timezone)
    name = quote(f"活动报名-{event.title}.csv")
    return Response(
        text.encode("utf-8"),
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f"attachment; filename=\"event-{event.id}-signups.csv\"; filename*=UTF-8''{name}",
            "Cache-Control": "no-store",
        },
    )
