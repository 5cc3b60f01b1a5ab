"""Every Prometheus metric the API exports, defined in one place.

Metrics live in the process (prometheus-client's default registry). Under
`qile-api serve --workers N` each worker writes its values to files in
PROMETHEUS_MULTIPROC_DIR and whichever worker answers `/metrics` adds them up
(`observability/route.py`); gauges say how (`multiprocess_mode`). What the database
knows (screens online, readiness) is not kept here: it is read when
Prometheus asks (`observability/scrape.py`).

Label values are bounded by the server, never chosen by a caller: a path is
the route it matched, a method one of a few, an operation one the clients
ship (`operations.py`), so no request can add series.
"""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

from qile_api.metrics.operations import KNOWN_OPERATIONS

# Screens' unchanged polls take a millisecond or two; builds and staff pages tens.
_SECONDS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)

# Requests (`_count` of each histogram is the number of requests).
HTTP_REQUEST_SECONDS = Histogram(
    "qile_http_request_duration_seconds",
    "HTTP requests by route, method and status (304 included), with their duration.",
    ["path", "method", "status"],
    buckets=_SECONDS,
)
GRAPHQL_OPERATION_SECONDS = Histogram(
    "qile_graphql_operation_duration_seconds",
    "GraphQL operations by name (unknown and anonymous ones as 'other') and outcome "
    "(ok; refused: an expected, coded error; error: a fault or the database failing), with their duration.",
    ["operation", "outcome"],
    buckets=_SECONDS,
)

# The feed cache (screens/feed.py): one built feed per community and kind.
FEED_CACHE_LOOKUPS = Counter(
    "qile_feed_cache_lookups_total", "Screen feed cache lookups: hit (fresh) or miss.", ["result"]
)
FEED_BUILDS = Counter(
    "qile_feed_builds_total", "Screen feeds built from the database, by outcome (ok, error).", ["outcome"]
)

# Hook for the LISTEN/NOTIFY listener (screens/watch.py): one increment per
# notification received, labelled with its channel (a fixed, server-side name):
#     NOTIFICATIONS_RECEIVED.labels(channel).inc()
NOTIFICATIONS_RECEIVED = Counter(
    "qile_notifications_received_total", "PostgreSQL notifications received by this API, by channel.", ["channel"]
)

# The database.
DB_POOL_CONNECTIONS = Gauge(
    "qile_db_pool_connections",
    "Pooled PostgreSQL connections, summed over live workers: open, and in use by a request.",
    ["state"],
    multiprocess_mode="livesum",
)
DB_POOL_MAX = Gauge(
    "qile_db_pool_max_connections",
    "Most connections the pools may open, summed over live workers (QILE_DB_POOL_MAX each).",
    multiprocess_mode="livesum",
)
DATABASE_ERRORS = Counter(
    "qile_database_errors_total",
    "Database failures that are not defects: unavailable (an outage) or timeout (statement cancelled).",
    ["kind"],
)

# What screens send.
HEARTBEATS_WRITTEN = Counter("qile_heartbeats_written_total", "Screen heartbeats written to the database.")
PLAYS_WRITTEN = Counter("qile_plays_written_total", "Proof-of-play records newly written to the database.")

# Each worker's memory, so a leak in one shows.
WORKER_MEMORY = Gauge(
    "qile_worker_resident_memory_bytes", "Resident memory of each worker process.", multiprocess_mode="liveall"
)

# Series that exist from the start at 0, so that a rate over them is 0 rather than absent.
for _result in ("hit", "miss"):
    FEED_CACHE_LOOKUPS.labels(_result)
for _outcome in ("ok", "error"):
    FEED_BUILDS.labels(_outcome)
for _kind in ("unavailable", "timeout"):
    DATABASE_ERRORS.labels(_kind)

OTHER_OPERATION = "other"
_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def operation_label(name: str | None) -> str:
    """The operation's own name when a Qile client sends it; any other name, or none, is 'other'."""
    return name if name in KNOWN_OPERATIONS else OTHER_OPERATION


def method_label(method: str) -> str:
    # The method is whatever token the client wrote.
    return method if method in _METHODS else "OTHER"
