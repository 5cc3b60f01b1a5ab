"""Metrics of several worker processes: the folder their values are shared through.

prometheus-client's multiprocess mode: each worker writes its values to
memory-mapped files in PROMETHEUS_MULTIPROC_DIR, and the worker answering
`/metrics` reads them all. The variable must be set before a worker imports
prometheus_client; `qile-api serve` sets it before it starts any (uvicorn
spawns fresh interpreters, which inherit it).

Files left by an earlier run would be added to this one's counts, so the
folder is emptied at start. A worker that died without saying so (killed,
then replaced by uvicorn) leaves its live gauges behind; the scrape drops
them (`bury_dead_workers`).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from prometheus_client import CollectorRegistry, multiprocess

MULTIPROC_DIR = "PROMETHEUS_MULTIPROC_DIR"


def multiprocess_dir() -> str | None:
    """The shared folder when this process is one of several workers, else None."""
    return os.environ.get(MULTIPROC_DIR) or None


def _empty(path: Path) -> None:
    # Only the library's own files: the operator may have pointed it at a folder holding others.
    for file in path.glob("*.db"):
        file.unlink(missing_ok=True)


@contextmanager
def shared_metrics(workers: int) -> Iterator[str | None]:
    """For `qile-api serve`: the folder the workers share, emptied; None for one worker and no folder set.

    An operator's PROMETHEUS_MULTIPROC_DIR (systemd: under RuntimeDirectory)
    is used as it is; otherwise, for several workers, a private temporary
    folder, removed at exit.
    """
    given = multiprocess_dir()
    if given is not None:
        path = Path(given)
        path.mkdir(parents=True, exist_ok=True)
        _empty(path)
        yield given
        return
    if workers == 1:
        yield None
        return
    made = tempfile.mkdtemp(prefix="qile-metrics-")
    os.environ[MULTIPROC_DIR] = made
    try:
        yield made
    finally:
        os.environ.pop(MULTIPROC_DIR, None)
        shutil.rmtree(made, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def bury_dead_workers(path: str) -> None:
    """Drop the live gauges (pool, memory) of workers that are gone."""
    for file in Path(path).glob("gauge_live*_*.db"):
        pid = file.stem.rpartition("_")[2]
        if pid.isdigit() and not _alive(int(pid)):
            forget_worker(int(pid), path)


def forget_worker(pid: int, path: str) -> None:
    """Drop the live gauges of worker `pid` (gone, or going)."""
    multiprocess.mark_process_dead(pid, path)  # type: ignore[no-untyped-call]


def collect_workers(registry: CollectorRegistry, path: str) -> None:
    """Have `registry` add up what every worker wrote under `path`."""
    bury_dead_workers(path)
    multiprocess.MultiProcessCollector(registry, path)  # type: ignore[no-untyped-call]
