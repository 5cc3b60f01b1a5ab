"""Which database failures are outages, decided in one place.

The database layer (`db/database.py`) turns asyncpg's and the socket's errors
into two exceptions the rest of the service understands:

- `DatabaseUnavailable`: PostgreSQL cannot be reached or does not answer in
  time (refused or reset connections, a server stopping or starting, a
  connection that died, no pooled connection within the acquire timeout, no
  answer within the command timeout: a frozen server). Not a defect of the
  request: clients get `SERVICE_UNAVAILABLE` and HTTP 503 with Retry-After,
  the log gets one warning line, not a traceback.
- `DatabaseTimeout`: PostgreSQL is up and cancelled a statement that ran past
  the statement timeout. The database answers, so this is no outage: this
  request asked too much while the database was busy, and another may well
  succeed. Clients get the code `TIMEOUT`, the log one warning line.

Anything else is a fault and stays one (masked for clients, logged in full).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

import asyncpg

log = logging.getLogger("qile_api.outage")

SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE"
TIMEOUT = "TIMEOUT"


class DatabaseError(Exception):
    """A database failure that is not a defect; `extensions` reach GraphQL clients as they are."""

    code = SERVICE_UNAVAILABLE
    message = "服务暂时不可用（数据库无法连接），请稍后重试"

    def __init__(self, detail: str) -> None:
        super().__init__(self.message)
        # What happened, for the log line; never shown to clients.
        self.detail = detail
        self.extensions: dict[str, Any] = {"code": self.code}


class DatabaseUnavailable(DatabaseError):
    pass


class DatabaseTimeout(DatabaseError):
    code = TIMEOUT
    message = "查询超时，请稍后重试"


# Server-side states in which PostgreSQL answers no query: shutting down
# (57P01, 57P02), starting up or recovering (57P03), full (53300), and the
# whole connection-exception class 08 (includes a connection that died).
_UNAVAILABLE: tuple[type[BaseException], ...] = (
    asyncpg.PostgresConnectionError,
    asyncpg.AdminShutdownError,
    asyncpg.CrashShutdownError,
    asyncpg.CannotConnectNowError,
    asyncpg.TooManyConnectionsError,
    # Refused, reset, unreachable, and timeouts: acquiring, connecting, or a
    # statement the server never answered (TimeoutError is an OSError).
    OSError,
)


def _closed_connection(exc: BaseException) -> bool:
    # asyncpg reports using a connection that the server dropped as a usage
    # error; only that message says the database went away.
    return isinstance(exc, asyncpg.InterfaceError) and "connection is closed" in str(exc)


def classify(exc: BaseException) -> DatabaseError | None:
    """The outage or timeout `exc` (raised by asyncpg or its socket) stands for; None for a fault."""
    if isinstance(exc, DatabaseError):
        return exc
    detail = f"{type(exc).__name__}: {exc or 'no answer within the time limit'}"
    if isinstance(exc, asyncpg.QueryCanceledError):
        return DatabaseTimeout(detail)
    if isinstance(exc, _UNAVAILABLE) or _closed_connection(exc):
        return DatabaseUnavailable(detail)
    return None


def is_unavailable(exc: BaseException) -> bool:
    return isinstance(classify(exc), DatabaseUnavailable)


def database_error_in(exc: BaseException) -> DatabaseError | None:
    """The `DatabaseError` that `exc` is, wraps (a GraphQL error's original) or was raised from."""
    seen: set[int] = set()
    todo: list[BaseException | None] = [exc]
    while todo:
        current = todo.pop(0)
        if current is None or id(current) in seen:
            continue
        if isinstance(current, DatabaseError):
            return current
        seen.add(id(current))
        todo += [getattr(current, "original_error", None), current.__cause__]
    return None

def log_database_errors(where: str, errors: Iterable[BaseException]) -> None:
    """One warning line for a request's database failures, however many fields they hit."""
    found = [e for e in (database_error_in(x) for x in errors) if e is not None]
    if not found:
        return
    first = found[0]
    what = "database unavailable" if first.code == SERVICE_UNAVAILABLE else "statement timeout"
    more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
    log.warning("%s at %s: %s%s", what, where, first.detail, more)


class _OneLineOutages(logging.Filter):
    """asyncpg's pool logs every failed attempt to get back to its minimum size with a traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        if exc is not None and is_unavailable(exc):
            record.msg = f"{record.getMessage()}: {type(exc).__name__}: {exc}"
            record.args = ()
            record.exc_info = None
            record.exc_text = None
        return True


def quiet_pool_outages() -> None:
    """During an outage, asyncpg's own pool warnings are one line each, like ours."""
    logger = logging.getLogger("asyncpg.pool")
    if not any(isinstance(f, _OneLineOutages) for f in logger.filters):
        logger.addFilter(_OneLineOutages())
