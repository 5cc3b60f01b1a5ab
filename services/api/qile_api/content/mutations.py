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
from qile_api.db.database import Executor
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
        self, tx: Executor, wf: workflow.Workflow[Any], *, actor_id: int, item_id: int, version: int
    ) -> Awaitable[Any]: ...


class PublishStep(Protocol):
    """A step that publishes (approve, publish at once): the type's settling needs the clock and the settings."""

    def __call__(
        self,
        tx: Executor,
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

    async def _in_transaction(
        self,
        info: Info,
        step: Callable[[Executor], Awaitable[Any]],
        warnings: Callable[[Any], list[MutationWarning]] | None = None,
    ) -> PayloadT:
        """Run one step in its own transaction and answer its row, or its problems, in the payload."""

        async def op() -> Any:
            async with info.context.db.transaction() as tx:
                return await step(tx)

        return await outcome(self.payload, self.key, self.to_node, op(), warnings)

    def _warnings(self, row: Any) -> list[MutationWarning]:
        """Texts of the saved item that screens will not show as typed: said after a create or an update."""
        return warnings_of(self.wf.editable.fields.screen_warnings(dataclasses.asdict(row)))

    async def create(self, info: Info, values: dict[str, Any]) -> PayloadT:
        actor_id, now, settings = signed_in(info).id, info.context.now(), info.context.settings
        return await self._in_transaction(
            info,
            lambda tx: workflow.create(tx, self.wf, actor_id=actor_id, values=values, now=now, settings=settings),
            self._warnings,
        )

    async def update(self, info: Info, gid: relay.GlobalID, version: int, changes: dict[str, Any]) -> PayloadT:
        actor_id, item_id, now = signed_in(info).id, self._pk(gid), info.context.now()
        settings = info.context.settings
        return await self._in_transaction(
            info,
            lambda tx: workflow.update(
                tx,
                self.wf,
                actor_id=actor_id,
                item_id=item_id,
                version=version,
                changes=changes,
                now=now,
                settings=settings,
            ),
            self._warnings,
        )

    async def _review(self, step: Step, info: Info, input: ReviewInput) -> PayloadT:
        actor_id, item_id = signed_in(info).id, self._pk(input.id)
        return await self._in_transaction(
            info, lambda tx: step(tx, self.wf, actor_id=actor_id, item_id=item_id, version=input.version)
        )

    async def submit(self, info: Info, input: ReviewInput) -> PayloadT:
        return await self._review(workflow.submit, info, input)

    async def _publishing(self, step: PublishStep, info: Info, input: ReviewInput) -> PayloadT:
        ctx = info.context
        actor_id, item_id, now = signed_in(info).id, self._pk(input.id), ctx.now()
        return await self._in_transaction(
            info,
            lambda tx: step(
                tx, self.wf, actor_id=actor_id, item_id=item_id, version=input.version, now=now, settings=ctx.settings
            ),
        )

    async def approve(self, info: Info, input: ReviewInput) -> PayloadT:
        return await self._publishing(workflow.approve, info, input)

    async def publish_directly(self, info: Info, input: ReviewInput) -> PayloadT:
        return await self._publishing(workflow.publish_directly, info, input)

    async def archive(self, info: Info, input: ReviewInput) -> PayloadT:
        return await self._review(workflow.archive, info, input)

    async def reject(self, info: Info, input: RejectInput) -> PayloadT:
        actor_id, item_id = signed_in(info).id, self._pk(input.id)
        return await self._in_transaction(
            info,
            lambda tx: workflow.reject(
                tx, self.wf, actor_id=actor_id, item_id=item_id, version=input.version, reason=input.reason
            ),
        )
