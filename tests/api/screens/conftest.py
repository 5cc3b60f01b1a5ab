"""Screens tests: staff signed in through `login`, helpers the tests share."""

from __future__ import annotations

import uuid
from typing import Any

from strawberry import relay

from qile_api.accounts.service import create_account
from qile_api.screens.heartbeats import DeviceRuntime
from tests.api import factories as f
from tests.api.conftest import Api

PASSWORD = "配对测试-correct-horse"

LOGIN = """
mutation($u: String!, $p: String!) { login(input: {username: $u, password: $p}) { token errors { code } } }
"""


def runtime(api: Api) -> DeviceRuntime:
    return api.state.held(DeviceRuntime)


async def sign_in(api: Api, role: str = "ADMIN", scope: str = "淄博市") -> str:
    """A fresh account with `role` over `scope`, signed in; returns its bearer token."""
    username = f"dev-{uuid.uuid4().hex[:10]}"
    async with api.db.transaction() as tx:
        await create_account(
            tx,
            actor_id=None,
            username=username,
            password=PASSWORD,
            role=role,
            scope_region_id=await f.region_id(api.db, scope),
        )
    body = await api.gql(LOGIN, {"u": username, "p": PASSWORD})
    token = body["data"]["login"]["token"]
    assert token, body
    return str(token)


async def community_gid(api: Api, name: str) -> str:
    return str(relay.GlobalID("Community", str(await f.region_id(api.db, name))))


def screen_gid(screen_id: int) -> str:
    return str(relay.GlobalID("Screen", str(screen_id)))


def data(body: dict[str, Any], field: str) -> Any:
    assert not body.get("errors"), body["errors"]
    return body["data"][field]
