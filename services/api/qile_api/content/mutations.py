"""What the content mutations share: the review inputs and the implementation of each step.

Each content type declares its own mutations by name, with their permission
classes (`noticeApprove` in notices/mutations.py …), and runs them through a
`ContentSteps`: one implementation, many declarations.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import strawberry
from strawberry import relay

from qile_api.content import workflow
from qile_api.editing.mutations import item_pk, outcome, signed_in
from qile_api.graphql.context import Info
from qile_api.graphql.describe import ID_INPUT, VERSION_INPUT
from qile_api.limits import REJECT_REASON

PayloadT = TypeVar("PayloadT")


@strawberry.input(description="Which item, at which version (send back the `version` you last read).")
class ReviewInput:
    id: relay.GlobalID = strawberry.field(description=ID_INPUT)
    version: int = strawberry.field(description=VERSION_INPUT)


@strawberry.input(description="Send an item back to its editor, saying why.")
class RejectInput:
    id: relay.GlobalID = strawberry.field(description=ID_INPUT)
    version: int = strawberry.field(description=VERSION_INPUT)
    reason: str = strawberry.field(description=REJECT_REASON.describe("退回理由, shown to the editor."))


@dataclass(frozen=True)
class ContentSteps(Generic[PayloadT]):
    """One content type's workflow, answered in its payload (`NoticePayload(notice=…, errors=…)`)."""

    wf: workflow.Workflow[Any]
    payload: Callable[..., PayloadT]
    key: str  # the payload's field for the item: "notice"
    to_node: Callable[[Any], Any]

    def _pk(self, gid: relay.GlobalID) -> int:
        return item_pk(gid, self.wf.editable.table.type_name)

    async def create(self, info: Info, values: dict[str, Any]) -> PayloadT:
        ctx = info.context
        op = workflow.create(ctx.db, self.wf, actor_id=signed_in(info).id, values=values, now=ctx.now())
        return await outcome(self.payload, self.key, self.to_node, op)

    async def update(self, info: Info, gid: relay.GlobalID, version: int, changes: dict[str, Any]) -> PayloadT:
        ctx = info.context
        op = workflow.update(
            ctx.db,
            self.wf,
            actor_id=signed_in(info).id,
            item_id=self._pk(gid),
            version=version,
            changes=changes,
            now=ctx.now(),
        )
        return await outcome(self.payload, self.key, self.to_node, op)

    async def submit(self, info: Info, input: ReviewInput) -> PayloadT:
        op = workflow.submit(
            info.context.db, self.wf, actor_id=signed_in(info).id, item_id=self._pk(input.id), version=input.version
        )
        return await outcome(self.payload, self.key, self.to_node, op)

    async def approve(self, info: Info, input: ReviewInput) -> PayloadT:
        op = workflow.approve(
            info.context.db, self.wf, actor_id=signed_in(info).id, item_id=self._pk(input.id), version=input.version
        )
        return await outcome(self.payload, self.key, self.to_node, op)

    async def publish_directly(self, info: Info, input: ReviewInput) -> PayloadT:
        op = workflow.publish_directly(
            info.context.db, self.wf, actor_id=signed_in(info).id, item_id=self._pk(input.id), version=input.version
        )
        return await outcome(self.payload, self.key, self.to_node, op)

    async def reject(self, info: Info, input: RejectInput) -> PayloadT:
        op = workflow.reject(
            info.context.db,
            self.wf,
            actor_id=signed_in(info).id,
            item_id=self._pk(input.id),
            version=input.version,
            reason=input.reason,
        )
        return await outcome(self.payload, self.key, self.to_node, op)

    async def archive(self, info: Info, input: ReviewInput) -> PayloadT:
        op = workflow.archive(
            info.context.db, self.wf, actor_id=signed_in(info).id, item_id=self._pk(input.id), version=input.version
        )
        return await outcome(self.payload, self.key, self.to_node, op)
