"""Side by side over HTTP: Qile, the limit of its stack, and PostGraphile 4, on one synthetic city.

`python -m tests.bench.http [--seconds S] [--rounds R] [--content-scale X]`

Each server runs as one process pinned to core 0; wrk (Debian's package,
installed when missing) runs pinned to core 1 with one thread and 16
connections. The targets are interleaved over the rounds so that a machine
growing busier or quieter affects all of them alike; each figure is the
median of its rounds. Paths:

- unchanged poll (GET 304): what the kiosk sends, a GET of the persisted
  feed document with If-None-Match = the screen's version, answered 304;
- unchanged poll (POST): the kiosk's feed document with `since` = the
  screen's version, cycling over 200 screens (PostGraphile, for both: a
  one-row lookup by key);
- full feed: the same without `since` (PostGraphile: the notices and events
  of the screen's four regions, filtered to the window, in one document);
- staff page: `communities(first: 50)` with district and theme.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from qile_kiosk.client import SCREEN_FEED_ID
from qile_kiosk.documents import SCREEN_FEED
from tests.bench.city import City, build_city
from tests.bench.database import bench_database
from tests.servers import free_port

POSTGRAPHILE = Path(__file__).parent / "postgraphile"
SCREENS = 200
FEED_PATH = "/graphql?documentId=" + SCREEN_FEED_ID

STAFF_PAGE = """{ communities(first: 50) { nodes { name district { name } theme { label } } } }"""
PG_STAFF_PAGE = """{ allRegions(first: 50, condition: {level: "COMMUNITY"}, orderBy: ID_ASC) { nodes {
  name regionByParentId { regionByParentId { name } } themeByThemeKey { name kind } } } }"""
PG_ONE_ROW = """query($id: BigInt!) { feedRevisionByRegionId(regionId: $id) { revision } }"""
PG_FEED = """query($regions: [BigInt!]!, $now: Datetime!, $horizon: Datetime!) {
  allNotices(filter: {regionId: {in: $regions}, status: {equalTo: "PUBLISHED"},
                      displayStart: {lessThanOrEqualTo: $now},
                      or: [{displayEnd: {isNull: true}}, {displayEnd: {greaterThan: $now}}]},
             orderBy: [URGENT_DESC, PRIORITY_DESC, DISPLAY_START_DESC]) {
    nodes { id title body category priority urgent displayStart displayEnd } }
  allEvents(filter: {regionId: {in: $regions}, status: {equalTo: "PUBLISHED"},
                     endsAt: {greaterThan: $now}, startsAt: {lessThan: $horizon}},
            orderBy: STARTS_AT_ASC) {
    nodes { id title venue organiser startsAt endsAt largeScale } } }"""


@dataclass(frozen=True)
class Request:
    body: str
    token: str | None = None
    # A GET of `path` (the body unused), conditional on `etag` when set.
    path: str | None = None
    etag: str | None = None


@dataclass
class Figure:
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found is None:
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True, capture_output=True)
        found = shutil.which("wrk")
    assert found is not None, "wrk could not be installed (apt-get install wrk)"
    return found


def _lua(requests: list[Request]) -> str:
    """A wrk script cycling over the given POST bodies (and tokens)."""
    lines = ["local bodies = {}", "local tokens = {}", "local paths = {}", "local etags = {}"]
    for i, r in enumerate(requests, start=1):
        lines.append(f"bodies[{i}] = {json.dumps(r.body)}")
        lines.append(f"tokens[{i}] = {json.dumps(r.token or '')}")
        lines.append(f"paths[{i}] = {json.dumps(r.path or '')}")
        lines.append(f"etags[{i}] = {json.dumps(r.etag or '')}")
    lines += [
        "local n = 0",
        "request = function()",
        "  n = n % #bodies + 1",
        '  local headers = {["Content-Type"] = "application/json"}',
        '  if tokens[n] ~= "" then headers["Authorization"] = "Bearer " .. tokens[n] end',
        '  if paths[n] ~= "" then',
        '    headers = {["Authorization"] = headers["Authorization"]}',
        '    if etags[n] ~= "" then headers["If-None-Match"] = etags[n] end',
        '    return wrk.format("GET", paths[n], headers, nil)',
        "  end",
        '  return wrk.format("POST", "/graphql", headers, bodies[n])',
        "end",
    ]
    return "\n".join(lines) + "\n"


_LATENCY = re.compile(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", re.M)
_UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def run_wrk(wrk: str, url: str, requests: list[Request], seconds: int) -> Figure:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(_lua(requests))
    try:
        out = subprocess.run(
            ["taskset", "-c", "1", wrk, "-t1", "-c16", f"-d{seconds}s", "--latency", "-s", script.name, url],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        os.unlink(script.name)
    latency = {m[1]: float(m[2]) * _UNIT_MS[m[3]] for m in _LATENCY.finditer(out)}
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1])  # type: ignore[index]
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    errors = int(non_2xx[1]) if non_2xx else 0
    if socket_errors:
        errors += sum(int(g) for g in socket_errors.groups())
    return Figure(rps, latency["50"], latency["99"], errors)


@contextmanager
def server(
    name: str, args: list[str], port: int, env: dict[str, str] | None = None, pids: list[int] | None = None
) -> Iterator[str]:
    """Start a server pinned to core 0; yield its /graphql URL once it answers (its process id into `pids`)."""
    process = subprocess.Popen(
        ["taskset", "-c", "0", *args],
        env=dict(os.environ, **(env or {})),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/graphql"
    if pids is not None:
        pids.append(process.pid)  # taskset execs the server: the same process
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.post(url, json={"query": "{ __typename }"}, timeout=2)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError(f"{name} did not start") from None
                time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def qile_server(city: City, port: int, pids: list[int] | None = None) -> AbstractContextManager[str]:
    """One Qile worker on `city`'s database, as the benchmarks run it (GraphiQL off)."""
    env = {
        "DATABASE_URL": city.dsn,
        "QILE_PORT": str(port),
        "QILE_HOST": "127.0.0.1",
        "QILE_GRAPHIQL": "false",
        "QILE_HEARTBEAT_FLUSH_SECONDS": "2",
    }
    return server("qile", [sys.executable, "-m", "qile_api.cli", "serve", "--workers", "1"], port, env, pids)


