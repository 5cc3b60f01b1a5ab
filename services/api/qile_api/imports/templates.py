"""GET /reports/templates/{name}.xlsx: an import's template, with the caller's communities in its drop-downs."""

from __future__ import annotations

import asyncio

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from qile_api.accounts.http import staff_of
from qile_api.http.attachment import attachment
from qile_api.imports.catalogue import IMPORTS
from qile_api.sheets.writer import CONTENT_TYPE
from qile_api.state import AppState


async def import_template(request: Request) -> Response:
    """For staff (Authorization: Bearer qu_…): 401 without a token, 404 for a name that is no import."""
    state: AppState = request.app.state.qile
    staff = await staff_of(request)
    if staff is None:
        return PlainTextResponse(
            "请先登录（需要工作人员令牌）", status_code=401, headers={"WWW-Authenticate": "Bearer"}
        )
    kind = IMPORTS.get(request.path_params["name"])
    if kind is None:
        names = "、".join(f"{k}.xlsx" for k in IMPORTS)
        return PlainTextResponse(f"没有这个模板。可下载：{names}", status_code=404)
    prepared = await kind.prepare(state.db, staff, state.clock())
    data = await asyncio.to_thread(prepared.layout.template, prepared.choices)
    return attachment(data, CONTENT_TYPE, f"{kind.key}.xlsx", f"{kind.label}导入模板.xlsx")
