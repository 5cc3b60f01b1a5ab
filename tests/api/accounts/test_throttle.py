"""Sign-in throttling: per (username, address), a looser limit per address, raced for real, lifted by an ADMIN."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Any

import httpx
import pytest

from qile_api.accounts import service
from qile_api.accounts import sql as accounts_sql
from tests.api import staff
from tests.api.conftest import Api
from tests.api.races.together import Rendezvous

LOGIN = """
mutation($u: String!, $p: String!) {
  login(input: {username: $u, password: $p}) { token errors { code field message } }
}
"""
ACCOUNTS = "{ accounts { id username } }"
UNLOCK = """
mutation($input: AccountUnlockInput!) {
  accountUnlock(input: $input) { account { username } errors { code field message } }
}
"""
OFFICE = "198.51.100.7"  # many staff behind one address
ELSEWHERE = "203.0.113.20"


@asynccontextmanager
async def peer(api: Api, address: str) -> AsyncIterator[httpx.AsyncClient]:
    """A client whose connection comes from `address`."""
    transport = httpx.ASGITransport(app=api.app, client=(address, 40000))
    async with httpx.AsyncClient(transport=transport, base_url="http://qile.test") as client:
        yield client


async def login(client: httpx.AsyncClient, username: str, password: str = staff.PASSWORD) -> dict[str, Any]:
    response = await client.post("/graphql", json={"query": LOGIN, "variables": {"u": username, "p": password}})
    return response.json()["data"]["login"]  # type: ignore[no-any-return]


def code(result: dict[str, Any]) -> str | None:
    return result["errors"][0]["code"] if result["errors"] else None


async def fail(client: httpx.AsyncClient, username: str, times: int) -> None:
    for _ in range(times):
        assert code(await login(client, username, "a wrong guess")) == "INVALID_CREDENTIALS"


async def test_repeated_failures_slow_then_lock(api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    await staff.account(api.db, "wang", "EDITOR", "工盛社区")
    waits: list[float] = []

    async def record_sleep(seconds: float) -> None:
        waits.append(seconds)

    # only the login service's waits: background tasks keep their own asyncio.sleep
    monkeypatch.setattr(service, "sleep", record_sleep)

    async with peer(api, OFFICE) as office:
        codes = [code(await login(office, "wang", "guess")) for _ in range(5)]
        locked = await login(office, "wang")  # the right password, too late

        assert codes == ["INVALID_CREDENTIALS"] * 5
        assert locked["token"] is None and code(locked) == "THROTTLED"
        # each failure doubles the wait before the next attempt is even checked
        assert waits == [0.001, 0.002, 0.004, 0.008]

        # a while later the lock has passed
        api.clock.now += timedelta(minutes=16)
        assert (await login(office, "wang"))["token"] is not None


def at_once(monkeypatch: pytest.MonkeyPatch, attempts: int) -> tuple[Rendezvous, list[str]]:
    """Attempts that all reach the counting statement before any runs it, and the passwords then checked.

    A count read first and written later would let every one of them through.
    """
    checked: list[str] = []
    verify = service.verify_password

    def counting_verify(password_hash: str | None, password: str) -> bool:
        checked.append(password)
        return verify(password_hash, password)

    monkeypatch.setattr(service, "verify_password", counting_verify)
    meeting = Rendezvous(attempts)
    meeting.hold(monkeypatch, accounts_sql, "reserve_login_attempt")
    return meeting, checked


async def test_concurrent_attempts_cannot_pass_the_limit(api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    """30 wrong passwords at once: only as many as the limit are even checked, then the right one is refused."""
    await staff.account(api.db, "admin", "ADMIN", "淄博市")
    meeting, checked = at_once(monkeypatch, 30)

    async with peer(api, OFFICE) as office:
        results = await meeting.run(*(login(office, "admin", f"guess {i}") for i in range(30)))
        afterwards = await login(office, "admin")

    codes = [code(r) for r in results]
    assert len(checked) == 5  # QILE_LOGIN_LOCK_AFTER
    assert codes.count("INVALID_CREDENTIALS") == 5 and codes.count("THROTTLED") == 25
    # the right password, once the limit is reached, is refused unchecked
    assert staff.PASSWORD not in checked
    assert afterwards["token"] is None and code(afterwards) == "THROTTLED"


async def test_concurrent_attempts_cannot_pass_the_address_limit(api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    """Twelve usernames at once from one address allowed three: three are checked, no more."""
    monkeypatch.setattr(api.state.settings, "login_address_limit", 3)
    meeting, checked = at_once(monkeypatch, 12)

    async with peer(api, OFFICE) as office:
        results = await meeting.run(*(login(office, f"name{i}", "a guess") for i in range(12)))

    codes = [code(r) for r in results]
    assert len(checked) == 3
    assert codes.count("INVALID_CREDENTIALS") == 3 and codes.count("THROTTLED") == 9


async def test_made_up_usernames_from_one_address_do_not_lock_out_the_city_admin(api: Api) -> None:
    await staff.account(api.db, "admin", "ADMIN", "淄博市")

    async with peer(api, OFFICE) as office:
        # someone on the hall's Wi-Fi tries names until each is locked, and the admin's own a few times
        await fail(office, "root", 5)
        assert code(await login(office, "root")) == "THROTTLED"
        await fail(office, "zibo", 1)
        await fail(office, "admin", 1)
        signed_in = await login(office, "admin")

    assert signed_in["errors"] == [] and signed_in["token"] is not None


async def test_a_locked_pair_does_not_lock_the_account_elsewhere(api: Api) -> None:
    await staff.account(api.db, "wang", "EDITOR", "工盛社区")

    async with peer(api, OFFICE) as office, peer(api, ELSEWHERE) as elsewhere:
        await fail(office, "wang", 5)
        at_office = await login(office, "wang")
        at_home = await login(elsewhere, "wang")

    assert code(at_office) == "THROTTLED"
    assert at_home["token"] is not None


async def test_an_address_over_its_limit_is_refused_without_locking_any_account(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(api.state.settings, "login_address_limit", 3)
    await staff.account(api.db, "wang", "EDITOR", "工盛社区")

    async with peer(api, OFFICE) as office, peer(api, ELSEWHERE) as elsewhere:
        for i in range(3):
            await fail(office, f"guess{i}", 1)
        at_office = await login(office, "wang")
        at_home = await login(elsewhere, "wang")
        api.clock.now += timedelta(minutes=16)  # the address's window has passed
        later_at_office = await login(office, "wang")

    assert code(at_office) == "THROTTLED" and "地址" in at_office["errors"][0]["message"]
    assert at_home["token"] is not None
    assert later_at_office["token"] is not None


async def test_a_success_resets_only_its_own_pair(api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(api.state.settings, "login_lock_after", 3)  # fewer slow Argon2 checks
    await staff.account(api.db, "wang", "EDITOR", "工盛社区")
    await staff.account(api.db, "lili", "EDITOR", "工盛社区")

    async with peer(api, OFFICE) as office:
        await fail(office, "wang", 2)
        await fail(office, "lili", 2)
        assert (await login(office, "lili"))["token"] is not None
        # lili starts again from nothing: two more mistakes still leave her the third try
        await fail(office, "lili", 2)
        lili = await login(office, "lili")
        # wang's two failures still count: one more locks him at this address
        await fail(office, "wang", 1)
        wang = await login(office, "wang")

    assert lili["token"] is not None
    assert code(wang) == "THROTTLED"


async def test_refusals_do_not_say_whether_the_user_exists(api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(api.state.settings, "login_lock_after", 2)
    await staff.account(api.db, "wang", "EDITOR", "工盛社区")

    async with peer(api, OFFICE) as office:
        wrong_password = await login(office, "wang", "not the password")
        no_such_user = await login(office, "nobody", "not the password")
        await fail(office, "wang", 1)
        await fail(office, "nobody", 1)
        locked_known = await login(office, "wang")
        locked_unknown = await login(office, "nobody")

    assert wrong_password["errors"] == no_such_user["errors"]
    assert code(wrong_password) == "INVALID_CREDENTIALS"
    assert locked_known["errors"] == locked_unknown["errors"]
    message = locked_known["errors"][0]["message"]
    assert code(locked_known) == "THROTTLED" and "15分钟后再试" in message and "管理员" in message


async def test_an_admin_lifts_a_lock_and_it_is_audited(api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(api.state.settings, "login_lock_after", 2)
    admin = await staff.staff(api.db, "admin", "ADMIN", "淄博市")
    await staff.account(api.db, "wang", "EDITOR", "工盛社区")
    wang = next(a for a in (await api.gql(ACCOUNTS, token=admin))["data"]["accounts"] if a["username"] == "wang")

    async with peer(api, OFFICE) as office, peer(api, ELSEWHERE) as elsewhere:
        await fail(office, "wang", 2)
        await fail(elsewhere, "wang", 1)
        assert code(await login(office, "wang")) == "THROTTLED"

        unlocked = await api.gql(UNLOCK, {"input": {"id": wang["id"]}}, token=admin)
        at_office = await login(office, "wang")

    assert unlocked["data"]["accountUnlock"] == {"account": {"username": "wang"}, "errors": []}
    assert at_office["token"] is not None
    entry = await api.db.fetchrow("SELECT account_id, before FROM audit_log WHERE action = 'accountUnlock'")
    assert entry is not None and entry["account_id"] is not None
    assert [f["address"] for f in json.loads(entry["before"])["loginFailures"]] == [OFFICE, ELSEWHERE]
