"""Looking up many objects by ID costs as many round trips as looking up one.

Each `node(id:)` field resolves on its own; the domains' loaders
(`<Entity>ByIdLoader`, built once per request) batch them into one query,
and so do the fields below (the community, a screen's health).
"""

from __future__ import annotations

import pytest
from strawberry.relay import to_base64

from tests.api import factories as f
from tests.api import staff
from tests.api.conftest import Api

FIELDS = {
    "Screen": "name online report { mode } community { name }",
    "Account": "username scope { name }",
    "Facility": "name community { name }",
    "Team": "name community { name }",
}


async def make(api: Api, type_name: str, n: int) -> int:
    """The id of a fresh object of the type, numbered `n`."""
    community = await f.region_id(api.db, "工盛社区")
    if type_name == "Screen":
        await f.screen(api.db, "工盛社区", name=f"批量屏{n}")
        return int(await api.db.fetchval("SELECT id FROM screens WHERE name = $1", f"批量屏{n}"))
    if type_name == "Account":
        return await staff.account(api.db, f"batch.{n}", "EDITOR", "工盛社区")
    if type_name == "Facility":
        sql = "INSERT INTO facilities (community_id, kind, name) VALUES ($1, 'READING_ROOM', $2) RETURNING id"
        return int(await api.db.fetchval(sql, community, f"阅览室{n}"))
    sql = "INSERT INTO teams (community_id, kind, name, members) VALUES ($1, 'VOLUNTEER', $2, 20) RETURNING id"
    return int(await api.db.fetchval(sql, community, f"志愿队{n}"))


async def lookup_cost(api: Api, token: str, type_name: str, ids: list[int]) -> int:
    aliases = " ".join(
        f'n{i}: node(id: "{to_base64(type_name, pk)}") {{ ... on {type_name} {{ {FIELDS[type_name]} }} }}'
        for i, pk in enumerate(ids)
    )
    before = api.queries
    body = await api.gql(f"{{ {aliases} }}", token=token)
    assert "errors" not in body, body
    assert all(body["data"][f"n{i}"] for i in range(len(ids))), body
    return api.queries - before


@pytest.mark.parametrize("type_name", sorted(FIELDS))
async def test_many_nodes_cost_what_one_costs(api: Api, type_name: str) -> None:
    token = await staff.staff(api.db, "batch.viewer", "ADMIN", "淄博市")
    ids = [await make(api, type_name, n) for n in range(8)]

    one = await lookup_cost(api, token, type_name, ids[:1])
    eight = await lookup_cost(api, token, type_name, ids)

    assert eight == one
