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
from qile_api.graphql.ids import REGION_TYPES, pk_of

RowT = TypeVar("RowT")

# The regions an object of each type touches. A content revision also
# touches its published item: approving it rewrites that item.
_REGIONS_OF: dict[str, str] = {
    "Notice": "SELECT ARRAY[c.region_id, p.region_id] FROM notices c "
    "LEFT JOIN notices p ON p.id = c.revision_of WHERE c.id = $1",
    "Honour": "SELECT ARRAY[c.region_id, p.region_id] FROM honours c "
    "LEFT JOIN honours p ON p.id = c.revision_of WHERE c.id = $1",
    "Event": "SELECT ARRAY[c.region_id, p.region_id] FROM events c "
    "LEFT JOIN events p ON p.id = c.revision_of WHERE c.id = $1",
    "Screen": "SELECT ARRAY[community_id] FROM screens WHERE id = $1",
    "Facility": "SELECT ARRAY[community_id] FROM facilities WHERE id = $1",
    "Team": "SELECT ARRAY[community_id] FROM teams WHERE id = $1",
    "Account": "SELECT ARRAY[scope_region_id] FROM accounts WHERE id = $1",
    "Selection": "SELECT ARRAY[community_id] FROM selections WHERE id = $1",
    "Recognition": "SELECT ARRAY[community_id] FROM recognitions WHERE id = $1",
    "Attestation": "SELECT ARRAY[community_id] FROM attestations WHERE id = $1",
    "SignUp": "SELECT ARRAY[e.region_id] FROM event_sign_ups s JOIN events e ON e.id = s.event_id WHERE s.id = $1",
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


async def regions_of(db: Executor, gid: relay.GlobalID) -> list[int]:
    """The regions an object touches; empty when there is no such object (or no such type)."""
    query = _REGIONS_OF.get(gid.type_name)
    if query is None:
        return []
    found = await db.fetchval(query, pk_of(gid))
    return [int(r) for r in found or () if r is not None]


async def path_of(db: Executor, region_id: int) -> tuple[int, ...]:
    path = await db.fetchval("SELECT path FROM regions WHERE id = $1", region_id)
    return tuple(path or ())


async def target_paths(info: Info, gid: relay.GlobalID) -> list[tuple[int, ...]]:
    """The region paths of what a global ID names, through the request's loaders.

    A region id counts as the region it is, whatever type name it came with:
    `Community:<id of the city>` is the city, so it cannot slip past a scope.
    Region ids go through the batched region loader, so a query naming many
    communities (aliases) costs one round trip for all of them.
    """
    loader = info.context.loaders.region_by_id
    if gid.type_name in REGION_TYPES:
        ids = [pk_of(gid)]
    else:
        ids = await regions_of(info.context.db, gid)
    return [row.path for row in await loader.load_many(ids) if row is not None]


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
