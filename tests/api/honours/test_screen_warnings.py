"""Saving a text no screen font can draw warns the editor, naming the characters and the field.

The screens draw a character no font has as 〓: a resident's name would go
on a wall wrong. The API knows the kiosk fonts' coverage from a committed
table (qile_api/kiosk_coverage.json, regenerated and compared by
tests/kiosk/test_coverage.py) and says so in the payload's `warnings`, the
item saved all the same.
"""

from __future__ import annotations

from typing import Any

from tests.api import staff
from tests.api.conftest import Api
from tests.api.honours.test_consent import call
from tests.api.permissions.builders import region

RESULT = "honour { id version subjectName } errors { code } warnings { code field characters message }"
CREATE = f"mutation($input: HonourCreateInput!) {{ honourCreate(input: $input) {{ {RESULT} }} }}"
UPDATE = f"mutation($input: HonourUpdateInput!) {{ honourUpdate(input: $input) {{ {RESULT} }} }}"
NOTICE = "mutation($input: NoticeCreateInput!) { noticeCreate(input: $input) { notice { id } warnings { field } } }"
EVENT = "mutation($input: EventCreateInput!) { eventCreate(input: $input) { event { id } warnings { field } } }"

PRIVATE_USE = "\ue000"  # what some input methods type for a character they lack
UNASSIGNED = "\U0003fffe"


async def honour(api: Api, editor: str, name: str) -> dict[str, Any]:
    return await call(
        api,
        CREATE,
        editor,
        scope=await region(api.db, "工盛社区"),
        title="好邻居",
        subjectKind="PERSON",
        subjectName=name,
        citation="十年照顾独居老人",
        year=2024,
    )


async def test_a_name_with_a_character_no_screen_font_has_is_saved_with_a_warning(api: Api) -> None:
    editor = await staff.staff(api.db, "editor", "EDITOR", "工盛社区")

    # when an editor saves an honour for "\ue000建华"
    saved = await honour(api, editor, f"{PRIVATE_USE}建华")

    # then it is saved, and the warning names the field and the character, in Chinese
    assert saved["errors"] == [] and saved["honour"]["subjectName"] == f"{PRIVATE_USE}建华"
    (warning,) = saved["warnings"]
    assert (warning["code"], warning["field"], warning["characters"]) == (
        "UNDRAWABLE_CHARACTERS",
        "subjectName",
        [PRIVATE_USE],
    )
    assert "姓名或名称" in warning["message"] and "U+E000" in warning["message"] and "〓" in warning["message"]


async def test_a_rare_character_a_fallback_font_draws_gives_no_warning(api: Api) -> None:
    editor = await staff.staff(api.db, "editor", "EDITOR", "工盛社区")
    # 𪚥 (CJK Extension B) is not in Noto Sans CJK, but HanaMin draws it; 😀 is Symbola's
    saved = await honour(api, editor, "𪚥建华😀")
    assert saved["errors"] == [] and saved["warnings"] == []


async def test_an_update_warns_of_what_the_saved_honour_holds(api: Api) -> None:
    editor = await staff.staff(api.db, "editor", "EDITOR", "工盛社区")
    draft = (await honour(api, editor, "王秀兰"))["honour"]
    updated = await call(
        api, UPDATE, editor, id=draft["id"], version=draft["version"], citation=f"热心助人{UNASSIGNED}{UNASSIGNED}"
    )
    assert [(w["field"], w["characters"]) for w in updated["warnings"]] == [("citation", [UNASSIGNED])]


async def test_notices_and_events_warn_about_the_texts_screens_draw(api: Api) -> None:
    editor = await staff.staff(api.db, "editor", "EDITOR", "工盛社区")
    scope = await region(api.db, "工盛社区")
    notice = await call(
        api, NOTICE, editor, scope=scope, category="SERVICE", title=f"停水{PRIVATE_USE}", body=f"正文{PRIVATE_USE}"
    )
    assert [w["field"] for w in notice["warnings"]] == ["title", "body"]
    event = await call(
        api,
        EVENT,
        editor,
        scope=scope,
        category="NEIGHBOUR_FESTIVAL",
        title="邻里节",
        venue=f"活动室{PRIVATE_USE}",
        startsAt="2026-12-05T09:00:00+08:00",
        endsAt="2026-12-05T11:00:00+08:00",
    )
    assert [w["field"] for w in event["warnings"]] == ["venue"]
