"""A seeded database with a staff editor and screens: what each fault run starts from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from strawberry.relay import to_base64

from qile_api.db.database import Database
from qile_api.screens.admin import add_screen
from tests.api import factories as f
from tests.api import staff

COMMUNITY = "工盛社区"


@dataclass(frozen=True)
class City:
    dsn: str
    editor_id: int
    editor: str  # a session token
    scope: str  # the community's global ID
    screens: dict[str, str]  # screen name → token


async def prepare(dsn: str, screens: dict[str, str], editor: str = "faults.editor") -> City:
    """On a seeded database: a reviewer-editor of the community and the screens (name → kind)."""
    db = await Database.connect(dsn, min_size=1, max_size=1)
    try:
        # A reviewer may write notices and publish urgent ones.
        account = await staff.account(db, editor, "REVIEWER", COMMUNITY)
        token = await staff.session(db, account)
        scope = to_base64("Community", await f.region_id(db, COMMUNITY))
        tokens = {name: await add_screen(db, COMMUNITY, kind, name) for name, kind in screens.items()}
    finally:
        await db.close()
    return City(dsn, account, token, scope, tokens)


async def add(city: City, name: str, kind: str = "BULLETIN") -> str:
    """A screen of the community, added for one test; its token."""
    db = await Database.connect(city.dsn, min_size=1, max_size=1)
    try:
        return await add_screen(db, COMMUNITY, kind, name)
    finally:
        await db.close()


async def publish_notice(city: City, title: str, *, urgent: bool = False) -> None:
    """Published straight in the database: screens see it at their next poll."""
    db = await Database.connect(city.dsn, min_size=1, max_size=1)
    try:
        await f.notice(db, COMMUNITY, title, start=datetime.now(UTC) - timedelta(minutes=1), urgent=urgent)
    finally:
        await db.close()
