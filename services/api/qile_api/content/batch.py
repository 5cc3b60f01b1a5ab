"""Review steps over many items at once (a series of events): all of them, or none.

A batch runs the very steps one item's mutation runs (`content.workflow`),
in one transaction: one item refused (a stale version, one's own
submission, a wrong state) refuses the whole call, its problem named by the
item's place in the input (`items.2.version`, "第3项：…"). Who may act on
which item is the declared permission's to say before anything runs: it
places every ID of the input in the caller's scope, as it does for one. Each
item is audited on its own, under the batch mutation's name.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, Generic, TypeVar

import strawberry

from qile_api.content import workflow
from qile_api.content.mutations import ReviewInput, Step
from qile_api.editing.mutations import item_pk, outcome, signed_in
from qile_api.fields import text_problems
from qile_api.graphql.context import Info
from qile_api.limits import REJECT_REASON, REVIEW_BATCH_MAX
from qile_api.problems import ErrorCode, Problem, Refused, problem

PayloadT = TypeVar("PayloadT")

_ITEMS = (
    f"The items, each at the `version` you read: 1 to {REVIEW_BATCH_MAX}, each once. "
    "One refused refuses them all (its error's `field` is `items.<index>.…`)."
)


@strawberry.input(description="Several items to take through the same review step at once.")
class BatchReviewInput:
    items: list[ReviewInput] = strawberry.field(description=_ITEMS)


@strawberry.input(description="Several items to send back to their editors, for the same reason.")
class BatchRejectInput:
    items: list[ReviewInput] = strawberry.field(description=_ITEMS)
    reason: str = strawberry.field(description=REJECT_REASON.describe("退回理由, shown to each editor."))


def _of_item(index: int, found: Problem) -> Problem:
    field = f"items.{index}.{found.field}" if found.field else f"items.{index}"
    return problem(found.code, f"第{index + 1}项：{found.message}", field)


def _batch_problems(pks: Sequence[int]) -> list[Problem]:
    if not pks:
        return [problem(ErrorCode.REQUIRED, "请至少选择一项", "items")]
    if len(pks) > REVIEW_BATCH_MAX:
        return [problem(ErrorCode.INVALID, f"一次最多处理{REVIEW_BATCH_MAX}项", "items")]
    if len(set(pks)) != len(pks):
        return [problem(ErrorCode.INVALID, "同一项出现了不止一次", "items")]
    return []


@dataclass(frozen=True)
class BatchSteps(Generic[PayloadT]):
    """One content type's batch steps, answered in its list payload (`EventsPayload(events=…, errors=…)`)."""

    # The type's workflow, with the batch mutations' names as its review actions.
    wf: workflow.Workflow[Any]
    payload: Callable[..., PayloadT]
    key: str  # the payload's field for the items: "events"
    to_node: Callable[[Any], Any]

    async def _all(self, step: Step, info: Info, items: Sequence[ReviewInput], *before: Problem) -> PayloadT:
        actor_id = signed_in(info).id
        pks = [item_pk(item.id, self.wf.editable.table.type_name) for item in items]

        async def op() -> list[Any]:
            if problems := [*before, *_batch_problems(pks)]:
                raise Refused(*problems)
            rows: list[Any] = [None] * len(items)
            async with info.context.db.transaction() as tx:
                # Locked in id order, as every batch locks: two batches never wait on each other in a circle.
                for index in sorted(range(len(items)), key=pks.__getitem__):
                    try:
                        rows[index] = await step(
                            tx, self.wf, actor_id=actor_id, item_id=pks[index], version=items[index].version
                        )
                    except Refused as refused:
                        raise Refused(*(_of_item(index, p) for p in refused.problems)) from refused
            return rows

        return await outcome(self.payload, self.key, lambda rows: [self.to_node(r) for r in rows], op())

    async def submit(self, info: Info, input: BatchReviewInput) -> PayloadT:
        return await self._all(workflow.submit, info, input.items)

    async def approve(self, info: Info, input: BatchReviewInput) -> PayloadT:
        # Publishing settles each event by the request's clock and the deployment's settings.
        step = partial(workflow.approve, now=info.context.now(), settings=info.context.settings)
        return await self._all(step, info, input.items)

    async def reject(self, info: Info, input: BatchRejectInput) -> PayloadT:
        reason = input.reason.strip()
        # Said once for the whole batch, not as the first item's problem.
        stated = text_problems(reason, "reason", REJECT_REASON)
        return await self._all(partial(workflow.reject, reason=reason), info, input.items, *stated)
