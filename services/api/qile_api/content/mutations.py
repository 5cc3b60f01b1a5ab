"""What the content mutations share: the review inputs and the implementation of each step.

Each content type declares its own mutations by name, with their permission
classes (`noticeApprove` in notices/mutations.py …), and runs them through a
`ContentSteps`: one implementation, many declarations.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

import strawberry
from strawberry import relay

from qile_api.content import workflow
from qile_api.db.database import Database
from qile_api.editing.mutations import item_pk, outcome, signed_in
from qile_api.graphql.context import Info
from qile_api.graphql.describe import ID_INPUT, VERSION_INPUT
from qile_api.limits import REJECT_REASON

PayloadT = TypeVar("PayloadT")


class Step(Protocol):
    """A review step of `content.workflow` (submit, approve, archive, publish at once)."""

    def __call__(
        self, db: Database, wf: workflow.Workflow[Any], *, actor_id: int, item_id: int, version: int
    ) -> Awaitable[Any]: ...


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

    async def _review(self, step: Step, info: Info, input: ReviewInput) -> PayloadT:
        actor_id, item_id = signed_in(info).id, self._pk(input.id)
        op = step(info.context.db, self.wf, actor_id=actor_id, item_id=item_id, version=input.version)
        return await outcome(self.payload, self.key, self.to_node, op)

    async def submit(self, info: Info, input: ReviewInput) -> PayloadT:
        return await self._review(workflow.submit, info, input)

    async def approve(self, info: Info, input: ReviewInput) -> PayloadT:
        return await self._review(workflow.approve, info, input)

    async def publish_directly(self, info: Info, input: ReviewInput) -> PayloadT:
        return await self._review(workflow.publish_directly, info, input)

    async def archive(self, info: Info, input: ReviewInput) -> PayloadT:
        return await self._review(workflow.archive, info, input)

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
