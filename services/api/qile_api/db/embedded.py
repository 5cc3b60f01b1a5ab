"""An embedded PostgreSQL for development, used when DATABASE_URL is unset.

The `pgserver` package ships PostgreSQL binaries as a wheel, so a fresh
machine needs nothing but pip. Its data stays under the data folder, so the
content survives restarts; the server stops when the last process using it
exits.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


class EmbeddedUnavailable(RuntimeError):
    pass


class NoEmbeddedDatabase(RuntimeError):
    """DATABASE_URL is unset and the data folder holds no database, which the caller may not create."""

    def __init__(self, pgdata: Path) -> None:
        super().__init__(f"no database: DATABASE_URL is unset and there is no embedded PostgreSQL in {pgdata}")
        self.pgdata = pgdata


def has_cluster(pgdata: Path) -> bool:
    return (pgdata / "PG_VERSION").is_file()


def describe(database_url: str | None, pgdata: Path) -> str:
    """Which database `resolve_dsn` will use, in words for the operator."""
    if database_url:
        return "DATABASE_URL"
    return f"embedded PostgreSQL in {pgdata}" if has_cluster(pgdata) else f"a new embedded PostgreSQL in {pgdata}"


def start_embedded(pgdata: Path) -> tuple[str, Any]:
    """Start (or join) the embedded server; return its DSN and the handle.

    Keep the handle alive for as long as the database is needed: the server
    is stopped when every handle is gone.
    """
    pgdata = pgdata.resolve()
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    # platformdirs warns on import when this is missing or not private (containers, CI).
    if not os.environ.get("XDG_RUNTIME_DIR"):
        runtime = pgdata.parent / "run"
        runtime.mkdir(mode=0o700, exist_ok=True)
        os.environ["XDG_RUNTIME_DIR"] = str(runtime)
    try:
        import pgserver
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise EmbeddedUnavailable(
            "DATABASE_URL is unset and the embedded PostgreSQL is not installed: "
            "pip install 'qile-api[embedded]' or set DATABASE_URL"
        ) from exc
    server = pgserver.get_server(pgdata, cleanup_mode="stop")  # type: ignore[attr-defined]
    uri = server.get_uri()
    log.info("embedded PostgreSQL at %s", pgdata)
    return uri, server


def resolve_dsn(database_url: str | None, pgdata: Path, *, create: bool = True) -> tuple[str, Any]:
    """The DSN to use, starting the embedded server only when none is given.

    `create=False`: an empty data folder is refused (NoEmbeddedDatabase)
    instead of starting a new, empty server there.
    """
    if database_url:
        return database_url, None
    if not create and not has_cluster(pgdata):
        raise NoEmbeddedDatabase(pgdata)
    return start_embedded(pgdata)
