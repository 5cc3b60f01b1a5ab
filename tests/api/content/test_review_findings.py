"""Defects found in review, each pinned by a test: scope slipping, revisions, locks, edges."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from strawberry.relay import to_base64

from tests.api import factories as f
from tests.api import staff
from tests.api.conftest import Api
from tests.api.content.desk import APPROVE, ARCHIVE, SUBMIT, UPDATE, Desk
from tests.api.honours.test_consent import APPROVE as HONOUR_APPROVE
from tests.api.honours.test_consent import SUBMIT as HONOUR_SUBMIT
from tests.api.honours.test_consent import call

HONOUR_UPDATE = (
    "mutation($input: HonourUpdateInput!) { honourUpdate(input: $input) { honour { id version status } "
    "errors { code field } } }"
)
ACCOUNT_CREATE = "mutation($input: AccountCreateInput!) { accountCreate(input: $input) { errors { code field } } }"
NOTICE_CREATE = "mutation($input: NoticeCreateInput!) { noticeCreate(input: $input) { errors { code } } }"


async def test_a_region_id_under_another_type_name_cannot_escape_the_scope(api: Api) -> None:
    admin = await staff.staff(api.db, "admin", "ADMIN", "工盛社区")
    editor = await staff.staff(api.db, "editor", "EDITOR", "工盛社区")
    city = await f.region_id(api.db, "淄博市")
    beside = await f.region_id(api.db, "柳毅社区")

    escalate = await api.gql(
        ACCOUNT_CREATE,
        {
            "input": {
                "username": "sneaky",
                "password": "a long enough password",
                "role": "ADMIN",
                "scope": to_base64("Community", city),
            }
        },
        token=admin,
    )
    elsewhere = await api.gql(
        NOTICE_CREATE,
        {"input": {"scope": to_base64("City", beside), "category": "SERVICE", "title": "标题", "body": "正文"}},
        token=editor,
    )

    assert escalate["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert elsewhere["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await api.db.fetchval("SELECT count(*) FROM accounts WHERE username = 'sneaky'") == 0
    assert await api.db.fetchval("SELECT count(*) FROM notices") == 0


async def test_one_revision_at_a_time_edited_under_its_own_id(api: Api, desk: Desk) -> None:
    published = await desk.published()
    revision = (await desk.step(UPDATE, desk.editor, published, title="新标题"))["notice"]

    through_parent = await desk.step(UPDATE, desk.editor, published, body="新正文")
    through_revision = (await desk.step(UPDATE, desk.editor, revision, body="新正文"))["notice"]

    assert [e["code"] for e in through_parent["errors"]] == ["INVALID_TRANSITION"]
    submitted = (await desk.step(SUBMIT, desk.editor, through_revision))["notice"]
    approved = (await desk.step(APPROVE, desk.reviewer, submitted))["notice"]
    row = await api.db.fetchrow("SELECT title, body FROM notices")
    assert approved["id"] == published["id"]
    assert (row["title"], row["body"]) == ("新标题", "新正文")  # neither edit lost


async def test_an_edited_honour_keeps_its_consent(api: Api) -> None:
    editor = await staff.staff(api.db, "editor", "EDITOR", "工盛社区")
    reviewer = await staff.staff(api.db, "reviewer", "REVIEWER", "车站街道")
    await f.honour(api.db, "工盛社区", "王秀兰")  # published, with consent
    gid = (await api.gql("{ honours { nodes { id } } }"))["data"]["honours"]["nodes"][0]["id"]

    revision = (await call(api, HONOUR_UPDATE, editor, id=gid, version=1, citation="补充事迹"))["honour"]
    revision = (await call(api, HONOUR_SUBMIT, editor, id=revision["id"], version=revision["version"]))["honour"]
    approved = await call(api, HONOUR_APPROVE, reviewer, id=revision["id"], version=revision["version"])

    assert approved["errors"] == []
    assert approved["honour"]["id"] == gid
    assert await api.db.fetchval("SELECT citation FROM honours") == "补充事迹"


async def test_approving_and_archiving_at_once_never_deadlock(api: Api, desk: Desk) -> None:
    for _ in range(5):
        published = await desk.published()
        revision = (await desk.step(UPDATE, desk.editor, published, title="改"))["notice"]
        revision = (await desk.step(SUBMIT, desk.editor, revision))["notice"]

        bodies = await asyncio.gather(
            api.gql(APPROVE, {"input": {"id": revision["id"], "version": revision["version"]}}, token=desk.reviewer),
            api.gql(ARCHIVE, {"input": {"id": published["id"], "version": published["version"]}}, token=desk.reviewer2),
        )

        # one of them wins; the other gets a clear refusal, never "Unexpected error."
        assert all("errors" not in b for b in bodies), bodies
        await api.db.execute("TRUNCATE notices CASCADE")


async def test_a_reviewer_of_where_a_revision_moves_cannot_rewrite_the_original(api: Api, desk: Desk) -> None:
    city_editor = await staff.staff(api.db, "cityeditor", "EDITOR", "淄博市")
    beside_reviewer = await staff.staff(api.db, "beside", "REVIEWER", "柳毅社区")
    published = await desk.published()
    moved = await desk.call(
        UPDATE,
        city_editor,
        id=published["id"],
        version=published["version"],
        scope=to_base64("Community", await f.region_id(api.db, "柳毅社区")),
    )
    revision = (await desk.step(SUBMIT, city_editor, moved["notice"]))["notice"]

    body = await api.gql(
        APPROVE, {"input": {"id": revision["id"], "version": revision["version"]}}, token=beside_reviewer
    )

    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_an_event_entering_the_horizon_this_instant_appears_at_the_next_poll(api: Api) -> None:
    starts = api.clock.now + timedelta(days=20)
    await f.event(api.db, "工盛社区", "二十天后", starts=starts)
    token = await f.screen(api.db, "工盛社区")
    query = "{ screenFeed { validUntil events { title } } }"

    api.clock.now = starts - timedelta(days=14)  # exactly when it enters
    at = (await api.gql(query, token=token))["data"]["screenFeed"]
    api.clock.now += timedelta(seconds=30)
    after = (await api.gql(query, token=token))["data"]["screenFeed"]

    assert at["events"] == []
    assert [e["title"] for e in after["events"]] == ["二十天后"]


async def test_impossible_ids_and_cursors_are_clear_errors(api: Api) -> None:
    admin = await staff.staff(api.db, "admin", "ADMIN", "淄博市")
    huge_cursor = await api.gql(
        "query($a: String) { honours(after: $a) { totalCount } }", {"a": "cWlsZTpbMTAwMDAwMDAwMDAwMDAwMDAwMDAwMDBd"}
    )
    no_region = await api.gql(
        ACCOUNT_CREATE,
        {
            "input": {
                "username": "ghost",
                "password": "a long enough password",
                "role": "EDITOR",
                "scope": to_base64("Community", 999_999),
            }
        },
        token=admin,
    )

    assert huge_cursor["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    # A scope check that cannot place an object in the tree refuses it (fails closed).
    assert no_region["data"] is None
    assert no_region["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await api.db.fetchval("SELECT count(*) FROM accounts WHERE username = 'ghost'") == 0


async def test_a_move_is_in_the_audit_log_of_both_scopes(api: Api, desk: Desk) -> None:
    district_editor = await staff.staff(api.db, "district", "EDITOR", "张店区")
    old_admin = await staff.staff(api.db, "oldadmin", "ADMIN", "车站街道")
    new_admin = await staff.staff(api.db, "newadmin", "ADMIN", "体育场街道")
    draft = await desk.draft()

    await desk.call(
        UPDATE,
        district_editor,
        id=draft["id"],
        version=draft["version"],
        scope=to_base64("Community", await f.region_id(api.db, "柳毅社区")),
    )

    query = '{ auditLog(first: 10, filter: {action: "noticeUpdate"}) { nodes { username } } }'
    for admin in (old_admin, new_admin):
        nodes = (await api.gql(query, token=admin))["data"]["auditLog"]["nodes"]
        assert [n["username"] for n in nodes] == ["district"]
