"""node(id) for staff-only objects: screens and accounts show only inside the caller's scope."""

from __future__ import annotations

from strawberry.relay import to_base64

from tests.api import factories as f
from tests.api import staff
from tests.api.conftest import Api

NODE = """query($id: ID!) { node(id: $id) {
  ... on Screen { name } ... on Account { username } ... on Facility { name kindLabel } } }"""


async def node(api: Api, type_name: str, pk: int, token: str | None) -> dict | None:  # type: ignore[type-arg]
    body = await api.gql(NODE, {"id": to_base64(type_name, pk)}, token=token)
    return body["data"]["node"]  # type: ignore[no-any-return]


async def test_screens_and_accounts_are_visible_to_staff_in_scope_only(api: Api) -> None:
    viewer = await staff.staff(api.db, "viewer", "EDITOR", "车站街道")
    await f.screen(api.db, "工盛社区", name="里屏")
    await f.screen(api.db, "柳毅社区", name="外屏")
    inside, outside = [r["id"] for r in await api.db.fetch("SELECT id FROM screens ORDER BY id")]
    colleague = await staff.account(api.db, "colleague", "EDITOR", "工盛社区")
    stranger = await staff.account(api.db, "stranger", "EDITOR", "淄川区")

    assert await node(api, "Screen", inside, viewer) == {"name": "里屏"}
    assert await node(api, "Screen", outside, viewer) is None
    assert await node(api, "Screen", inside, None) is None
    assert await node(api, "Account", colleague, viewer) == {"username": "colleague"}
    assert await node(api, "Account", stranger, viewer) is None


async def test_facilities_are_public(api: Api) -> None:
    pk = await api.db.fetchval(
        "INSERT INTO facilities (community_id, kind, name) VALUES ($1, 'READING_ROOM', '阅览室') RETURNING id",
        await f.region_id(api.db, "工盛社区"),
    )

    assert await node(api, "Facility", pk, None) == {"name": "阅览室", "kindLabel": "图书阅览室"}
