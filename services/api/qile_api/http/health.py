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


async def readyz(request: Request) -> JSONResponse:
    """Ready to serve: the database answers and every migration is applied.

    With a time limit of its own, shorter than the requests' ones: a load
    balancer must learn within a second or so that the database is frozen.
    """
    state: AppState = request.app.state.qile
    unavailable = JSONResponse(
        {"status": "unavailable", "database": "unreachable"},
        status_code=503,
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
    )
    try:
        pending = await pending_versions(state.db.bounded(state.settings.readyz_timeout_ms / 1000))
    except DatabaseError as exc:
        log_database_errors("/readyz", [exc])
        return unavailable
    except Exception as exc:  # any failure means "not ready", never a crash
        log.warning("readiness check failed: %s: %s", type(exc).__name__, exc)
        return unavailable
    if pending:
        return JSONResponse({"status": "unavailable", "database": "ok", "pendingMigrations": pending}, status_code=503)
    return JSONResponse({"status": "ok", "database": "ok", "pendingMigrations": []})
