"""Registering screens from the command line (and, later, from staff)."""

from __future__ import annotations

import asyncpg

from qile_api.db.database import Database
from qile_api.graphql.errors import BadUserInput
from qile_api.graphql.ids import parse_global_id, pk_of
from qile_api.regions.sql import communities_named, regions_by_ids
from qile_api.screens.sql import insert_screen
from qile_api.screens.tokens import new_screen_token


class ScreenAdminError(Exception):
    pass


async def find_community_id(db: Database, ref: str) -> int:
    """A community by exact name or by global ID."""
    rows = await communities_named(db, ref)
    if len(rows) > 1:
        raise ScreenAdminError(f"{len(rows)} communities are named {ref}; pass its global ID instead")
    if rows:
        return rows[0].id
    try:
        gid = parse_global_id(ref)
    except BadUserInput:
        gid = None
    if gid is not None and gid.type_name == "Community":
        found = await regions_by_ids(db, [pk_of(gid)])
        if found and found[0].level == "COMMUNITY":
            return found[0].id
    raise ScreenAdminError(f"no community {ref}")


async def add_screen(db: Database, community: str, kind: str, name: str, location: str = "") -> str:
    """Register a screen; return its token, which is stored only hashed."""
    community_id = await find_community_id(db, community)
    token, token_hash = new_screen_token()
    try:
        await insert_screen(
            db, community_id=community_id, kind=kind, name=name, location=location, token_hash=token_hash
        )
    except asyncpg.UniqueViolationError as exc:
        raise ScreenAdminError(f"{community} already has a screen named {name}") from exc
    return token
