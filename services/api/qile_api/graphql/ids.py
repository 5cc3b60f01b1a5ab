"""Global IDs arriving as arguments."""

from __future__ import annotations

from strawberry import relay

from qile_api.graphql.errors import BadUserInput


def node_pk(gid: relay.GlobalID | None, type_name: str, field: str) -> int | None:
    """The database id behind a global ID of the expected type (None stays None)."""
    if gid is None:
        return None
    if gid.type_name != type_name or not gid.node_id.isdigit():
        raise BadUserInput(f"`{field}` must be the id of a {type_name}", field=field)
    return int(gid.node_id)