def _feed(url: str, token: str, since: str | None = None) -> dict:  # type: ignore[type-arg]
    body = {"query": SCREEN_FEED, "variables": {"since": since}}
    answer = httpx.post(url, json=body, headers={"Authorization": f"Bearer {token}"}, timeout=30).json()
    assert answer.get("data"), answer
    return answer["data"]["screenFeed"]  # type: ignore[no-any-return]


def workloads(city: City, qile: str, limit: str) -> dict[str, dict[str, list[Request]]]:
    """Per path, per target: the requests wrk cycles over."""
    bulletins = [s for s in city.screens if s.kind == "BULLETIN"][:SCREENS]
    document = SCREEN_FEED
    unchanged: dict[str, list[Request]] = {"qile": [], "limit": []}
    for target, url in (("qile", qile), ("limit", limit)):
        for s in bulletins:
            version = _feed(url, s.token)["version"]
            body = json.dumps({"query": document, "variables": {"since": version}})
            unchanged[target].append(Request(body, s.token))
    # The kiosk's own poll: GET of the persisted document, If-None-Match its version (a 304).
    conditional: dict[str, list[Request]] = {"qile": [], "limit": []}
    for target in conditional:
        for r in unchanged[target]:
            version = json.loads(r.body)["variables"]["since"]
            conditional[target].append(Request("", r.token, FEED_PATH, f'"{version}"'))
    full = [Request(json.dumps({"query": document, "variables": {}}), s.token) for s in bulletins]
    paths = asyncio.run(_community_paths(city.dsn, [s.community_id for s in bulletins]))
    now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    horizon = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 14 * 86400))
    pg_full = [
        Request(json.dumps({"query": PG_FEED, "variables": {"regions": path, "now": now, "horizon": horizon}}))
        for path in paths
    ]
    pg_one = [Request(json.dumps({"query": PG_ONE_ROW, "variables": {"id": str(path[-1])}})) for path in paths]
    return {
        "unchanged poll (GET 304)": {**conditional, "postgraphile": pg_one},
        "unchanged poll (POST)": {**unchanged, "postgraphile": pg_one},
        "full feed": {"qile": full, "limit": full, "postgraphile": pg_full},
        "staff page": {
            "qile": [Request(json.dumps({"query": STAFF_PAGE}))],
            "postgraphile": [Request(json.dumps({"query": PG_STAFF_PAGE}))],
        },
    }


