"""One middleware around every HTTP request: its id, its metrics and its log line.

While a request runs, `current()` is its record: the log formatter reads the
id from it, and whoever learns which GraphQL operation the request is
(`observability/graphql.py` once strawberry has parsed the document, or a
path that answers without GraphQL) says so with `note_operation`. When the
response has gone, the request is counted under its route, method and
status, and under its operation if one was noted.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from contextvars import ContextVar
from dataclasses import dataclass

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from qile_api.http.addresses import Network, resolve_client
from qile_api.http.request_id import HEADER, request_id
from qile_api.metrics.instruments import (
    GRAPHQL_OPERATION_SECONDS,
    HTTP_REQUEST_SECONDS,
    method_label,
    operation_label,
)

log = logging.getLogger("qile_api.access")

OK, REFUSED, ERROR = "ok", "refused", "error"
# Requests that matched no route share one label: their paths are the caller's to invent.
UNMATCHED = "unmatched"
_LOGGED_PATH = 200
# Control characters in a path would let a caller start a fake line in a text log.
_CONTROL = {code: "?" for code in (*range(32), 127)}


@dataclass
class RequestRecord:
    request_id: str
    operation: str | None = None
    outcome: str | None = None


_current: ContextVar[RequestRecord | None] = ContextVar("qile_request", default=None)


def current() -> RequestRecord | None:
    return _current.get()


def note_operation(name: str | None, outcome: str | None = None) -> None:
    """The running request is the GraphQL operation `name` (None: anonymous); outcome ok/refused/error.

    Without an outcome, the HTTP status decides (5xx error, 4xx refused, else ok).
    """
    record = _current.get()
    if record is not None:
        record.operation = name or ""
        record.outcome = outcome


def _route_label(scope: Scope) -> str:
    # Starlette's router leaves the route it matched in the scope: its path
    # template (`/media/{sha256}`), not the path the caller wrote.
    path = getattr(scope.get("route"), "path", None)
    return path if isinstance(path, str) else UNMATCHED


def _outcome(status: int) -> str:
    return ERROR if status >= 500 else REFUSED if status >= 400 else OK


class RequestObserver:
    """Outermost: it sees the 500 Starlette's error handler writes, and times everything inside."""

    def __init__(self, app: ASGIApp, *, access_log: bool, trusted_proxies: Sequence[Network]) -> None:
        self.app = app
        self.access_log = access_log
        self.trusted_proxies = trusted_proxies

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        record = RequestRecord(request_id(Headers(scope=scope)))
        token = _current.set(record)
        started = time.perf_counter()
        status = 500  # unless a response starts

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
                MutableHeaders(scope=message)[HEADER] = record.request_id
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            self._done(scope, record, status, time.perf_counter() - started)
            _current.reset(token)

    def _done(self, scope: Scope, record: RequestRecord, status: int, seconds: float) -> None:
        method, path = method_label(scope["method"]), _route_label(scope)
        HTTP_REQUEST_SECONDS.labels(path, method, str(status)).observe(seconds)
        operation = None
        if record.operation is not None:
            operation = operation_label(record.operation)
            GRAPHQL_OPERATION_SECONDS.labels(operation, record.outcome or _outcome(status)).observe(seconds)
        if self.access_log:
            self._log(scope, status, seconds, operation)

    def _log(self, scope: Scope, status: int, seconds: float, operation: str | None) -> None:
        # The path as asked, without its query string (a signed link's
        # signature, a GET request's variables never reach the log).
        path = str(scope["path"])[:_LOGGED_PATH].translate(_CONTROL)
        method = method_label(scope["method"])
        peer = scope.get("client")
        client = resolve_client(peer[0] if peer else "unknown", Headers(scope=scope), self.trusted_proxies)
        duration_ms = round(seconds * 1000, 2)
        log.info(
            "%s %s %d %.2f ms%s",
            method,
            path,
            status,
            duration_ms,
            f" {operation}" if operation else "",
            extra={
                "method": method,
                "path": path,
                "status": status,
                "duration_ms": duration_ms,
                "operation": operation,
                "client": client,
            },
        )
