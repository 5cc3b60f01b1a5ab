"""Global IDs: the one parser every reader of an ID goes through.

A global ID is base64 of `Type:number`. The permission layer, the `ID`
scalar and every resolver read IDs through `parse_pk` and
`parse_global_id` below, so they cannot disagree on what an ID names: a
spelling one of them would read as "no such object" while another reads it
as a real row (`Community:00…013` is the community 13 to `int()`) is
refused at the edge, before any check runs.

Canonical means: a known type name, ASCII digits only, no sign, no
whitespace, no leading zero, within PostgreSQL's bigint, and the base64
text exactly as `to_base64` writes it.
"""

from __future__ import annotations

import base64
import binascii
import re

from strawberry import relay

from qile_api.graphql.errors import BadUserInput

# Every type whose global IDs the API reads. Node types and the
# assessment's records (selections, recognitions, attestations).
ID_TYPES = frozenset(
    {
        "City",
        "District",
        "Subdistrict",
        "Community",
        "Notice",
        "Honour",
        "Event",
        "Account",
        "Screen",
        "Facility",
        "Team",
        "Selection",
        "Recognition",
        "Attestation",
        "SignUp",
    }
)
REGION_TYPES = frozenset({"City", "District", "Subdistrict", "Community"})

BIGINT_MAX = 2**63 - 1
# `re.ASCII` matters: `\d` and str.isdigit() accept "١٣" or "１３", which int() reads as 13.
_CANONICAL_PK = re.compile(r"[1-9][0-9]{0,18}", re.ASCII)
_INVALID = "不是有效的 ID"


def parse_pk(node_id: str) -> int | None:
    """The row id a canonical node id names; None for any other spelling."""
    if not _CANONICAL_PK.fullmatch(node_id):
        return None
    value = int(node_id)
    return value if value <= BIGINT_MAX else None


def parse_global_id(value: object, field: str | None = None) -> relay.GlobalID:
    """A canonical global ID, or BAD_USER_INPUT naming `field`."""
    if not isinstance(value, str) or not value.isascii():
        raise BadUserInput(f"{_INVALID}（`{field or 'id'}`）", field=field)
    try:
        raw = base64.b64decode(value, validate=True)
        text = raw.decode("ascii")
    except (binascii.Error, ValueError):
        raise BadUserInput(f"{_INVALID}（`{field or 'id'}`）", field=field) from None
    type_name, sep, node_id = text.partition(":")
    if (
        not sep
        or type_name not in ID_TYPES
        or parse_pk(node_id) is None
        or base64.b64encode(raw).decode("ascii") != value
    ):
        raise BadUserInput(f"{_INVALID}（`{field or 'id'}`）", field=field)
    return relay.GlobalID(type_name, node_id)


def pk_of(gid: relay.GlobalID) -> int:
    """The row id of a global ID that came through the `ID` scalar (hence canonical)."""
    pk = parse_pk(gid.node_id)
    if pk is None or gid.type_name not in ID_TYPES:
        # Only reachable if an ID bypassed the scalar: refuse rather than guess.
        raise BadUserInput(_INVALID, field="id")
    return pk


def node_pk(gid: relay.GlobalID | None, type_name: str, field: str) -> int | None:
    """The database id behind a global ID of the expected type (None stays None)."""
    if gid is None:
        return None
    if gid.type_name != type_name:
        raise BadUserInput(f"`{field}` must be the id of a {type_name}", field=field)
    return pk_of(gid)


def region_pk(gid: relay.GlobalID | None) -> int | None:
    """The region id behind a scope argument; None when it names no region (validation reports it)."""
    if gid is None or gid.type_name not in REGION_TYPES:
        return None
    return pk_of(gid)


def region_filter_pk(gid: relay.GlobalID | None, field: str) -> int | None:
    """The region id behind a filter naming a region of any level (None stays None)."""
    if gid is None:
        return None
    if gid.type_name not in REGION_TYPES:
        raise BadUserInput(f"`{field}` must be the id of a City, District, Subdistrict or Community", field=field)
    return pk_of(gid)


def node_pks(node_ids: object) -> list[int]:
    """Row ids for relay's `resolve_nodes`; a non-canonical id matches nothing (0)."""
    return [(parse_pk(i) or 0) if isinstance(i, str) else 0 for i in node_ids]  # type: ignore[attr-defined]
