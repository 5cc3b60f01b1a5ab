"""The first administrator: from QILE_BOOTSTRAP_ADMIN, or from `qile-api user create`."""

from __future__ import annotations

import asyncio

import httpx

from qile_api.db.migrate import migrate
from qile_api.root.app import create_app
from qile_api.settings import Settings
from tests.api.test_cli import qile_api
from tests.pg import Databases

LOGIN_AS = """
mutation($u: String!, $p: String!) { login(input: {username: $u, password: $p}) { token errors { code } } }
"""
LOGIN = 'mutation { login(input: {username: "root", password: "first admin password"}) { token errors { code } } }'


async def start_and_login(dsn: str, bootstrap: str) -> dict:  # type: ignore[type-arg]
    app = create_app(Settings(bootstrap_admin=bootstrap, _env_file=None), dsn=dsn)  # type: ignore[call-arg]
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            response = await client.post("/graphql", json={"query": LOGIN})
            return response.json()["data"]["login"]  # type: ignore[no-any-return]


async def test_bootstrap_creates_the_city_admin_once(databases: Databases) -> None:
    dsn = await databases.create()
    await migrate(dsn)
    assert qile_api(dsn, "seed").returncode == 0

    first = await start_and_login(dsn, "root:first admin password")
    # a second start with another password must not replace the account
    second = await start_and_login(dsn, "root:another password entirely")

    assert first["token"] is not None
    assert second["token"] is not None


async def test_user_commands(databases: Databases) -> None:
    dsn = await databases.create()
    qile_api(dsn, "seed")

    created = qile_api(
        dsn,
        "user",
        "create",
        "--username",
        "zhang",
        "--role",
        "REVIEWER",
        "--scope",
        "张店区",
        stdin="zhang's long password\n",
    )
    weak = qile_api(
        dsn, "user", "create", "--username", "weak", "--role", "EDITOR", "--scope", "张店区", stdin="short\n"
    )
    listed = qile_api(dsn, "user", "list")
    disabled = qile_api(dsn, "user", "disable", "--username", "zhang")
    listed_after = qile_api(dsn, "user", "list")

    assert created.returncode == 0, created.stderr
    assert weak.returncode == 2 and "密码至少需要10个字符" in weak.stderr
    assert "zhang\tREVIEWER" in listed.stdout and "\tactive" in listed.stdout
    assert disabled.returncode == 0
    assert "\tdisabled" in listed_after.stdout


async def test_user_unlock_lifts_a_lock_and_is_audited(databases: Databases) -> None:
    dsn = await databases.create()
    qile_api(dsn, "seed")
    password = "zhang's long password"
    create = ("user", "create", "--username", "zhang", "--role", "EDITOR", "--scope", "张店区")
    assert qile_api(dsn, *create, stdin=password + "\n").returncode == 0
    settings = Settings(login_delay_ms=1, login_lock_after=2, _env_file=None)  # type: ignore[call-arg]
    app = create_app(settings, dsn=dsn)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:

            async def attempt(guess: str) -> dict:  # type: ignore[type-arg]
                variables = {"u": "zhang", "p": guess}
                response = await client.post("/graphql", json={"query": LOGIN_AS, "variables": variables})
                return response.json()["data"]["login"]  # type: ignore[no-any-return]

            for _ in range(2):
                await attempt("a wrong guess")
            locked = await attempt(password)
            unlocked = await asyncio.to_thread(qile_api, dsn, "user", "unlock", "--username", "zhang")
            after = await attempt(password)
        audit = await app.state.qile.db.fetchrow(
            "SELECT account_id, object_id FROM audit_log WHERE action = 'accountUnlock'"
        )
    unknown = qile_api(dsn, "user", "unlock", "--username", "nobody")

    assert locked["errors"][0]["code"] == "THROTTLED"
    assert unlocked.returncode == 0, unlocked.stderr
    assert after["token"] is not None
    assert audit is not None and audit["account_id"] is None and audit["object_id"] is not None
    assert unknown.returncode == 2 and "no account nobody" in unknown.stderr
