"""Workbooks as the office fills them, and the multipart upload that sends one to an import mutation."""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook, load_workbook

from tests.api.conftest import Api

PAYLOAD = "rows created existing committed problems { row column message } errors { message }"


def workbook(header: Sequence[str], rows: Sequence[Sequence[Any]], *, hint: Sequence[str] | None = None) -> bytes:
    """A sheet typed by hand: the header, an optional hint row, the rows."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(list(header))
    if hint is not None:
        ws.append(list(hint))
    for row in rows:
        ws.append(list(row))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def fill(template: bytes, rows: Sequence[Sequence[Any]]) -> bytes:
    """The downloaded template with rows typed from row 3 (under the hint row), saved as Excel would."""
    wb = load_workbook(io.BytesIO(template))
    ws = wb.worksheets[0]
    for i, row in enumerate(rows, start=3):
        for j, value in enumerate(row, start=1):
            ws.cell(row=i, column=j, value=value)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


async def upload(
    api: Api, mutation: str, data: bytes, token: str, *, dry_run: bool = False, name: str = "导入.xlsx"
) -> dict[str, Any]:
    """Send `data` to `mutation` (e.g. facilitiesImport) as the console does; the whole response body."""
    query = f"mutation($file: Upload!, $dry: Boolean!) {{ {mutation}(file: $file, dryRun: $dry) {{ {PAYLOAD} }} }}"
    response = await api.client.post(
        "/graphql",
        headers={"X-Qile-Client": "tests", "Authorization": f"Bearer {token}"},
        data={
            "operations": json.dumps({"query": query, "variables": {"file": None, "dry": dry_run}}),
            "map": json.dumps({"0": ["variables.file"]}),
        },
        files={"0": (name, data, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")},
    )
    body: dict[str, Any] = response.json()
    return body


async def imported(api: Api, mutation: str, data: bytes, token: str, **kwargs: Any) -> dict[str, Any]:
    """The import's payload (the request itself must have been allowed)."""
    body = await upload(api, mutation, data, token, **kwargs)
    assert "errors" not in body, body
    payload: dict[str, Any] = body["data"][mutation]
    return payload


async def template(api: Api, name: str, token: str) -> bytes:
    response = await api.client.get(f"/reports/templates/{name}.xlsx", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200, response.text
    return response.content
