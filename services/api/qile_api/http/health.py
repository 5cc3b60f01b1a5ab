"""Liveness and readiness probes."""

from __future__ import annotations

import logging

from starlette.requests import Request
from starlette.responses import JSONResponse

from qile_api.db.errors import DatabaseError, log_database_errors
from qile_api.db.migrate import pending_versions
from qile_api.http.outage import RETRY_AFTER_SECONDS
from qile_api.state import AppState

log = logging.getLogger(__name__)


async def healthz(request: Request) -> JSONResponse:
    """The process is up and serving; says nothing of the database."""
    return JSONResponse({"status": "ok"})


async def pending_migrations(state: AppState) -> list[int] | None:
    """The migrations not applied yet; None when the database does not answer in time.

    With a time limit of its own, shorter than the requests' ones: a load
    balancer (and Prometheus, `qile_ready`) must learn within a second or so
    that the database is frozen.
    """
    try:
        return await pending_versions(state.db.bounded(state.settings.readyz_timeout_ms / 1000))
    except DatabaseError as exc:
        log_database_errors("/readyz", [exc])
    except Exception as exc:  # any failure means "not ready", never a crash
        log.warning("readiness check failed: %s: %s", type(exc).__name__, exc)
    return None


async def readyz(request: Request) -> JSONResponse:
    """Ready to serve: the database answers and every migration is applied."""
    pending = await pending_migrations(request.app.state.qile)
    if pending is None:
        return JSONResponse(
            {"status": "unavailable", "database": "unreachable"},
            status_code=503,
            headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
        )
    if pending:
        return JSONResponse({"status": "unavailable", "database": "ok", "pendingMigrations": pending}, status_code=503)
    return JSONResponse({"status": "ok", "database": "ok", "pendingMigrations": []})
