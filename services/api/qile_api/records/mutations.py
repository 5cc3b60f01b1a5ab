"""What every community record's mutations share: the reference input and the three operations."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import strawberry
from strawberry import relay

from qile_api.content.mutations import item_pk, run, signed_in
from qile_api.graphql.context import Info
from qile_api.graphql.describe import ID_INPUT, VERSION_INPUT
from qile_api.records import crud

PayloadT = TypeVar("PayloadT")


@strawberry.input(description="Which record, at which version.")
class RecordRefInput:
    id: relay.GlobalID = strawberry.field(description=ID_INPUT)
    version: int = strawberry.field(description=VERSION_INPUT)


async def create_record(
    info: Info,
    spec: crud.RecordTable[Any],
    payload: Callable[..., PayloadT],
    key: str,
    to_node: Callable[[Any], Any],
    values: dict[str, Any],
) -> PayloadT:
    return await run(payload, key, to_node, crud.create(info.context.db, spec, signed_in(info), values))


async def update_record(
    info: Info,
    spec: crud.RecordTable[Any],
    payload: Callable[..., PayloadT],
    key: str,
    to_node: Callable[[Any], Any],
    gid: relay.GlobalID,
    version: int,
    changes: dict[str, Any],
) -> PayloadT:
    op = crud.update(info.context.db, spec, signed_in(info), item_pk(gid, spec.type_name), version, changes)
    return await run(payload, key, to_node, op)


async def delete_record(
    info: Info,
    spec: crud.RecordTable[Any],
    payload: Callable[..., PayloadT],
    key: str,
    to_node: Callable[[Any], Any],
    ref: RecordRefInput,
) -> PayloadT:
    op = crud.delete(info.context.db, spec, signed_in(info), item_pk(ref.id, spec.type_name), ref.version)
    return await run(payload, key, to_node, op)
