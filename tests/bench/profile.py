"""Where an unchanged poll's time goes: py-spy on one API process while wrk polls it.

`python -m tests.bench.profile [--seconds S] [--path get|post] [--out DIR]`

One `qile-api serve --workers 1` pinned to core 0 over the demo content,
200 screens of 工盛社区 polling with their current version (`get`: the
kiosk's GET with If-None-Match; `post`: the feed document with `since`),
wrk pinned to core 1. py-spy samples the server meanwhile; the raw stacks go
to DIR and the summary (the share of samples in which each part of the
stack appears) to standard output. To profile another revision of the API,
put its `services/api` first on PYTHONPATH.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from qile_api.db.database import Database
from qile_api.screens.admin import add_screen
from qile_api.seed.demo import seed_demo
from qile_api.seed.reference import seed_reference
from tests.bench.database import bench_database
from tests.bench.http import FEED_PATH, SCREEN_FEED, Request, _feed, ensure_wrk, run_wrk, server
from tests.servers import free_port

SCREENS = 200

# Parts of the stack, by the file a frame comes from: a sample counts for the
# part of the innermost frame that belongs to one (its "self" time).
PARTS = {
    "Qile's code": ("qile_api/",),
    "GraphQL (strawberry, graphql-core)": ("strawberry/", "graphql/"),
    "HTTP/1.1 (h11, httptools, uvicorn's protocol)": ("h11/", "httptools/", "uvicorn/protocols/"),
    "asyncpg": ("asyncpg/",),
    "JSON": ("json/",),
    "Starlette": ("starlette/",),
    "the event loop and sockets": ("asyncio/", "selectors.py", "uvloop/"),
}


async def prepare(dsn: str) -> list[str]:
    db = await Database.connect(dsn, min_size=1, max_size=1)
    try:
        async with db.transaction() as tx:
            await seed_reference(tx)
            await seed_demo(tx)
        return [await add_screen(db, "工盛社区", "BULLETIN", f"性能屏{i}") for i in range(SCREENS)]
    finally:
        await db.close()


def _part(frame: str) -> str | None:
    return next((name for name, marks in PARTS.items() if any(m in frame for m in marks)), None)


def summarize(raw: Path) -> list[str]:
    """Self time per part of the stack and the busiest functions, from py-spy's raw stacks."""
    parts: Counter[str] = Counter()
    leaves: Counter[str] = Counter()
    total = 0
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        samples = int(count)
        total += samples
        frames = stack.split(";")
        parts[next((p for p in map(_part, reversed(frames)) if p), "other")] += samples
        leaves[frames[-1]] += samples
    lines = [f"{total} samples; self time by part of the stack:"]
    lines += [f"  {100 * n / total:5.1f} %  {name}" for name, n in parts.most_common()]
    lines.append("innermost frames:")
    lines += [f"  {100 * n / total:5.1f} %  {name}" for name, n in leaves.most_common(15)]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.profile")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--path", choices=["get", "post"], default="get")
    parser.add_argument("--out", type=Path, default=Path(".data/profiles"))
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    wrk = ensure_wrk()

    async def run() -> None:
        async with bench_database() as dsn:
            tokens = await prepare(dsn)
            await asyncio.to_thread(profile, dsn, tokens)

    def profile(dsn: str, tokens: list[str]) -> None:
        port = free_port()
        env = {"DATABASE_URL": dsn, "QILE_PORT": str(port), "QILE_HOST": "127.0.0.1", "QILE_GRAPHIQL": "false"}
        pids: list[int] = []
        command = [sys.executable, "-m", "qile_api.cli", "serve", "--workers", "1"]
        with server("qile", command, port, env, pids) as url:
            requests = []
            for token in tokens:
                version = _feed(url, token)["version"]
                if args.path == "get":
                    requests.append(Request("", token, FEED_PATH, f'"{version}"'))
                else:
                    requests.append(Request(json.dumps({"query": SCREEN_FEED, "variables": {"since": version}}), token))
            run_wrk(wrk, url, requests, 2)  # warm up
            raw = args.out / f"unchanged-{args.path}-{time.strftime('%Y%m%d-%H%M%S')}.txt"
            spy = subprocess.Popen(
                ["py-spy", "record", "-p", str(pids[0]), "-d", str(args.seconds), "-r", "250",
                 "-f", "raw", "-o", str(raw), "--nonblocking"],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )  # fmt: skip
            figure = run_wrk(wrk, url, requests, args.seconds)
            spy.wait(timeout=args.seconds + 30)
        print(f"unchanged poll ({args.path}): {figure.rps:.0f} req/s, p50 {figure.p50_ms:.1f} ms, "
              f"p99 {figure.p99_ms:.1f} ms, {figure.errors} errors (wrk -t1 -c16, under py-spy)")  # fmt: skip
        print(f"raw stacks: {raw}")
        print("\n".join(summarize(raw)))

    asyncio.run(run())
    return 0


if __name__ == "__main__":
    sys.exit(main())
