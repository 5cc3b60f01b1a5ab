"""An editor's and reviewers' desk for workflow tests: documents and signed-in staff."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from tests.api import staff
from tests.api.conftest import Api
from tests.api.permissions.builders import region

NOTICE_FIELDS = "notice { id title status version revisionOf rejectReason } errors { code field message }"
CREATE = f"mutation($input: NoticeCreateInput!) {{ noticeCreate(input: $input) {{ {NOTICE_FIELDS} }} }}"
UPDATE = f"mutation($input: NoticeUpdateInput!) {{ noticeUpdate(input: $input) {{ {NOTICE_FIELDS} }} }}"
SUBMIT = f"mutation($input: ReviewInput!) {{ noticeSubmit(input: $input) {{ {NOTICE_FIELDS} }} }}"
APPROVE = f"mutation($input: ReviewInput!) {{ noticeApprove(input: $input) {{ {NOTICE_FIELDS} }} }}"
REJECT = f"mutation($input: RejectInput!) {{ noticeReject(input: $input) {{ {NOTICE_FIELDS} }} }}"
ARCHIVE = f"mutation($input: ReviewInput!) {{ noticeArchive(input: $input) {{ {NOTICE_FIELDS} }} }}"
URGENT = f"mutation($input: ReviewInput!) {{ noticePublishUrgent(input: $input) {{ {NOTICE_FIELDS} }} }}"
FEED = "{ screenFeed { notices { id title } } }"
AUDIT = "{ auditLog(first: 50) { totalCount nodes { username action objectType objectId before after } } }"


class Desk:
    """An editor of 工盛社区 and two reviewers of 车站街道, signed in."""

    def __init__(self, api: Api, editor: str, reviewer: str, reviewer2: str) -> None:
        self.api, self.editor, self.reviewer, self.reviewer2 = api, editor, reviewer, reviewer2

    @classmethod
    async def signed_in(cls, api: Api) -> Desk:
        return cls(
            api,
            await staff.staff(api.db, "editor", "EDITOR", "工盛社区"),
            await staff.staff(api.db, "reviewer", "REVIEWER", "车站街道"),
            await staff.staff(api.db, "reviewer2", "REVIEWER", "车站街道"),
        )

    async def call(self, doc: str, token: str, **input: Any) -> dict[str, Any]:
        body = await self.api.gql(doc, {"input": input}, token=token)
        assert "errors" not in body, body
        (payload,) = body["data"].values()
        return payload  # type: ignore[no-any-return]

    async def draft(self, **overrides: Any) -> dict[str, Any]:
        fields = {
            "scope": await region(self.api.db, "工盛社区"),
            "category": "SERVICE",
            "title": "停水通知",
            "body": "周四上午停水。",
            "displayStart": (self.api.clock.now - timedelta(hours=1)).isoformat(),
        }
        payload = await self.call(CREATE, self.editor, **{**fields, **overrides})
        assert payload["errors"] == []
        return payload["notice"]  # type: ignore[no-any-return]

    async def step(self, doc: str, token: str, notice: dict[str, Any], **extra: Any) -> dict[str, Any]:
        return await self.call(doc, token, id=notice["id"], version=notice["version"], **extra)

    async def published(self, **overrides: Any) -> dict[str, Any]:
        notice = await self.draft(**overrides)
        notice = (await self.step(SUBMIT, self.editor, notice))["notice"]
        return (await self.step(APPROVE, self.reviewer, notice))["notice"]  # type: ignore[no-any-return]
