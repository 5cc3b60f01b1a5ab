"""Two staff saving the same version of an object at the same moment: one change lands, the other is told.

Every versioned mutation locks the row it checks (`SELECT … FOR UPDATE`)
before comparing versions. The two requests below meet once both their
transactions are open, so each reads the row while the other's change is
under way: without the lock both would pass the version check, both would
write, and one staff member's change would silently replace the other's.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest
from strawberry.relay import to_base64

from tests.api import factories as f
from tests.api import staff
from tests.api.conftest import Api
from tests.api.races.together import Rendezvous


def _doc(mutation: str, input_type: str) -> str:
    return f"mutation($input: {input_type}!) {{ {mutation}(input: $input) {{ errors {{ code field }} }} }}"


@dataclass(frozen=True)
class Target:
    """An object, the table it lives in, and the two changes staff make to it at once."""

    table: str
    pk: int
    version: int
    first: dict[str, Any]
    second: dict[str, Any]


async def _version(api: Api, table: str, pk: int) -> int:
    return int(await api.db.fetchval(f"SELECT version FROM {table} WHERE id = $1", pk))


async def _notice(api: Api) -> Target:
    pk = await f.notice(api.db, "工盛社区", "停水通知", status="DRAFT", start=api.clock.now)
    return Target("notices", pk, 1, {"title": "停水通知（周四）"}, {"title": "停水通知（改期）"})


async def _community(api: Api) -> Target:
    pk = await f.region_id(api.db, "工盛社区")
    return Target("regions", pk, await _version(api, "regions", pk), {"pilot": True}, {"theme": "LOVE"})


async def _account(api: Api) -> Target:
    pk = await staff.account(api.db, "wang", "EDITOR", "工盛社区")
    return Target("accounts", pk, 1, {"displayName": "王小明"}, {"role": "REVIEWER"})


async def _screen(api: Api) -> Target:
    await f.screen(api.db, "工盛社区", name="大厅屏")
    pk = int(await api.db.fetchval("SELECT max(id) FROM screens"))
    return Target("screens", pk, 1, {"name": "大厅东屏"}, {"name": "大厅西屏"})


async def _facility(api: Api) -> Target:
    pk = await api.db.fetchval(
        "INSERT INTO facilities (community_id, kind, name) VALUES ($1, 'READING_ROOM', '阅览室') RETURNING id",
        await f.region_id(api.db, "工盛社区"),
    )
    return Target("facilities", int(pk), 1, {"name": "阅览室（东）"}, {"name": "阅览室（西）"})


async def _honour(api: Api) -> Target:
    pk = await f.honour(api.db, "工盛社区", "王秀兰")
    given = datetime(2026, 11, 20, 1, 0, tzinfo=UTC).isoformat()
    consent = {"givenAt": given, "method": "书面签字"}
    return Target("honours", pk, 1, {**consent, "givenBy": "本人"}, {**consent, "givenBy": "家属"})


CASES: dict[str, tuple[str, str, Callable[[Api], Awaitable[Target]]]] = {
    # mutation: (input type, object type, what it changes)
    "noticeUpdate": ("NoticeUpdateInput", "Notice", _notice),
    "communityUpdate": ("CommunityUpdateInput", "Community", _community),
    "accountUpdate": ("AccountUpdateInput", "Account", _account),
    "screenRename": ("ScreenRenameInput", "Screen", _screen),
    "facilityUpdate": ("FacilityUpdateInput", "Facility", _facility),
    "honourConsentRecord": ("ConsentInput", "Honour", _honour),
}


@pytest.mark.parametrize("mutation", list(CASES))
async def test_one_of_two_simultaneous_saves_of_a_version_lands(
    api: Api, monkeypatch: pytest.MonkeyPatch, mutation: str
) -> None:
    # given an object at some version, and two city administrators looking at it
    input_type, type_name, make = CASES[mutation]
    target = await make(api)
    first_admin = await staff.staff(api.db, "admin1", "ADMIN", "淄博市")
    second_admin = await staff.staff(api.db, "admin2", "ADMIN", "淄博市")
    ref = {"id": to_base64(type_name, target.pk), "version": target.version}

    # when both save a change to that version at the same moment
    meeting = Rendezvous(2)
    meeting.hold_transactions(monkeypatch)
    doc = _doc(mutation, input_type)
    answers = await meeting.run(
        api.gql(doc, {"input": {**ref, **target.first}}, token=first_admin),
        api.gql(doc, {"input": {**ref, **target.second}}, token=second_admin),
    )

    # then one is saved and the other is told someone else changed it first
    outcomes = sorted(str(answer["data"][mutation]["errors"]) for answer in answers)
    assert outcomes == ["[]", "[{'code': 'CONFLICT', 'field': 'version'}]"], answers
    # the object moved on by exactly one version, with exactly one audit entry
    assert await _version(api, target.table, target.pk) == target.version + 1
    audited = await api.db.fetchval("SELECT count(*) FROM audit_log WHERE action = $1", mutation)
    assert audited == 1
