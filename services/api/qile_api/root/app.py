"""The Starlette application: GraphQL, media, reports, health probes, the console."""

from __future__ import annotations

import asyncio
import gc
import json
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from cross_web import HTTPException
from graphql import GraphQLError
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse

from qile_api.accounts.service import bootstrap_admin
from qile_api.assessment.export import assessment_csv, assessment_xlsx
from qile_api.assessment.snapshots import run_snapshot_job
from qile_api.db import periodic
from qile_api.db.database import Database, QueryCounter
from qile_api.db.embedded import resolve_dsn
from qile_api.db.errors import DatabaseError, log_database_errors
from qile_api.db.migrate import migrate
from qile_api.events.signups import retention
from qile_api.events.signups.export import event_sign_ups_csv
from qile_api.events.signups.page import ResidentPage
from qile_api.graphql.context import Context
from qile_api.graphql.errors import BadUserInput
from qile_api.graphql.inputs import check_text
from qile_api.graphql.persisted import PersistedDocuments
from qile_api.http.console import ConsoleSite, default_console_dir
from qile_api.http.csrf import PREFLIGHT_HEADERS, refused_form_post
from qile_api.http.headers import NoSniff
from qile_api.http.health import healthz, readyz
from qile_api.http.limits import BodySizeLimit
from qile_api.http.outage import RETRY_AFTER_SECONDS, database_error_handler, graphql_outage
from qile_api.imports.templates import import_template
from qile_api.media.sql import media_link_key
from qile_api.observability.process import sampling
from qile_api.observability.requests import RequestObserver
from qile_api.observability.route import metrics
from qile_api.problems import Refused
from qile_api.root.context import build_context
from qile_api.root.media import media
from qile_api.root.schema import build_schema
from qile_api.screens.front import FeedFront
from qile_api.screens.heartbeats import DeviceRuntime
from qile_api.screens.watch import ScreenWatch
from qile_api.settings import Settings
from qile_api.state import AppState

log = logging.getLogger(__name__)


class QileGraphQL(GraphQL[Context, None]):
    console: ConsoleSite | None = None

    async def render_graphql_ide(self, request: Request) -> Response:
        # GraphiQL from this API's own build, not strawberry's CDN page.
        assert self.console is not None
        return self.console.graphiql_page()

    def encode_json(self, data: object) -> str:
        # Chinese as UTF-8, not \uXXXX escapes: readable, and half the bytes.
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    def decode_json(self, data: str | bytes) -> object:
        try:
            body = json.loads(data)
        except UnicodeDecodeError:
            # Not JSON at all, and not a fault of ours: say so, don't trace it.
            raise HTTPException(400, "请求体不是有效的 UTF-8 (request body is not valid UTF-8)") from None
        if isinstance(body, dict):
            # The envelope is echoed in errors ("Unknown operation named …"):
            # text that cannot be encoded back must not get that far.
            for key in ("query", "operationName"):
                try:
                    check_text(body.get(key), key)
                except BadUserInput as exc:
                    raise HTTPException(400, str(exc)) from None
        return body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if await refused_form_post(scope, receive, send):
            return
        await super().__call__(scope, receive, send)

    async def get_context(self, request: Request | WebSocket, response: Response | WebSocket) -> Context:
        assert isinstance(request, Request) and isinstance(response, Response)
        return await build_context(request, response)

    def _handle_errors(self, errors: list[GraphQLError], response_data: GraphQLHTTPResponse) -> None:
        # Database failures are left out of the fault log (not masked): one
        # warning line per request says what happened, without a traceback.
        path = next((".".join(map(str, e.path)) for e in errors if e.path), "(document)")
        log_database_errors(f"/graphql {path}", errors)

    def create_response(
        self, response_data: GraphQLHTTPResponse | list[GraphQLHTTPResponse], sub_response: Response
    ) -> Response:
        response = super().create_response(response_data, sub_response)
        if graphql_outage(response_data):
            # Nothing but the outage to report: say so at the HTTP level too,
            # so that proxies, monitors and clients back off.
            response.status_code = 503
            response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response


class QileStarlette(Starlette):
    def __init__(self, settings: Settings, **kwargs: Any) -> None:
        self.qile_settings = settings
        super().__init__(**kwargs)

    def build_middleware_stack(self) -> ASGIApp:
        # Outside Starlette's own error handler, so its 500 carries the headers
        # too, and is counted, logged and given its request id.
        return RequestObserver(
            NoSniff(super().build_middleware_stack()),
            access_log=self.qile_settings.access_log,
            trusted_proxies=self.qile_settings.trusted_proxies,
        )


