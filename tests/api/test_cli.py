"""The operators' command line, run as operators run it."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import asyncpg
import pytest

from qile_api.settings import Settings
from tests.pg import Databases


def qile_api(dsn: str, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "qile_api.cli", *args],
        env=dict(os.environ, DATABASE_URL=dsn),
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


async def test_migrate_seed_and_add_a_screen(databases: Databases) -> None:
    dsn = await databases.create()
    assert qile_api(dsn, "migrate").returncode == 0
    seeded = qile_api(dsn, "seed")
    assert seeded.returncode == 0
    assert "48 regions created" in seeded.stdout

    added = qile_api(dsn, "screen", "add", "--community", "工盛社区", "--kind", "BULLETIN", "--name", "大厅东屏")

    assert added.returncode == 0, added.stderr
    token = added.stdout.strip().splitlines()[-1]
    assert token.startswith("qs_") and len(token) > 40
    conn = await asyncpg.connect(dsn)
    try:
        row = await conn.fetchrow("SELECT name, token_hash FROM screens")
        dumped = await conn.fetchval("SELECT string_agg(s::text, '') FROM screens s")
    finally:
        await conn.close()
    assert row["name"] == "大厅东屏"
    assert row["token_hash"] == hashlib.sha256(token.encode()).digest()
    assert token not in dumped  # stored only hashed


async def test_screen_add_explains_mistakes(databases: Databases) -> None:
    dsn = await databases.create()
    qile_api(dsn, "seed")

    unknown = qile_api(dsn, "screen", "add", "--community", "不存在社区", "--kind", "GALLERY", "--name", "屏")
    qile_api(dsn, "screen", "add", "--community", "工盛社区", "--kind", "GALLERY", "--name", "屏")
    twice = qile_api(dsn, "screen", "add", "--community", "工盛社区", "--kind", "GALLERY", "--name", "屏")

    assert unknown.returncode == 2 and "no community 不存在社区" in unknown.stderr
    assert twice.returncode == 2 and "already has a screen named 屏" in twice.stderr
    assert "Traceback" not in unknown.stderr + twice.stderr


def mutation_names() -> set[str]:
    from qile_api.root.schema import build_schema

    mutation = build_schema()._schema.mutation_type
    assert mutation is not None
    return set(mutation.fields)


async def test_what_the_command_line_does_is_audited_as_the_mutation_that_does_it(databases: Databases) -> None:
    # Given a seeded database
    dsn = await databases.create()
    qile_api(dsn, "seed")

    # When an operator works from the shell
    steps = [
        ("user", "create", "--username", "ops.admin", "--role", "ADMIN", "--scope", "张店区"),
        ("screen", "add", "--community", "工盛社区", "--kind", "BULLETIN", "--name", "大厅东屏"),
        ("user", "disable", "--username", "ops.admin"),
        ("user", "reset-password", "--username", "ops.admin"),
        ("user", "unlock", "--username", "ops.admin"),
    ]
    for step in steps:
        done = qile_api(dsn, *step, stdin="ops-admin-password-1\n")
        assert done.returncode == 0, done.stderr

    # Then each step left the audit entry the matching GraphQL mutation leaves, by no account
    conn = await asyncpg.connect(dsn)
    try:
        entries = await conn.fetch("SELECT action, object_type, account_id FROM audit_log ORDER BY id")
    finally:
        await conn.close()
    actions = [e["action"] for e in entries]
    assert actions == ["accountCreate", "screenRegister", "accountDisable", "accountResetPassword", "accountUnlock"]
    assert set(actions) <= mutation_names()
    assert [e["object_type"] for e in entries] == ["Account", "Screen", "Account", "Account", "Account"]
    assert all(e["account_id"] is None for e in entries)


async def test_the_command_line_disables_an_account_as_account_disable_does(databases: Databases) -> None:
    # Given an editor signed in on some computer
    dsn = await databases.create()
    qile_api(dsn, "seed")
    created = qile_api(
        dsn, "user", "create", "--username", "ops.editor", "--role", "EDITOR", "--scope", "工盛社区",
        stdin="ops-editor-password-1\n",
    )
    assert created.returncode == 0, created.stderr
    conn = await asyncpg.connect(dsn)
    try:
        await conn.execute(
            """INSERT INTO sessions (account_id, token_hash, expires_at)
            SELECT id, '\\x00'::bytea, now() + interval '1 day' FROM accounts WHERE username = 'ops.editor'"""
        )

        # When an operator disables the account from the shell
        done = qile_api(dsn, "user", "disable", "--username", "ops.editor")

        # Then it is changed as the mutation changes it: a new version, its sessions ended,
        # and the audit entry of accountDisable with the account before and after
        assert done.returncode == 0, done.stderr
        account = await conn.fetchrow("SELECT disabled, version FROM accounts WHERE username = 'ops.editor'")
        live = await conn.fetchval("SELECT count(*) FROM sessions WHERE revoked_at IS NULL")
        entry = await conn.fetchrow(
            "SELECT before, after, account_id FROM audit_log WHERE action = 'accountDisable'"
        )
    finally:
        await conn.close()
    assert (account["disabled"], account["version"]) == (True, 2)
    assert live == 0
    before, after = json.loads(entry["before"]), json.loads(entry["after"])
    assert (before["disabled"], before["version"]) == (False, 1)
    assert (after["disabled"], after["version"], after["username"]) == (True, 2, "ops.editor")
    assert "password_hash" not in after and entry["account_id"] is None


def test_without_a_database_the_command_line_refuses_to_start_an_empty_one(tmp_path: Path) -> None:
    # Given no DATABASE_URL and a data folder with no database in it, run from another folder
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["QILE_DATA_DIR"] = str(tmp_path / "data")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()

    # When an operator registers a screen
    added = subprocess.run(
        [sys.executable, "-m", "qile_api.cli", "screen", "add", "--community", "工盛社区", "--kind", "BULLETIN",
         "--name", "大厅东屏"],
        env=env, cwd=elsewhere, capture_output=True, text=True, timeout=60, check=False,
    )

    # Then it says where it looked and what to do, and creates nothing anywhere
    assert added.returncode == 2
    assert f"no embedded PostgreSQL in {tmp_path / 'data' / 'pg'}" in added.stderr
    assert "make run" in added.stderr and "Traceback" not in added.stderr
    assert list(tmp_path.rglob("*")) == [elsewhere]


def test_the_data_folder_is_the_checkouts_from_any_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # `make run` runs in the checkout and keeps its database in .data/pg there
    checkout = Path(__file__).resolve().parents[2]
    monkeypatch.delenv("QILE_DATA_DIR", raising=False)
    monkeypatch.chdir(tmp_path)

    assert Settings(_env_file=None).embedded_pgdata == checkout / ".data" / "pg"  # type: ignore[call-arg]
    assert Settings(data_dir=Path("other"), _env_file=None).data_dir == checkout / "other"  # type: ignore[call-arg]
