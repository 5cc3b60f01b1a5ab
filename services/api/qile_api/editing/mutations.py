"""What every editing mutation shares in GraphQL: the caller, the item's key, the payload.

Resolvers are declared in their domain (`noticeUpdate` in notices/mutations.py,
`facilityCreate` in facilities/mutations.py …) with their permission classes;
they call these to run the edit and wrap its row or its problems in the payload.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from strawberry import relay

from qile_api.editing import crud
from qile_api.graphql.context import Info
from qile_api.graphql.ids import node_pk
from qile_api.graphql.payloads import errors_of
from qile_api.principals import StaffPrincipal
from qile_api.problems import Refused

PayloadT = TypeVar("PayloadT")


def signed_in(info: Info) -> StaffPrincipal:
    """The caller; the field's permission classes have already required one."""
    staff = info.context.staff
    assert staff is not None, "declared permissions let no anonymous caller through"
    return staff


def item_pk(gid: relay.GlobalID, type_name: str) -> int:
    """The key of the item an input's `id` names (the permission check has found it)."""
    found = node_pk(gid, type_name, "id")
    assert found is not None
    return found


async def outcome(
    payload: Callable[..., PayloadT], key: str, to_node: Callable[[Any], Any], op: Awaitable[Any]
) -> PayloadT:
    """Await an edit and wrap its row, or its problems, in the payload."""
    try:
        row = await op
    except Refused as refused:
        return payload(**{key: None, "errors": errors_of(refused)})
    return payload(**{key: to_node(row), "errors": []})


@dataclass(frozen=True)
class Edits(Generic[PayloadT]):
    """One type's create, update and delete, answered in its payload (`FacilityPayload(facility=…, errors=…)`)."""

    kind: crud.Editable[Any]
    payload: Callable[..., PayloadT]
    key: str  # the payload's field for the row: "facility"
    to_node: Callable[[Any], Any]

    async def _answer(self, op: Awaitable[Any]) -> PayloadT:
        return await outcome(self.payload, self.key, self.to_node, op)

    async def create(self, info: Info, values: dict[str, Any]) -> PayloadT:
        ctx = info.context
        return await self._answer(
            crud.create(ctx.db, self.kind, actor_id=signed_in(info).id, values=values, now=ctx.now())
        )

    async def update(self, info: Info, gid: relay.GlobalID, version: int, changes: dict[str, Any]) -> PayloadT:
        ctx, actor_id, row_id = info.context, signed_in(info).id, item_pk(gid, self.kind.table.type_name)
        op = crud.update(
            ctx.db, self.kind, actor_id=actor_id, row_id=row_id, version=version, changes=changes, now=ctx.now()
        )
        return await self._answer(op)

    async def delete(self, info: Info, gid: relay.GlobalID, version: int) -> PayloadT:
        row_id = item_pk(gid, self.kind.table.type_name)
        return await self._answer(
            crud.delete(info.context.db, self.kind, actor_id=signed_in(info).id, row_id=row_id, version=version)
        )
