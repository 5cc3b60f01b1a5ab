"""The operators' command line, run as operators run it."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys

import asyncpg

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
