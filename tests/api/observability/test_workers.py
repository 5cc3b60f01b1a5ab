"""`qile-api serve --workers 2`: whichever worker answers /metrics, it speaks for both."""

from __future__ import annotations

import asyncio
import os
import signal
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from prometheus_client.multiprocess import MultiProcessCollector

from tests.api.observability.scrape import Scrape, parse_response
from tests.pg import Databases, seeded_database
from tests.servers import ApiProcess, children

pytestmark = pytest.mark.slow

REQUESTS = "qile_http_request_duration_seconds_count"


@pytest.fixture(scope="module")
def workers_dsn(databases: Databases) -> str:
    return asyncio.run(seeded_database(databases, "qile_workers"))


@pytest.fixture
def metrics_dir(tmp_path: Path) -> Path:
    """The operator's PROMETHEUS_MULTIPROC_DIR, holding what an earlier run left."""
    path = tmp_path / "metrics"
    path.mkdir()
    (path / "counter_999999.db").write_bytes(b"left by an earlier run")
    return path


@pytest.fixture
def served(workers_dsn: str, metrics_dir: Path) -> Iterator[ApiProcess]:
    process = ApiProcess(workers_dsn, workers=2, env={"PROMETHEUS_MULTIPROC_DIR": str(metrics_dir)}).start()
    try:
        yield process
    finally:
        process.stop()


def healthz_by_worker(metrics_dir: Path) -> dict[int, float]:
    """Each worker's own count of /healthz requests, from its own file."""
    counts = {}
    for file in metrics_dir.glob("histogram_*.db"):
        merged = MultiProcessCollector.merge([str(file)])  # type: ignore[no-untyped-call]
        counts[int(file.stem.rpartition("_")[2])] = sum(
            s.value for m in merged for s in m.samples if s.name == REQUESTS and s.labels["path"] == "/healthz"
        )
    return counts


def workers_of(api: ApiProcess) -> set[int]:
    """uvicorn's worker processes (not multiprocessing's resource tracker, also a child)."""
    found = set()
    for pid in children(api.pid):
        try:
            if b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes():
                found.add(pid)
        except OSError:
            continue
    return found


def one_request(url: str) -> None:
    # A connection of its own each time, so that either worker may accept it.
    assert httpx.get(url + "/healthz", timeout=10).status_code == 200


def scrapes(url: str, n: int) -> list[Scrape]:
    return [parse_response(httpx.get(url + "/metrics", timeout=10)) for _ in range(n)]


def replaced(api: ApiProcess, gone: int, timeout: float = 30.0) -> set[int]:
    """The workers once uvicorn has replaced `gone` and the new one samples itself."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        workers = workers_of(api)
        if len(workers) == 2 and gone not in workers:
            # A worker's gauges exist (at 0) from its start; its first sample comes once it serves.
            memory = scrapes(api.url, 1)[0]
            if all(memory.total("qile_worker_resident_memory_bytes", pid=str(p)) > 0 for p in workers):
                return workers
        time.sleep(0.2)
    raise TimeoutError("uvicorn did not replace the killed worker")


def test_two_workers_add_up_and_a_dead_one_leaves_no_live_gauge(served: ApiProcess, metrics_dir: Path) -> None:
    # given two workers, the folder emptied of what an earlier run left
    workers = workers_of(served)
    assert len(workers) == 2 and not (metrics_dir / "counter_999999.db").exists()

    # when requests come on fresh connections until both workers have answered some
    sent = 0
    with ThreadPoolExecutor(max_workers=8) as pool:
        while sent < 2000 and sum(n > 0 for n in healthz_by_worker(metrics_dir).values()) < 2:
            list(pool.map(one_request, [served.url] * 40))
            sent += 40
    by_worker = healthz_by_worker(metrics_dir)

    # then both served, and every scrape, whichever worker answers it, counts every request once
    assert sorted(by_worker) == sorted(workers) and all(n > 0 for n in by_worker.values()), by_worker
    for scraped in scrapes(served.url, 6):
        assert scraped.total(REQUESTS, path="/healthz", method="GET", status="200") == sent
        assert {s["pid"] for s in scraped.series("qile_worker_resident_memory_bytes")} == {str(p) for p in workers}
        assert scraped.total("qile_db_pool_max_connections") == 2 * 10
        assert scraped.total("qile_ready") == 1

    # when one worker is killed and uvicorn starts another
    killed = min(workers)
    os.kill(killed, signal.SIGKILL)
    now = replaced(served, killed)

    # then the dead worker's requests still count, its live gauges are gone, the new one's are there
    for scraped in scrapes(served.url, 4):
        assert scraped.total(REQUESTS, path="/healthz", method="GET", status="200") == sent
        assert {s["pid"] for s in scraped.series("qile_worker_resident_memory_bytes")} == {str(p) for p in now}
        assert scraped.total("qile_db_pool_max_connections") == 2 * 10
