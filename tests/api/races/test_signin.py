"""A sign-in under way while an administrator resets that password or disables the account.

Resetting a password ends the account's sessions: that is how an ADMIN shuts
out someone who learnt it. A sign-in checks the password (Argon2, tens of
milliseconds) before it writes its session; a reset committed in between
must not leave that new session working with the old password.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any, TypeVar

import pytest
from strawberry.relay import to_base64

from qile_api.accounts import service
from tests.api import staff
from tests.api.conftest import Api

T = TypeVar("T")

LOGIN = """
mutation($u: String!, $p: String!) { login(input: {username: $u, password: $p}) { token errors { code } } }
"""
RESET = """
mutation($input: AccountResetPasswordInput!) { accountResetPassword(input: $input) { errors { code } } }
"""
DISABLE = "mutation($input: AccountRefInput!) { accountDisable(input: $input) { errors { code } } }"
ME = "{ me { username } }"


@pytest.mark.parametrize("action", ["reset", "disable"])
async def test_a_sign_in_checked_before_a_reset_gets_no_working_session(
    api: Api, monkeypatch: pytest.MonkeyPatch, action: str
) -> None:
    # given wang signing in with the password an attacker learnt
    wang = await staff.account(api.db, "wang", "EDITOR", "工盛社区")
    admin = await staff.staff(api.db, "admin", "ADMIN", "淄博市")
    checked, resumed = asyncio.Event(), asyncio.Event()
    to_thread = service.to_thread

    async def check_then_wait(work: Callable[..., T], *args: Any) -> T:
        result = await to_thread(work, *args)
        checked.set()
        await resumed.wait()
        return result

    monkeypatch.setattr(service, "to_thread", check_then_wait)
    signing_in = asyncio.create_task(api.gql(LOGIN, {"u": "wang", "p": staff.PASSWORD}))
    await asyncio.wait_for(checked.wait(), 10)

    # when, after the password was checked and before the session is written,
    # an ADMIN resets the password (or disables the account)
    ref = {"id": to_base64("Account", wang), "version": 1}
    if action == "reset":
        changed = await api.gql(RESET, {"input": {**ref, "password": "a new one, 2026!"}}, token=admin)
    else:
        changed = await api.gql(DISABLE, {"input": ref}, token=admin)
    (payload,) = changed["data"].values()
    assert payload["errors"] == []
    resumed.set()
    signed_in = (await signing_in)["data"]["login"]

    # then the sign-in fails, and no session of wang's works
    assert signed_in["token"] is None and signed_in["errors"] == [{"code": "INVALID_CREDENTIALS"}]
    live = await api.db.fetchval("SELECT count(*) FROM sessions WHERE account_id = $1 AND revoked_at IS NULL", wang)
    assert live == 0
