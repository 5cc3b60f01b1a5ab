"""Signing in and out, `me`, and account management by admins."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from tests.api import staff
from tests.api.conftest import Api
from tests.api.permissions.builders import region

LOGIN = """
mutation($u: String!, $p: String!) {
  login(input: {username: $u, password: $p}) {
    token expiresAt account { username role scope { name level } }
    errors { code field message }
  }
}
"""
ME = "{ me { username role scope { name } } }"
LOGOUT = "mutation { logout { ok } }"
ACCOUNT = "account { id username role version disabled scope { name } } errors { code field message }"
CREATE = f"mutation($input: AccountCreateInput!) {{ accountCreate(input: $input) {{ {ACCOUNT} }} }}"
DISABLE = f"mutation($input: AccountRefInput!) {{ accountDisable(input: $input) {{ {ACCOUNT} }} }}"
RESET = f"mutation($input: AccountResetPasswordInput!) {{ accountResetPassword(input: $input) {{ {ACCOUNT} }} }}"


async def login(api: Api, username: str, password: str = staff.PASSWORD) -> dict[str, Any]:
    body = await api.gql(LOGIN, {"u": username, "p": password})
    return body["data"]["login"]  # type: ignore[no-any-return]


async def test_login_returns_a_token_that_me_recognises(api: Api) -> None:
    await staff.account(api.db, "wang", "EDITOR", "工盛社区")

    session = await login(api, "wang")
    me = await api.gql(ME, token=session["token"])

    assert session["errors"] == []
    assert session["token"].startswith("qu_")
    assert me["data"]["me"] == {"username": "wang", "role": "EDITOR", "scope": {"name": "工盛社区"}}
    # the token itself is not what the database keeps
    assert await api.db.fetchval("SELECT count(*) FROM sessions WHERE token_hash = $1", session["token"].encode()) == 0


async def test_logout_and_expiry_end_the_session(api: Api) -> None:
    await staff.account(api.db, "wang", "EDITOR", "工盛社区")
    first = (await login(api, "wang"))["token"]
    second = (await login(api, "wang"))["token"]

    await api.gql(LOGOUT, token=first)

    assert (await api.gql(ME, token=first))["data"]["me"] is None
    assert (await api.gql(ME, token=second))["data"]["me"]["username"] == "wang"
    api.clock.now += timedelta(hours=13)  # sessions last 12 hours
    assert (await api.gql(ME, token=second))["data"]["me"] is None


async def test_admin_creates_and_disables_accounts_in_scope(api: Api) -> None:
    admin = await staff.staff(api.db, "admin", "ADMIN", "车站街道")

    created = await api.gql(
        CREATE,
        {
            "input": {
                "username": "lili",
                "password": "li's long password",
                "role": "EDITOR",
                "scope": await region(api.db, "工盛社区"),
            }
        },
        token=admin,
    )
    account = created["data"]["accountCreate"]["account"]
    li = await login(api, "lili", "li's long password")
    assert li["account"]["scope"] == {"name": "工盛社区", "level": "COMMUNITY"}

    disabled = await api.gql(DISABLE, {"input": {"id": account["id"], "version": account["version"]}}, token=admin)

    assert disabled["data"]["accountDisable"]["account"]["disabled"] is True
    assert (await api.gql(ME, token=li["token"]))["data"]["me"] is None
    assert (await login(api, "lili", "li's long password"))["errors"][0]["code"] == "INVALID_CREDENTIALS"


async def test_account_input_is_validated(api: Api) -> None:
    admin = await staff.staff(api.db, "admin", "ADMIN", "车站街道")
    scope = await region(api.db, "工盛社区")

    weak = await api.gql(
        CREATE, {"input": {"username": "lili", "password": "short", "role": "EDITOR", "scope": scope}}, token=admin
    )
    bad_name = await api.gql(
        CREATE,
        {"input": {"username": "李", "password": "long enough pw", "role": "EDITOR", "scope": scope}},
        token=admin,
    )
    await api.gql(
        CREATE,
        {"input": {"username": "lili", "password": "long enough pw", "role": "EDITOR", "scope": scope}},
        token=admin,
    )
    twice = await api.gql(
        CREATE,
        {"input": {"username": "lili", "password": "long enough pw", "role": "EDITOR", "scope": scope}},
        token=admin,
    )

    codes = [[(e["code"], e["field"]) for e in b["data"]["accountCreate"]["errors"]] for b in (weak, bad_name, twice)]
    assert codes == [[("WEAK_PASSWORD", "password")], [("INVALID", "username")], [("DUPLICATE", "username")]]


async def test_reset_password_ends_sessions(api: Api) -> None:
    admin = await staff.staff(api.db, "admin", "ADMIN", "淄博市")
    await staff.account(api.db, "wang", "EDITOR", "工盛社区")
    old_session = (await login(api, "wang"))["token"]
    account_id = (await api.gql("{ accounts { id username } }", token=admin))["data"]["accounts"]
    wang = next(a for a in account_id if a["username"] == "wang")

    reset = await api.gql(
        RESET, {"input": {"id": wang["id"], "version": 1, "password": "a brand new password"}}, token=admin
    )

    assert reset["data"]["accountResetPassword"]["errors"] == []
    assert (await api.gql(ME, token=old_session))["data"]["me"] is None
    assert (await login(api, "wang", "a brand new password"))["token"] is not None
