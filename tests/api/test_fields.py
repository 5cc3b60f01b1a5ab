"""Texts are stored trimmed, whichever mutation writes them: a create or an update, of any type (qile_api/fields.py)."""

from __future__ import annotations

import pytest

from tests.api import staff
from tests.api.conftest import Api
from tests.api.permissions.builders import BUILDERS

# mutation → (the input field holding a text, its table and column)
TEXTS = {
    "noticeCreate": ("title", "notices", "title"),
    "noticeUpdate": ("title", "notices", "title"),
    "honourCreate": ("subjectName", "honours", "subject_name"),
    "honourUpdate": ("citation", "honours", "citation"),
    "eventCreate": ("venue", "events", "venue"),
    "eventUpdate": ("title", "events", "title"),
    "facilityCreate": ("name", "facilities", "name"),
    "facilityUpdate": ("name", "facilities", "name"),
    "teamCreate": ("name", "teams", "name"),
    "teamUpdate": ("name", "teams", "name"),
    "recognitionCreate": ("brandName", "recognitions", "brand_name"),
    "recognitionUpdate": ("recognisedBy", "recognitions", "recognised_by"),
    "screenRegister": ("location", "screens", "location"),
    "screenRename": ("name", "screens", "name"),
    "accountCreate": ("displayName", "accounts", "display_name"),
    "accountUpdate": ("displayName", "accounts", "display_name"),
    "communityCreate": ("name", "regions", "name"),
    "regionUpdate": ("name", "regions", "name"),
}


@pytest.mark.parametrize("mutation", sorted(TEXTS))
async def test_a_text_is_stored_trimmed(api: Api, mutation: str) -> None:
    # Given an administrator of 车站街道 and a request writing a text with spaces around it
    admin = await staff.staff(api.db, "trim.admin", "ADMIN", "车站街道")
    field, table, column = TEXTS[mutation]
    request = await BUILDERS[mutation](api.db, "in")
    assert request is not None
    doc, variables = request
    variables["input"][field] = "  新名称  "

    # When it is sent
    body = await api.gql(doc, variables, token=admin)

    # Then it is written, and what is stored has no spaces around it
    assert "errors" not in body, body
    (payload,) = body["data"].values()
    assert payload["errors"] == [], payload
    stored = await api.db.fetchval(f"SELECT {column} FROM {table} WHERE {column} LIKE '%新名称%'")
    assert stored == "新名称"