def check_answers(url: str, requests: list[Request]) -> None:
    """A figure counts only for requests that are answered with data and no error (or 304 to a GET)."""
    for r in requests:
        if r.path:
            got = httpx.get(
                url.removesuffix("/graphql") + r.path,
                headers={"Authorization": f"Bearer {r.token}", "If-None-Match": r.etag or ""},
                timeout=30,
            )
            if got.status_code != 304:
                raise RuntimeError(f"{url} answered {got.status_code} {got.text[:400]} to GET {r.path}")
            continue
        headers = {"Content-Type": "application/json"}
        if r.token:
            headers["Authorization"] = f"Bearer {r.token}"
        answer = httpx.post(url, content=r.body, headers=headers, timeout=30).json()
        if answer.get("errors") or not answer.get("data"):
            raise RuntimeError(f"{url} answered {str(answer)[:400]} to {r.body[:200]}")


async def _community_paths(dsn: str, community_ids: list[int]) -> list[list[str]]:
    import asyncpg

    conn = await asyncpg.connect(dsn)
    try:
        rows = await conn.fetch("SELECT id, path FROM regions WHERE id = ANY($1::bigint[])", community_ids)
    finally:
        await conn.close()
    by_id = {r["id"]: [str(p) for p in r["path"]] for r in rows}
    return [by_id[c] for c in community_ids]


def measure(city: City, seconds: int, rounds: int) -> dict[str, dict[str, Figure]]:
    wrk = ensure_wrk()
    ports = {name: free_port() for name in ("qile", "limit", "postgraphile")}
    commands = {
        "limit": [sys.executable, "-m", "tests.bench.limit", city.dsn, str(ports["limit"])],
        "postgraphile": ["node", str(POSTGRAPHILE / "server.js"), city.dsn, str(ports["postgraphile"])],
    }
    with (
        qile_server(city, ports["qile"]) as qile,
        server("limit", commands["limit"], ports["limit"]) as limit,
        server("postgraphile", commands["postgraphile"], ports["postgraphile"]) as postgraphile,
    ):
        urls = {"qile": qile, "limit": limit, "postgraphile": postgraphile}
        loads = workloads(city, qile, limit)
        for by_target in loads.values():
            for target, requests in by_target.items():
                check_answers(urls[target], requests[:3])
        samples: dict[str, dict[str, list[Figure]]] = {p: {t: [] for t in by} for p, by in loads.items()}
        for _ in range(rounds):
            for path, by_target in loads.items():
                for target, requests in by_target.items():
                    samples[path][target].append(run_wrk(wrk, urls[target], requests, seconds))
    return {path: {target: median(figures) for target, figures in by.items()} for path, by in samples.items()}


def median(figures: list[Figure]) -> Figure:
    """The median of each figure over rounds; errors summed."""
    return Figure(
        statistics.median(f.rps for f in figures),
        statistics.median(f.p50_ms for f in figures),
        statistics.median(f.p99_ms for f in figures),
        sum(f.errors for f in figures),
    )


def report(city: City, results: dict[str, dict[str, Figure]]) -> None:
    print(
        f"  city: {city.communities} communities, {len(city.screens)} screens, "
        f"{city.notices} notices, {city.honours} honours, {city.events} events"
    )
    print(f"  {'path':<24}{'target':<14}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}{'× limit':>9}{'× PG':>7}")
    for path, by_target in results.items():
        limit = by_target.get("limit")
        pg = by_target.get("postgraphile")
        for target, f in by_target.items():
            vs_limit = f"{f.rps / limit.rps:.2f}" if limit else "–"
            vs_pg = f"{f.rps / pg.rps:.2f}" if pg else "–"
            print(
                f"  {path:<24}{target:<14}{f.rps:>9.0f}{f.p50_ms:>9.1f}{f.p99_ms:>9.1f}{f.errors:>8}"
                f"{vs_limit:>9}{vs_pg:>7}"
            )


def ensure_postgraphile() -> None:
    if not (POSTGRAPHILE / "node_modules" / "postgraphile").is_dir():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=POSTGRAPHILE, check=True)


async def _city(dsn: str, scale: float) -> City:
    return await build_city(dsn, content_scale=scale)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.http")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--content-scale", type=float, default=1.0)
    args = parser.parse_args(argv)
    ensure_postgraphile()
    print("Side by side over HTTP (python -m tests.bench.http): Qile, the limit (no GraphQL), PostGraphile 4")

    async def prepare() -> None:
        async with bench_database() as dsn:
            city = await _city(dsn, args.content_scale)
            # Servers and wrk are separate processes: run them outside this event loop.
            await asyncio.to_thread(lambda: report(city, measure(city, args.seconds, args.rounds)))

    asyncio.run(prepare())
    return 0


if __name__ == "__main__":
    sys.exit(main())
