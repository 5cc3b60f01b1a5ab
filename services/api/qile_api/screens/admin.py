"""Registering screens, the one way: for staff (`screenRegister`, a pairing claim) and operators (`screen add`)."""

from __future__ import annotations

from typing import Any

from qile_api.db.database import Database, Executor
from qile_api.editing import versioned
from qile_api.fields import Field, FieldMap
from qile_api.graphql.errors import BadUserInput
from qile_api.graphql.ids import parse_global_id, pk_of
from qile_api.limits import SCREEN_LOCATION, SCREEN_NAME
from qile_api.problems import ErrorCode, Refused
from qile_api.regions.sql import communities_named, community_exists, regions_by_ids
from qile_api.screens import sql
from qile_api.screens.tokens import new_screen_token


class ScreenAdminError(Exception):
    pass


# What staff name a screen by; `kind` and `community` are fixed at registration.
SCREEN_FIELDS = FieldMap(
    Field("name", text=SCREEN_NAME),
    Field("location", text=SCREEN_LOCATION, required=False),
)


async def check_registration(db: Executor, community_id: int | None, name: str, location: str) -> dict[str, Any]:
    """The screen's names as stored (trimmed); Refused when its community or names are wrong."""
    names = SCREEN_FIELDS.values({"name": name, "location": location})
    if problems := [*await community_exists(db, community_id), *SCREEN_FIELDS.problems(names)]:
        raise Refused(*problems)
    return names


async def register_screen(
    db: Executor,
    *,
    actor_id: int | None,
    community_id: int | None,
    kind: str,
    name: str,
    location: str = "",
    action: str = "screenRegister",
    issue_token: bool = True,
) -> tuple[sql.ScreenRow, str | None]:
    """Validate, insert and audit a screen (`versioned.create`): the one way, for `screenRegister`, pairing and the CLI.

    Returns the row and its token, which is stored only hashed; a screen being
    paired gets none here (`issue_token=False`): it collects one when it redeems its code.
    """
    names = await check_registration(db, community_id, name, location)
    token, token_hash = new_screen_token() if issue_token else (None, None)
    row = await versioned.create(
        db,
        sql.SCREEN_TABLE,
        actor_id=actor_id,
        action=action,
        values={"community_id": community_id, "kind": kind, **names, "token_hash": token_hash},
        # When its token was issued: a paired screen's comes when it redeems its code.
        stamped=("token_issued_at",) if issue_token else (),
    )
    return sql.ScreenRow.from_record(row), token


async def find_community_id(db: Executor, ref: str) -> int:
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
    """`qile-api screen add`: register a screen as no account (the operator's shell); return its token."""
    async with db.transaction() as tx:
        community_id = await find_community_id(tx, community)
        try:
            _, token = await register_screen(
                tx, actor_id=None, community_id=community_id, kind=kind, name=name, location=location
            )
        except Refused as refused:
            if any(p.code == ErrorCode.DUPLICATE for p in refused.problems):
                raise ScreenAdminError(f"{community} already has a screen named {name}") from refused
            raise ScreenAdminError(str(refused)) from refused
    assert token is not None  # issued: a screen added by hand gets its token here
    return token
