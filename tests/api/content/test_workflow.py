"""The review workflow over GraphQL: every transition, allowed and refused."""

from __future__ import annotations

from datetime import timedelta

import pytest

from qile_api.editing import versioned
from tests.api import factories as f
from tests.api import staff
from tests.api.conftest import Api
from tests.api.content.desk import (
    APPROVE,
    ARCHIVE,
    AUDIT,
    CREATE,
    FEED,
    REJECT,
    SUBMIT,
    UPDATE,
    URGENT,
    Desk,
)
from tests.api.permissions.builders import region


async def feed_titles(api: Api, token: str) -> list[str]:
    body = await api.gql(FEED, token=token)
    return [n["title"] for n in body["data"]["screenFeed"]["notices"]]


async def test_draft_review_publish_reaches_the_screen(api: Api, desk: Desk) -> None:
    screen = await f.screen(api.db, "工盛社区")
    notice = await desk.draft()
    assert notice["status"] == "DRAFT"
    assert await feed_titles(api, screen) == []

    submitted = (await desk.step(SUBMIT, desk.editor, notice))["notice"]
    assert submitted["status"] == "IN_REVIEW"
    assert await feed_titles(api, screen) == []

    approved = (await desk.step(APPROVE, desk.reviewer, submitted))["notice"]
    assert approved["status"] == "PUBLISHED"
    assert await feed_titles(api, screen) == ["停水通知"]


async def test_nobody_approves_their_own_submission(api: Api, desk: Desk) -> None:
    notice = await desk.draft()
    # the reviewer submits someone's draft, so may not approve it too
    submitted = (await desk.step(SUBMIT, desk.reviewer, notice))["notice"]

    refused = await desk.step(APPROVE, desk.reviewer, submitted)

    assert [e["code"] for e in refused["errors"]] == ["SELF_APPROVAL"]
    assert refused["notice"] is None
    approved = await desk.step(APPROVE, desk.reviewer2, submitted)
    assert approved["notice"]["status"] == "PUBLISHED"


async def test_transitions_not_in_the_workflow_are_refused(api: Api, desk: Desk) -> None:
    draft = await desk.draft()
    for doc, token, extra in (
        (APPROVE, desk.reviewer, {}),
        (ARCHIVE, desk.reviewer, {}),
        (REJECT, desk.reviewer, {"reason": "不行"}),
    ):
        refused = await desk.step(doc, token, draft, **extra)
        assert [e["code"] for e in refused["errors"]] == ["INVALID_TRANSITION"], doc

    in_review = (await desk.step(SUBMIT, desk.editor, draft))["notice"]
    for doc, extra in ((SUBMIT, {}), (UPDATE, {"title": "改"}), (ARCHIVE, {})):
        token = desk.reviewer if doc == ARCHIVE else desk.editor
        refused = await desk.step(doc, token, in_review, **extra)
        assert [e["code"] for e in refused["errors"]] == ["INVALID_TRANSITION"], doc

    published = (await desk.step(APPROVE, desk.reviewer, in_review))["notice"]
    archived = (await desk.step(ARCHIVE, desk.reviewer, published))["notice"]
    assert archived["status"] == "ARCHIVED"
    for doc, token, extra in (
        (UPDATE, desk.editor, {"title": "改"}),
        (SUBMIT, desk.editor, {}),
        (APPROVE, desk.reviewer, {}),
    ):
        refused = await desk.step(doc, token, archived, **extra)
        assert [e["code"] for e in refused["errors"]] == ["INVALID_TRANSITION"], doc


async def test_rejection_needs_a_reason_and_sends_the_draft_back(api: Api, desk: Desk) -> None:
    in_review = (await desk.step(SUBMIT, desk.editor, await desk.draft()))["notice"]

    no_reason = await desk.step(REJECT, desk.reviewer, in_review, reason="  ")
    assert [(e["code"], e["field"]) for e in no_reason["errors"]] == [("REQUIRED", "reason")]

    rejected = (await desk.step(REJECT, desk.reviewer, in_review, reason="请注明停水时段"))["notice"]
    assert rejected["status"] == "REJECTED"
    assert rejected["rejectReason"] == "请注明停水时段"

    edited = (await desk.step(UPDATE, desk.editor, rejected, body="周四8:00至12:00停水。"))["notice"]
    assert edited["status"] == "DRAFT" and edited["rejectReason"] is None
    again = (await desk.step(SUBMIT, desk.editor, edited))["notice"]
    assert (await desk.step(APPROVE, desk.reviewer, again))["notice"]["status"] == "PUBLISHED"


async def test_editing_a_published_notice_goes_through_a_revision(api: Api, desk: Desk) -> None:
    screen = await f.screen(api.db, "工盛社区")
    published = await desk.published()

    revision = (await desk.step(UPDATE, desk.editor, published, title="停水时间调整"))["notice"]

    assert revision["id"] != published["id"]
    assert revision["revisionOf"] == published["id"]
    assert revision["status"] == "DRAFT"
    # the screen keeps the approved text while the change is reviewed
    assert await feed_titles(api, screen) == ["停水通知"]
    submitted = (await desk.step(SUBMIT, desk.editor, revision))["notice"]
    assert await feed_titles(api, screen) == ["停水通知"]

    approved = (await desk.step(APPROVE, desk.reviewer, submitted))["notice"]

    assert approved["id"] == published["id"]
    assert approved["title"] == "停水时间调整" and approved["status"] == "PUBLISHED"
    assert await feed_titles(api, screen) == ["停水时间调整"]
    assert await api.db.fetchval("SELECT count(*) FROM notices") == 1


