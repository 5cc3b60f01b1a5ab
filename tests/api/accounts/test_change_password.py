"""Staff change their own password (the console's 修改密码)."""

from __future__ import annotations

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