def create_app(settings: Settings | None = None, *, dsn: str | None = None, run_migrations: bool = True) -> Starlette:
    """Build the app; `dsn` overrides the settings (tests pass their own database)."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        url, embedded = (dsn, None) if dsn else resolve_dsn(settings.database_url, settings.embedded_pgdata)
        if run_migrations:
            applied = await migrate(url)
            if applied:
                log.info("applied migrations %s", [m.version for m in applied])
        db = await Database.connect(
            url,
            min_size=settings.db_pool_min,
            max_size=settings.db_pool_max,
            statement_timeout_ms=settings.statement_timeout_ms,
            acquire_timeout_ms=settings.db_acquire_timeout_ms,
            connect_timeout_ms=settings.db_connect_timeout_ms,
            command_timeout_ms=settings.db_command_timeout_ms,
        )
        if settings.bootstrap_admin:
            try:
                created = await bootstrap_admin(db, settings.bootstrap_admin)
            except (ValueError, Refused) as exc:
                # A bad bootstrap setting must not keep screens from their feeds.
                log.error("QILE_BOOTSTRAP_ADMIN not applied: %s", exc)
            else:
                if created:
                    log.info("created the city administrator %s", created.username)
        state = AppState.create(settings, db)
        state.media_key = await media_link_key(db, settings.media_url_key)
        app.state.qile = state
        # Screens' heartbeats wait in memory and are written in batches.
        devices = state.held(DeviceRuntime)
        # Same pool, its own round-trip counter: background writes are not
        # charged to the requests that happen to run meanwhile.
        background = db.sibling(counter=QueryCounter())
        # Each process (each worker) listens for feed and screen changes itself.
        watch = state.held(ScreenWatch)
        watch.start(background, url)
        # 0 turns the task off: tests own background work and call flush() themselves.
        flusher = (
            asyncio.create_task(devices.run(background), name="qile-heartbeat-flush")
            if settings.heartbeat_flush_seconds > 0
            else None
        )
        # Last month's assessment snapshot, taken by whichever process gets there first.
        snapshots = (
            asyncio.create_task(run_snapshot_job(background, state), name="qile-assessment-snapshots")
            if settings.snapshot_check_seconds > 0
            else None
        )
        # Sign-ups deleted once kept long enough (0 turns the task off).
        purger = (
            asyncio.create_task(retention.run(state, background), name="qile-signup-retention")
            if settings.signup_retention_interval_seconds > 0
            else None
        )
        # What start-up built lives as long as the process: out of the
        # collector's way, so its passes under load walk only what requests make.
        gc.collect()
        gc.freeze()
        try:
            # Each worker samples its pool and memory for /metrics while it serves.
            async with sampling(db):
                yield
        finally:
            schema.documents.close()
            await periodic.stop([purger, snapshots], log)
            await watch.stop()
            await devices.stop(flusher, background)
            await db.close()
            del embedded  # the embedded server may stop once nobody holds it

    schema = build_schema(settings)
    graphql: Any = QileGraphQL(
        schema,
        graphql_ide="graphiql" if settings.graphiql_enabled else None,
        # Photos arrive by the GraphQL multipart request spec. Staff authenticate
        # with a bearer header, never a cookie, so a cross-site form cannot ride
        # on someone's session; refused_form_post keeps such forms from firing
        # anonymous mutations.
        multipart_uploads_enabled=True,
    )
    console = ConsoleSite(settings.console_dir or default_console_dir())
    graphql.console = console
    # The screens' feed, answered from memory when nothing changed (screens/front.py).
    front = FeedFront(graphql, PersistedDocuments.load(), settings.timezone)
    return QileStarlette(
        settings,
        routes=[
            Route("/graphql", front, methods=["GET", "POST"]),
            Route("/media/{sha256}", media, methods=["GET"]),
            Route("/reports/assessment.csv", assessment_csv, methods=["GET"]),
            Route("/reports/assessment.xlsx", assessment_xlsx, methods=["GET"]),
            Route("/reports/templates/{name}.xlsx", import_template, methods=["GET"]),
            Route("/reports/event-signups.csv", event_sign_ups_csv, methods=["GET"]),
            Route("/healthz", healthz, methods=["GET"]),
            Route("/readyz", readyz, methods=["GET"]),
            Route("/metrics", metrics, methods=["GET"]),
            *console.routes(),
            *ResidentPage(schema, build_context).routes(),
        ],
        middleware=[
            # Only the configured origins (none by default) get CORS headers and
            # an approved preflight: a page elsewhere can neither read answers
            # nor send the JSON or headers that need a preflight.
            Middleware(
                CORSMiddleware,
                allow_origins=settings.cors_origins,
                allow_methods=["GET", "POST"],
                allow_headers=["Authorization", "Content-Type", *PREFLIGHT_HEADERS],
                # Bearer tokens, never cookies: nothing for a browser to attach by itself.
                allow_credentials=False,
                max_age=600,
            ),
            Middleware(BodySizeLimit, max_bytes=settings.max_body_bytes),
        ],
        # A database outage reaching a route (or the GraphQL context) is a 503, not a 500.
        exception_handlers={DatabaseError: database_error_handler},
        lifespan=lifespan,
    )
