"""Review mutations (submit, approve, reject, archive) built once for every content type.

This module deliberately has no `from __future__ import annotations`: the
resolvers below are made per content type, and strawberry reads their
annotations, which must then be the real payload classes.
"""

from collections.abc import Awaitable, Callable
from typing import Annotated, Any, TypeVar

import strawberry
from strawberry import relay

from qile_api.content import workflow
from qile_api.graphql.context import Info
from qile_api.graphql.describe import ID_INPUT, INPUT_ARG, VERSION_INPUT
from qile_api.graphql.ids import node_pk
from qile_api.graphql.payloads import MutationFailed
from qile_api.graphql.permissions import EDITORS, REVIEWERS
from qile_api.limits import REJECT_REASON
from qile_api.principals import StaffPrincipal

RowT = TypeVar("RowT")
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


async def run(
    payload: Callable[..., PayloadT], key: str, to_node: Callable[[Any], Any], op: Awaitable[Any]
) -> PayloadT:
    """Await a workflow operation and wrap its result or its errors in the payload."""
    try:
        row = await op
    except MutationFailed as failed:
        return payload(**{key: None, "errors": failed.errors})
    return payload(**{key: to_node(row), "errors": []})


def review_mutations(wf: "workflow.Workflow[Any]", payload: type, key: str, to_node: Callable[[Any], Any]) -> type:
    """A strawberry type with `<key>Submit`, `…Approve`, `…Reject`, `…Archive`."""

    def pk(gid: relay.GlobalID) -> int:
        return item_pk(gid, wf.type_name)

    async def submit(info: Info, input: Annotated[ReviewInput, INPUT_ARG]) -> payload:  # type: ignore[valid-type]
        op = workflow.submit(info.context.db, wf, signed_in(info), pk(input.id), input.version)
        return await run(payload, key, to_node, op)

    async def approve(info: Info, input: Annotated[ReviewInput, INPUT_ARG]) -> payload:  # type: ignore[valid-type]
        op = workflow.approve(info.context.db, wf, signed_in(info), pk(input.id), input.version)
        return await run(payload, key, to_node, op)

    async def reject(info: Info, input: Annotated[RejectInput, INPUT_ARG]) -> payload:  # type: ignore[valid-type]
        op = workflow.reject(info.context.db, wf, signed_in(info), pk(input.id), input.version, input.reason)
        return await run(payload, key, to_node, op)

    async def archive(info: Info, input: Annotated[ReviewInput, INPUT_ARG]) -> payload:  # type: ignore[valid-type]
        op = workflow.archive(info.context.db, wf, signed_in(info), pk(input.id), input.version)
        return await run(payload, key, to_node, op)

    label = wf.label
    fields = {
        f"{key}_submit": strawberry.mutation(
            resolver=submit, permission_classes=EDITORS, description=f"提交审核: send a {label} draft for review."
        ),
        f"{key}_approve": strawberry.mutation(
            resolver=approve,
            permission_classes=REVIEWERS,
            description=f"Publish a {label} in review; nobody approves their own submission.",
        ),
        f"{key}_reject": strawberry.mutation(
            resolver=reject, permission_classes=REVIEWERS, description=f"Send a {label} back with a reason."
        ),
        f"{key}_archive": strawberry.mutation(
            resolver=archive, permission_classes=REVIEWERS, description=f"Take a published {label} off screens."
        ),
    }
    return strawberry.type(type(f"{wf.type_name}ReviewMutations", (), fields))


def signed_in(info: Info) -> "StaffPrincipal":
    """The caller; the field's permission classes have already required one."""
    staff = info.context.staff
    assert staff is not None, "declared permissions let no anonymous caller through"
    return staff


def item_pk(gid: relay.GlobalID, type_name: str) -> int:
    found = node_pk(gid, type_name, "id")
    assert found is not None
    return found


async def create_item(
    info: Info,
    wf: "workflow.Workflow[Any]",
    payload: Callable[..., PayloadT],
    key: str,
    to_node: Callable[[Any], Any],
    values: dict[str, Any],
) -> PayloadT:
    op = workflow.create(info.context.db, wf, signed_in(info), values)
    return await run(payload, key, to_node, op)


async def update_item(
    info: Info,
    wf: "workflow.Workflow[Any]",
    payload: Callable[..., PayloadT],
    key: str,
    to_node: Callable[[Any], Any],
    gid: relay.GlobalID,
    version: int,
    changes: dict[str, Any],
) -> PayloadT:
    op = workflow.update(info.context.db, wf, signed_in(info), item_pk(gid, wf.type_name), version, changes)
    return await run(payload, key, to_node, op)
