"""An administrator sees which accounts are locked out after failed sign-ins, and until when."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.api import staff
from tests.api.accounts.test_throttle import ELSEWHERE, OFFICE, UNLOCK, fail, peer
from tests.api.conftest import Api

ACCOUNTS = "{ accounts { id username disabled signInLockedUntil } }"


async def states(api: Api, token: str) -> dict[str, str | None]:
    body = await api.gql(ACCOUNTS, token=token)
    assert "errors" not in body, body
    return {a["username"]: a["signInLockedUntil"] for a in body["data"]["accounts"]}


async def test_a_locked_account_shows_until_when_and_unlocking_clears_it(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(api.state.settings, "login_lock_after", 2)
    admin = await staff.staff(api.db, "admin", "ADMIN", "淄博市")
    await staff.account(api.db, "wang", "EDITOR", "工盛社区")
    await staff.account(api.db, "lili", "EDITOR", "工盛社区")

    # wang is locked at the office at 10:00, and at home ten minutes later
    async with peer(api, OFFICE) as office, peer(api, ELSEWHERE) as home:
        await fail(office, "wang", 2)
        api.clock.now += timedelta(minutes=10)
        await fail(home, "wang", 2)
        await fail(office, "lili", 1)  # one slip is no lock
        locked = await states(api, admin)

    # the later lock is the one that keeps wang out longest: 10:10 + 15 minutes, Zibo time
    assert locked == {"admin": None, "wang": "2026-11-28T10:25:00+08:00", "lili": None}

    wang = next(a for a in (await api.gql(ACCOUNTS, token=admin))["data"]["accounts"] if a["username"] == "wang")
    await api.gql(UNLOCK, {"input": {"id": wang["id"]}}, token=admin)

    assert (await states(api, admin))["wang"] is None


async def test_a_lock_that_has_run_out_is_not_shown(api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(api.state.settings, "login_lock_after", 2)
    admin = await staff.staff(api.db, "admin", "ADMIN", "淄博市")
    await staff.account(api.db, "wang", "EDITOR", "工盛社区")
    async with peer(api, OFFICE) as office:
        await fail(office, "wang", 2)

    api.clock.now += timedelta(minutes=16)

    assert (await states(api, admin))["wang"] is None