async def test_a_stale_version_is_a_conflict_and_changes_nothing(api: Api, desk: Desk) -> None:
    notice = await desk.draft()
    first = (await desk.step(UPDATE, desk.editor, notice, title="第一次修改"))["notice"]

    stale = await desk.step(UPDATE, desk.editor, notice, title="基于旧版本的修改")

    assert [(e["code"], e["field"]) for e in stale["errors"]] == [("CONFLICT", "version")]
    assert await api.db.fetchval("SELECT title FROM notices") == "第一次修改"
    assert first["version"] == notice["version"] + 1
    stale_review = await desk.step(SUBMIT, desk.editor, notice)
    assert [e["code"] for e in stale_review["errors"]] == ["CONFLICT"]


async def test_invalid_input_is_reported_per_field_and_nothing_is_written(api: Api, desk: Desk) -> None:
    scope = await region(api.db, "工盛社区")
    start = api.clock.now.isoformat()
    payload = await desk.call(
        CREATE,
        desk.editor,
        scope=scope,
        category="SERVICE",
        title="长" * 31,
        body=" ",
        priority=101,
        displayStart=start,
        displayEnd=(api.clock.now - timedelta(hours=1)).isoformat(),
    )

    assert payload["notice"] is None
    assert {(e["code"], e["field"]) for e in payload["errors"]} == {
        ("TOO_LONG", "title"),
        ("REQUIRED", "body"),
        ("INVALID", "priority"),
    }
    window = await desk.call(
        CREATE,
        desk.editor,
        scope=scope,
        category="SERVICE",
        title="标题",
        body="正文",
        displayStart=start,
        displayEnd=start,
    )
    assert [(e["code"], e["field"]) for e in window["errors"]] == [("INVALID", "displayEnd")]
    assert all(e["message"] for e in payload["errors"] + window["errors"])
    assert await api.db.fetchval("SELECT count(*) FROM notices") == 0


async def test_urgent_notice_published_directly_reaches_the_next_poll(api: Api, desk: Desk) -> None:
    screen = await f.screen(api.db, "工盛社区")
    urgent = await desk.draft(title="燃气泄漏紧急通知", urgent=True)
    ordinary = await desk.draft(title="普通通知")

    refused = await desk.step(URGENT, desk.reviewer, ordinary)
    published = await desk.step(URGENT, desk.reviewer, urgent)

    assert [e["code"] for e in refused["errors"]] == ["INVALID"]
    assert published["notice"]["status"] == "PUBLISHED"
    assert await feed_titles(api, screen) == ["燃气泄漏紧急通知"]


async def test_archiving_takes_it_off_screens(api: Api, desk: Desk) -> None:
    screen = await f.screen(api.db, "工盛社区")
    published = await desk.published()
    assert await feed_titles(api, screen) == ["停水通知"]

    await desk.step(ARCHIVE, desk.reviewer, published)

    assert await feed_titles(api, screen) == []


async def test_every_mutation_leaves_an_audit_entry(api: Api, desk: Desk) -> None:
    published = await desk.published()
    await desk.step(ARCHIVE, desk.reviewer, published)
    admin = await staff.staff(api.db, "admin", "ADMIN", "张店区")
    elsewhere = await staff.staff(api.db, "other", "ADMIN", "淄川区")

    log = (await api.gql(AUDIT, token=admin))["data"]["auditLog"]
    other = (await api.gql(AUDIT, token=elsewhere))["data"]["auditLog"]

    actions = [(n["username"], n["action"]) for n in reversed(log["nodes"])]
    assert actions == [
        ("editor", "noticeCreate"),
        ("editor", "noticeSubmit"),
        ("reviewer", "noticeApprove"),
        ("reviewer", "noticeArchive"),
    ]
    approve = log["nodes"][1]
    assert approve["objectId"] == published["id"]
    assert approve["before"]["status"] == "IN_REVIEW" and approve["after"]["status"] == "PUBLISHED"
    assert other["totalCount"] == 0


async def test_a_fault_half_way_leaves_nothing_behind(api: Api, desk: Desk, monkeypatch: pytest.MonkeyPatch) -> None:
    notice = await desk.draft()

    async def broken_audit(*_: object, **__: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(versioned, "log_entry", broken_audit)
    body = await api.gql(
        UPDATE, {"input": {"id": notice["id"], "version": notice["version"], "title": "改"}}, token=desk.editor
    )

    assert body["errors"][0]["message"] == "Unexpected error."
    row = await api.db.fetchrow("SELECT title, version FROM notices")
    assert (row["title"], row["version"]) == ("停水通知", notice["version"])
