"""A PostgreSQL server of the test's own, which it may stop, crash and start again.

The machine's shared server (and every other test's databases on it) is
never touched: this one runs from the embedded server's binaries (the
`pgserver` wheel, as `make run` uses without DATABASE_URL) in a temporary
folder, on a Unix socket of its own.
"""

from __future__ import annotations

import contextlib
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import asyncpg

from qile_api.db.embedded import start_embedded


class PrivatePostgres:
    def __init__(self, root: Path) -> None:
        self.dsn, self._server = start_embedded(root / "pg")
        self.pgdata: Path = self._server.pgdata
        self.socket_dir = dict(parse_qsl(urlsplit(self.dsn).query))["host"]
        self.running = True

    def _pg_ctl(self, *args: str) -> None:
        from pgserver._commands import pg_ctl  # type: ignore[import-not-found]

        # As the embedded server runs (a system user of its own when we are root).
        pg_ctl(list(args), pgdata=self.pgdata, user=self._server.system_user, timeout=60)

    def stop(self, mode: str = "fast") -> float:
        """`fast`: a clean shutdown (sessions end, transactions roll back);
        `immediate`: a crash (no checkpoint; the next start replays the WAL).
        Returns the seconds it took."""
        started = time.monotonic()
        self._pg_ctl("-w", "-m", mode, "stop")
        self.running = False
        return time.monotonic() - started

    def start(self) -> float:
        """Start again on the same data; returns the seconds until it accepts connections."""
        started = time.monotonic()
        log = str(self.pgdata / "log")
        self._pg_ctl("-w", "-o", '-h ""', "-o", f"-k {self.socket_dir}", "-l", log, "start")
        self.running = True
        return time.monotonic() - started

    async def create_database(self, name: str) -> str:
        conn = await asyncpg.connect(self.dsn)
        try:
            await conn.execute(f'CREATE DATABASE "{name}"')
        finally:
            await conn.close()
        parts = urlsplit(self.dsn)
        return parts._replace(path="/" + name).geturl()

    def close(self) -> None:
        if self.running:
            with contextlib.suppress(subprocess.CalledProcessError):
                self.stop("fast")
        # Stopped here: pgserver's own clean-up would stop the first postmaster,
        # long gone after a restart, and log a failure.
        self._server.cleanup_mode = None
        self._server.cleanup()


@contextlib.contextmanager
def private_postgres() -> Iterator[PrivatePostgres]:
    with tempfile.TemporaryDirectory(prefix="qile-faults-pg-") as tmp:
        server = PrivatePostgres(Path(tmp))
        try:
            yield server
        finally:
            server.close()
