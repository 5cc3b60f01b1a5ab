"""`qile-api serve` as production runs it: a worker per core, no GraphiQL, no access log unless asked."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from qile_api.cli import _parser
from tests.servers import ApiProcess

pytestmark = pytest.mark.slow


@pytest.fixture
def served(seeded_dsn: str, tmp_path: Path) -> Iterator[tuple[ApiProcess, Path]]:
    log = tmp_path / "api.log"
    process = ApiProcess(seeded_dsn, log=log, workers=2).start()
    yield process, log
    process.stop()


def test_by_default_one_worker_per_core() -> None:
    assert _parser().parse_args(["serve"]).workers == len(os.sched_getaffinity(0))


def test_by_default_neither_graphiql_nor_an_access_log(served: tuple[ApiProcess, Path]) -> None:
    process, log = served

    with httpx.Client(base_url=process.url) as client:
        page = client.get("/graphql", headers={"Accept": "text/html"})
        health = [client.get("/healthz").status_code for _ in range(5)]
    process.stop()  # its output is complete

    assert health == [200] * 5
    assert page.status_code != 200 and "graphiql" not in page.text.lower()
    text = log.read_text()
    # No request line, in either log format (text: "GET /healthz …"; JSON: "path": "/healthz").
    assert "/healthz" not in text and "GET /graphql" not in text
    assert text.count("Application startup complete") == 2  # both workers started, each with its listener
