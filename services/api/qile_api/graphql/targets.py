"""Which region a mutation touches, found from the global IDs in its input.

Permissions compare these regions with the caller's scope. Every input
field holding a global ID counts: the object's own `id`, a new `scope` or
`community`, a `photo`'s owner does not matter (media are not scoped).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import fields, is_dataclass
from typing import Any, TypeVar

from strawberry import relay

from qile_api.db.database import Executor
from qile_api.graphql.context import Info

RowT = TypeVar("RowT")

_REGION_TYPES = {"City", "District", "Subdistrict", "Community"}

# How to find the region of an object of each type.
_REGION_OF: dict[str, str] = {
    "Notice": "SELECT region_id FROM notices WHERE id = $1",
    "Honour": "SELECT region_id FROM honours WHERE id = $1",
    "Event": "SELECT region_id FROM events WHERE id = $1",
    "Screen": "SELECT community_id FROM screens WHERE id = $1",
    "Facility": "SELECT community_id FROM facilities WHERE id = $1",
    "Team": "SELECT community_id FROM teams WHERE id = $1",
    "Account": "SELECT scope_region_id FROM accounts WHERE id = $1",
    "Selection": "SELECT community_id FROM selections WHERE id = $1",
    "Recognition": "SELECT community_id FROM recognitions WHERE id = $1",
    "Attestation": "SELECT community_id FROM attestations WHERE id = $1",
}


def global_ids(value: Any) -> Iterator[relay.GlobalID]:
    """Every GlobalID inside an input object (depth-first)."""
    if isinstance(value, relay.GlobalID):
        yield value
    elif isinstance(value, list | tuple):
        for item in value:
            yield from global_ids(item)
    elif is_dataclass(value) and not isinstance(value, type):
        for f in fields(value):
            yield from global_ids(getattr(value, f.name))


async def region_of(db: Executor, gid: relay.GlobalID) -> int | None:
    """The region a global ID belongs to; None when there is no such object."""
    if not gid.node_id.isdigit():
        return None
    pk = int(gid.node_id)
    if gid.type_name in _REGION_TYPES:
        found = await db.fetchval("SELECT id FROM regions WHERE id = $1 AND level = $2", pk, gid.type_name.upper())
        return int(found) if found is not None else None
    query = _REGION_OF.get(gid.type_name)
    if query is None:
        return None
    found = await db.fetchval(query, pk)
    return int(found) if found is not None else None


async def path_of(db: Executor, region_id: int) -> tuple[int, ...]:
    path = await db.fetchval("SELECT path FROM regions WHERE id = $1", region_id)
    return tuple(path or ())


async def target_path(info: Info, gid: relay.GlobalID) -> tuple[int, ...] | None:
    """The region path of what a global ID names, through the request's loaders.

    Region ids go through the batched region loader, so a query naming many
    communities (aliases) costs one round trip for all of them.
    """
    loader = info.context.loaders.region_by_id
    if gid.type_name in _REGION_TYPES:
        if not gid.node_id.isdigit():
            return None
        row = await loader.load(int(gid.node_id))
        return row.path if row is not None and row.level == gid.type_name.upper() else None
    region_id = await region_of(info.context.db, gid)
    if region_id is None:
        return None
    row = await loader.load(region_id)
    return row.path if row is not None else None


async def staff_visible(
    info: Info, ids: Sequence[int], rows: Sequence[RowT], pk: Callable[[RowT], int], region: Callable[[RowT], int]
) -> list[RowT | None]:
    """`rows` in the order of `ids`, keeping only those inside the signed-in staff's scope.

    For node types only staff may see (accounts, screens): anyone else sees
    nothing. Region paths come from the batched loader: one round trip.
    """
    staff = info.context.staff
    if staff is None:
        return [None for _ in ids]
    found = {pk(r): r for r in rows}
    regions = await info.context.loaders.region_by_id.load_many([region(r) for r in rows])
    inside = {pk(r) for r, reg in zip(rows, regions, strict=True) if reg and staff.scope_region_id in reg.path}
    return [found[i] if i in inside else None for i in ids]
