"""A throw-away database for API benchmarks: on DATABASE_URL's server, else an embedded one."""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg

from qile_api.db.embedded import start_embedded
from qile_api.db.migrate import migrate


@asynccontextmanager
async def bench_database() -> AsyncIterator[str]:
    """Yield the DSN of a fresh, migrated database; drop it (and any embedded server) after."""
    with tempfile.TemporaryDirectory(prefix="qile-bench-") as tmp:
        server = None
        admin = os.environ.get("DATABASE_URL")
        if not admin:
            admin, server = start_embedded(Path(tmp) / "pg")
        name = f"qile_bench_{uuid.uuid4().hex[:8]}"
        conn = await asyncpg.connect(admin)
        await conn.execute(f'CREATE DATABASE "{name}"')
        try:
            dsn = urlunsplit(urlsplit(admin)._replace(path="/" + name))
            await migrate(dsn)
            yield dsn
        finally:
            await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            await conn.close()
            if server is not None:
                server.cleanup()
