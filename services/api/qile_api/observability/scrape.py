"""What /metrics reads when Prometheus asks: readiness and the screens, from the database.

These come from the database, the same for every worker, so the worker that
answers computes them once, and they never enter the shared files: a
worker's copy could not be added to another's.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import timedelta

from prometheus_client.metrics_core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from qile_api.db.errors import DatabaseError, log_database_errors
from qile_api.http.health import pending_migrations
from qile_api.observability.sql import screens_by_district
from qile_api.state import AppState


class Collected(Collector):
    """Families computed before the scrape (the database is asked asynchronously, collectors are not)."""

    def __init__(self, families: Iterable[Metric]) -> None:
        self.families = list(families)

    def collect(self) -> Iterator[Metric]:
        yield from self.families


async def database_families(state: AppState) -> list[Metric]:
    ready = GaugeMetricFamily(
        "qile_ready", "1 when the database answers in time and every migration is applied (as /readyz), else 0."
    )
    pending = await pending_migrations(state)
    ready.add_metric([], 1 if pending == [] else 0)
    if pending is None:
        # Down or frozen: the screens' figures would only wait for it too.
        return [ready]
    screens = GaugeMetricFamily(
        "qile_screens",
        "Screens in service by district and state: online (reported within QILE_SCREEN_ONLINE_SECONDS), "
        "offline (reported before, silent since), never_seen (registered, never reported).",
        labels=["district", "state"],
    )
    dark = GaugeMetricFamily(
        "qile_communities_dark",
        "Communities whose screens have reported before and none of which is online now, by district.",
        labels=["district"],
    )
    settings = state.settings
    try:
        rows = await screens_by_district(
            state.db.bounded(settings.readyz_timeout_ms / 1000),
            state.clock() - timedelta(seconds=settings.screen_online_seconds),
        )
    except DatabaseError as exc:
        log_database_errors("/metrics", [exc])
        return [ready]
    for row in rows:
        screens.add_metric([row.district, "online"], row.online)
        screens.add_metric([row.district, "offline"], row.offline)
        screens.add_metric([row.district, "never_seen"], row.never_seen)
        dark.add_metric([row.district], row.dark_communities)
    return [ready, screens, dark]
