"""Rows only staff may see, kept when they lie inside the signed-in staff member's scope."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from qile_api.graphql.context import Info
from qile_api.regions.dataloaders import RegionByIdLoader

RowT = TypeVar("RowT")


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
    regions = await info.context.loaders[RegionByIdLoader].load_many([region(r) for r in rows])
    inside = {pk(r) for r, reg in zip(rows, regions, strict=True) if reg and staff.scope_region_id in reg.path}
    return [found[i] if i in inside else None for i in ids]
