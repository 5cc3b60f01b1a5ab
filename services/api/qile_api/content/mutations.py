"""What the content mutations share: the review inputs and the implementation of each step.

Each content type declares its own mutations by name, with their permission
classes (`noticeApprove` in notices/mutations.py …), and runs them through a
`ContentSteps`: one implementation, many declarations.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, Protocol, TypeVar

import strawberry
from strawberry import relay

from qile_api.content import workflow
from qile_api.db.database import Database
from qile_api.editing.mutations import item_pk, outcome, signed_in
from qile_api.graphql.context import Info
from qile_api.graphql.describe import ID_INPUT, VERSION_INPUT
from qile_api.graphql.payloads import MutationWarning, warnings_of
from qile_api.limits import REJECT_REASON
from qile_api.settings import Settings

PayloadT = TypeVar("PayloadT")


class Step(Protocol):
    """A review step of `content.workflow` (submit, archive)."""

    def __call__(
        self, db: Database, wf: workflow.Workflow[Any], *, actor_id: int, item_id: int, version: int
    ) -> Awaitable[Any]: ...


class PublishStep(Protocol):
    """A step that publishes (approve, publish at once): the type's settling needs the clock and the settings."""

    def __call__(
        self,
        db: Database,
        wf: workflow.Workflow[Any],
        *,
        item_id: int,
        version: int,
        now: datetime,
        settings: Settings,
        actor_id: int,
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

    def _warnings(self, row: Any) -> list[MutationWarning]:
        """Texts of the saved item that screens will not show as typed: said after a create or an update."""
        return warnings_of(self.wf.editable.fields.screen_warnings(dataclasses.asdict(row)))

    async def create(self, info: Info, values: dict[str, Any]) -> PayloadT:
        ctx = info.context
        op = workflow.create(
            ctx.db, self.wf, actor_id=signed_in(info).id, values=values, now=ctx.now(), settings=ctx.settings
        )
        return await outcome(self.payload, self.key, self.to_node, op, self._warnings)

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
            settings=ctx.settings,
        )
        return await outcome(self.payload, self.key, self.to_node, op, self._warnings)

    async def _review(self, step: Step, info: Info, input: ReviewInput) -> PayloadT:
        actor_id, item_id = signed_in(info).id, self._pk(input.id)
        op = step(info.context.db, self.wf, actor_id=actor_id, item_id=item_id, version=input.version)
        return await outcome(self.payload, self.key, self.to_node, op)

    async def submit(self, info: Info, input: ReviewInput) -> PayloadT:
        return await self._review(workflow.submit, info, input)

    async def _publishing(self, step: PublishStep, info: Info, input: ReviewInput) -> PayloadT:
        ctx = info.context
        op = step(
            ctx.db,
            self.wf,
            actor_id=signed_in(info).id,
            item_id=self._pk(input.id),
            version=input.version,
            now=ctx.now(),
            settings=ctx.settings,
        )
        return await outcome(self.payload, self.key, self.to_node, op)

    async def approve(self, info: Info, input: ReviewInput) -> PayloadT:
        return await self._publishing(workflow.approve, info, input)

    async def publish_directly(self, info: Info, input: ReviewInput) -> PayloadT:
        return await self._publishing(workflow.publish_directly, info, input)

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
