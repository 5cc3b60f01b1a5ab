"""Reading a region argument (a content item's scope)."""

from __future__ import annotations

from strawberry import relay

REGION_TYPES = frozenset({"City", "District", "Subdistrict", "Community"})


def region_pk(gid: relay.GlobalID | None) -> int | None:
    """The region id behind a scope argument; None when it names no region (validation reports it)."""
    if gid is None or gid.type_name not in REGION_TYPES or not gid.node_id.isdigit():
        return None
    return int(gid.node_id)
