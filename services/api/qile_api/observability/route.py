"""`GET /metrics`: Prometheus's text format, for the configured addresses only (QILE_METRICS_ALLOW).

One worker answers for all: with several (`qile-api serve --workers N`) it
adds up what every worker wrote to the shared folder; with one, the
process's own registry (with the process's CPU and memory). Either way the
database's figures (readiness, screens) are read once, now.
"""

from __future__ import annotations

from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from qile_api.http.addresses import client_within
from qile_api.observability.process import sample
from qile_api.observability.scrape import Collected, database_families
from qile_api.observability.workers import collect_workers, multiprocess_dir
from qile_api.state import AppState


async def metrics(request: Request) -> Response:
    state: AppState = request.app.state.qile
    settings = state.settings
    if not client_within(request, settings.metrics_allow, settings.trusted_proxies):
        return PlainTextResponse("forbidden", status_code=403)
    sample(state.db)
    registry = CollectorRegistry(auto_describe=False)
    path = multiprocess_dir()
    if path is None:
        registry.register(Collected(REGISTRY.collect()))
    else:
        collect_workers(registry, path)
    registry.register(Collected(await database_families(state)))
    return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)
