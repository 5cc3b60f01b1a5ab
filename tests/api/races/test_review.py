"""Review transitions raced: two reviewers on one item, a reviewer and an editor on one item.

Whatever arrives together, exactly one transition happens, it has exactly one
audit entry, and the item ends in a state one of the requests asked for. The
requests meet once their transactions are open (`Rendezvous.hold_transactions`).
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.conftest import Api
from tests.api.content.desk import APPROVE, ARCHIVE, REJECT, SUBMIT, UPDATE, Desk
from tests.api.races.together import Rendezvous


@pytest.fixture
async def desk(api: Api) -> Desk:
    return await Desk.signed_in(api)


async def in_review(desk: Desk) -> dict[str, Any]:
    return (await desk.step(SUBMIT, desk.editor, await desk.draft()))["notice"]  # type: ignore[no-any-return]


async def at_once(monkeypatch: pytest.MonkeyPatch, *steps: Any) -> list[dict[str, Any]]:
    meeting = Rendezvous(len(steps))
    meeting.hold_transactions(monkeypatch)
    return await meeting.run(*steps)


def error_codes(payloads: list[dict[str, Any]]) -> list[list[str]]:
    return sorted([e["code"] for e in p["errors"]] for p in payloads)


async def audited(api: Api, *actions: str) -> int:
    return int(await api.db.fetchval("SELECT count(*) FROM audit_log WHERE action = ANY($1)", list(actions)))


async def test_two_reviewers_approving_at_once_publish_once(
    api: Api, desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    notice = await in_review(desk)

    answers = await at_once(
        monkeypatch, desk.step(APPROVE, desk.reviewer, notice), desk.step(APPROVE, desk.reviewer2, notice)
    )

    assert error_codes(answers) == [[], ["CONFLICT"]]
    row = await api.db.fetchrow("SELECT status, version FROM notices")
    assert row is not None and (row["status"], row["version"]) == ("PUBLISHED", notice["version"] + 1)
    assert await audited(api, "noticeApprove") == 1


async def test_approve_and_reject_at_once_make_one_decision(
    api: Api, desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    notice = await in_review(desk)

    approved, rejected = await at_once(
        monkeypatch,
        desk.step(APPROVE, desk.reviewer, notice),
        desk.step(REJECT, desk.reviewer2, notice, reason="日期写错了"),
    )

    assert error_codes([approved, rejected]) == [[], ["CONFLICT"]]
    decided = "PUBLISHED" if not approved["errors"] else "REJECTED"
    assert await api.db.fetchval("SELECT status FROM notices") == decided
    assert await audited(api, "noticeApprove", "noticeReject") == 1


async def test_an_editor_saving_while_another_submits_the_same_draft(
    api: Api, desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    notice = await desk.draft()

    saved, submitted = await at_once(
        monkeypatch,
        desk.step(UPDATE, desk.editor, notice, title="停水通知（改）"),
        desk.step(SUBMIT, desk.editor, notice),
    )

    # the reviewer never sees a text other than the one that was submitted
    assert error_codes([saved, submitted]) == [[], ["CONFLICT"]]
    row = await api.db.fetchrow("SELECT status, title FROM notices")
    assert row is not None
    expected = ("DRAFT", "停水通知（改）") if not saved["errors"] else ("IN_REVIEW", "停水通知")
    assert (row["status"], row["title"]) == expected
    assert await audited(api, "noticeUpdate", "noticeSubmit") == 1


async def test_an_editor_revising_while_a_reviewer_approves_the_pending_revision(
    api: Api, desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a published notice with a revision in review
    published = await desk.published()
    revision = (await desk.step(UPDATE, desk.editor, published, title="停水时间调整"))["notice"]
    revision = (await desk.step(SUBMIT, desk.editor, revision))["notice"]
    before = await audited(api, "noticeUpdate", "noticeApprove")

    # when the reviewer approves it while the editor starts another change to the published notice
    approved, revised = await at_once(
        monkeypatch,
        desk.step(APPROVE, desk.reviewer, revision),
        desk.step(UPDATE, desk.editor, published, title="又改了"),
    )

    # then the approval lands; the editor is told the notice moved on (or has a revision pending)
    assert approved["errors"] == [] and approved["notice"]["title"] == "停水时间调整"
    assert [e["code"] for e in revised["errors"]] in (["CONFLICT"], ["INVALID_TRANSITION"])
    rows = await api.db.fetch("SELECT title, status, revision_of FROM notices")
    assert [(r["title"], r["status"], r["revision_of"]) for r in rows] == [("停水时间调整", "PUBLISHED", None)]
    assert await audited(api, "noticeUpdate", "noticeApprove") == before + 1


async def test_archiving_while_an_editor_revises_leaves_no_orphan_revision(
    api: Api, desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    published = await desk.published()

    archived, revised = await at_once(
        monkeypatch,
        desk.step(ARCHIVE, desk.reviewer, published),
        desk.step(UPDATE, desk.editor, published, title="停水时间调整"),
    )

    assert archived["errors"] == []
    # the revision was refused (the notice moved on), or written first and removed with the archived notice
    assert [e["code"] for e in revised["errors"]] in ([], ["CONFLICT"])
    rows = await api.db.fetch("SELECT status, revision_of FROM notices")
    assert [(r["status"], r["revision_of"]) for r in rows] == [("ARCHIVED", None)]
