"""Staff change their own password (the console's 修改密码)."""

from __future__ import annotations

import pytest

from tests.api import staff
from tests.api.accounts.test_login import ME, login
from tests.api.conftest import Api

CHANGE = """
mutation($current: String!, $new: String!) {
  accountChangePassword(input: {currentPassword: $current, newPassword: $new}) {
    account { username } errors { code field message }
  }
}
"""


async def change(api: Api, token: str, current: str, new: str) -> dict:  # type: ignore[type-arg]
    body = await api.gql(CHANGE, {"current": current, "new": new}, token=token)
    return body["data"]["accountChangePassword"]  # type: ignore[no-any-return]


async def test_a_changed_password_signs_in_and_ends_the_other_sessions(api: Api) -> None:
    await staff.account(api.db, "wang", "EDITOR", "工盛社区")
    here = (await login(api, "wang"))["token"]
    elsewhere = (await login(api, "wang"))["token"]

    changed = await change(api, here, staff.PASSWORD, "wang's new long password")

    assert changed == {"account": {"username": "wang"}, "errors": []}
    # the session that changed it stays signed in; the one left elsewhere ends
    assert (await api.gql(ME, token=here))["data"]["me"]["username"] == "wang"
    assert (await api.gql(ME, token=elsewhere))["data"]["me"] is None
    assert (await login(api, "wang", staff.PASSWORD))["token"] is None
    assert (await login(api, "wang", "wang's new long password"))["token"] is not None
    assert await api.db.fetchval("SELECT count(*) FROM audit_log WHERE action = 'accountChangePassword'") == 1


async def test_a_wrong_current_password_or_a_weak_new_one_changes_nothing(api: Api) -> None:
    await staff.account(api.db, "wang", "EDITOR", "工盛社区")
    token = (await login(api, "wang"))["token"]

    wrong = await change(api, token, "not my password", "wang's new long password")
    weak = await change(api, token, staff.PASSWORD, "short")

    assert [(e["code"], e["field"]) for e in wrong["errors"]] == [("INVALID_CREDENTIALS", "currentPassword")]
    assert wrong["errors"][0]["message"] == "当前密码不正确"
    assert [(e["code"], e["field"]) for e in weak["errors"]] == [("WEAK_PASSWORD", "newPassword")]
    assert (await login(api, "wang", staff.PASSWORD))["token"] is not None


async def test_signed_out_callers_cannot_change_a_password(api: Api) -> None:
    body = await api.gql(CHANGE, {"current": "x", "new": "a long enough password"})

    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


@pytest.fixture
async def open_session(api: Api, monkeypatch: pytest.MonkeyPatch) -> str:
    """Wang's session, left open on a shared computer; three failures lock."""
    monkeypatch.setattr(api.state.settings, "login_lock_after", 3)
    await staff.account(api.db, "wang", "EDITOR", "工盛社区")
    return (await login(api, "wang"))["token"]  # type: ignore[no-any-return]


async def test_guessing_the_current_password_is_throttled_like_a_sign_in(api: Api, open_session: str) -> None:
    token = open_session

    # when someone guesses the current password through it
    guesses = [await change(api, token, f"guess {n}", "a long enough password") for n in range(4)]
    right_but_locked = await change(api, token, staff.PASSWORD, "a long enough password")

    # then the guesses count as failed sign-ins: refused at the field, and sign-in from there is locked too
    assert [g["errors"][0]["code"] for g in guesses] == ["INVALID_CREDENTIALS"] * 3 + ["THROTTLED"]
    assert right_but_locked["errors"][0]["code"] == "THROTTLED"
    assert right_but_locked["errors"][0]["field"] == "currentPassword"
    assert (await login(api, "wang"))["token"] is None
    assert (await api.gql(ME, token=token))["data"]["me"]["username"] == "wang"


async def test_a_right_current_password_takes_back_the_earlier_failures(api: Api, open_session: str) -> None:
    token = open_session

    await change(api, token, "a typo", "wang's new long password")
    await change(api, token, "another typo", "wang's new long password")
    changed = await change(api, token, staff.PASSWORD, "wang's new long password")

    assert changed["errors"] == []
    assert await api.db.fetchval("SELECT count(*) FROM login_failures WHERE username = 'wang'") == 0
