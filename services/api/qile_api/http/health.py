"""Liveness and readiness probes."""

from __future__ import annotations

import logging

from starlette.requests import Request
from starlette.responses import JSONResponse

from qile_api.db.migrate import pending_versions
from qile_api.state import AppState

log = logging.getLogger(__name__)


async def healthz(request: Request) -> JSONResponse:
    """The process is up and serving; says nothing of the database."""
    return JSONResponse({"status": "ok"})


async def readyz(request: Request) -> JSONResponse:
    """Ready to serve: the database answers and every migration is applied."""
    state: AppState = request.app.state.qile
    try:
        pending = await pending_versions(state.db)
    except Exception as exc:  # any failure means "not ready", never a crash
        log.warning("readiness check failed: %s", exc)
        return JSONResponse({"status": "unavailable", "database": "unreachable"}, status_code=503)
    if pending:
        return JSONResponse({"status": "unavailable", "database": "ok", "pendingMigrations": pending}, status_code=503)
    return JSONResponse({"status": "ok", "database": "ok", "pendingMigrations": []})
