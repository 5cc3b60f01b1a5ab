"""What clients and the log see while the database is down, frozen or overloaded.

Clients must be able to tell an outage from a defect: every kind of caller
(anonymous, screen, staff) gets `extensions.code = "SERVICE_UNAVAILABLE"`, and
when that is all a request got, HTTP 503 with Retry-After (GraphQL over HTTP
allows a non-200 status when the request as a whole failed). A statement the
server cancelled at the statement timeout is `TIMEOUT` (see `db/errors.py`).
The log gets one warning line per request, not a traceback: the cause is
known, and a traceback per request would bury everything else.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from qile_api.db.errors import SERVICE_UNAVAILABLE, DatabaseError, log_database_errors

# Screens poll every 30 s anyway; people and scripts retry after this.
RETRY_AFTER_SECONDS = 5
GRAPHQL_PATH = "/graphql"


def error_body(error: DatabaseError, graphql: bool) -> dict[str, Any]:
    if graphql:
        return {"data": None, "errors": [{"message": error.message, "extensions": dict(error.extensions)}]}
    return {"error": error.message, "code": error.code}


def unavailable_response(error: DatabaseError, graphql: bool) -> Response:
    return JSONResponse(
        error_body(error, graphql),
        status_code=503,
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
    )


async def database_error_handler(request: Request, exc: Exception) -> Response:
    """For any route: a `DatabaseError` that escaped (media, reports, the GraphQL context)."""
    assert isinstance(exc, DatabaseError)
    log_database_errors(f"{request.method} {request.url.path}", [exc])
    return unavailable_response(exc, graphql=request.url.path == GRAPHQL_PATH)


def _failed_for_outage(response: Mapping[str, Any]) -> bool:
    errors = response.get("errors") or []
    data = response.get("data")
    no_data = data is None or (isinstance(data, Mapping) and all(v is None for v in data.values()))
    codes = [(e.get("extensions") or {}).get("code") for e in errors if isinstance(e, Mapping)]
    return bool(codes) and no_data and all(code == SERVICE_UNAVAILABLE for code in codes)


def graphql_outage(response_data: Mapping[str, Any] | list[Any]) -> bool:
    """True when the database outage is all that this GraphQL response (every one, for a batch) holds."""
    responses = response_data if isinstance(response_data, list) else [response_data]
    return bool(responses) and all(isinstance(r, Mapping) and _failed_for_outage(r) for r in responses)
