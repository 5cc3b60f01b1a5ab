"""One Qile worker's memory at saturation, over time.

`python -m tests.bench.soak [--minutes M] [--sample-seconds S]`

The city of `tests/bench/city.py`; one `qile-api serve --workers 1` pinned to
core 0; wrk pinned to core 1, as fast as it can, cycling over what a city's
screens send: mostly unchanged polls (GET 304), some POST polls, full feeds
and heartbeats. The worker's resident memory (VmRSS, /proc) is read every
few seconds; the figure is where it starts, its peak, where it ends, and
its growth over the second half of the run (a leak keeps growing once the
caches have filled; a flat line does not).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import threading
import time
from pathlib import Path

from qile_kiosk.documents import HEARTBEAT
from tests.bench.city import City, build_city
from tests.bench.database import bench_database
from tests.bench.http import Request, ensure_wrk, qile_server, run_wrk, workloads
from tests.servers import free_port


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for {pid}")


def mix(loads: dict[str, dict[str, list[Request]]]) -> list[Request]:
    """Per 10 requests: 7 GET 304, 1 POST poll, 1 full feed, 1 heartbeat."""
    gets = loads["unchanged poll (GET 304)"]["qile"]
    posts = loads["unchanged poll (POST)"]["qile"]
    fulls = loads["full feed"]["qile"]
    beats = [
        Request(json.dumps({"query": HEARTBEAT, "variables": {"input": {"mode": "showing"}}}), r.token) for r in posts
    ]
    out: list[Request] = []
    for i in range(len(gets)):
        out += gets[i : i + 1] * 7 + [posts[i], fulls[i], beats[i]]
    return out


def soak(city: City, minutes: float, every: float) -> list[tuple[float, float]]:
    wrk = ensure_wrk()
    pids: list[int] = []
    samples: list[tuple[float, float]] = []
    with qile_server(city, free_port(), pids) as qile:
        loads = workloads(city, qile, qile)
        requests = mix(loads)
        pid = pids[0]
        started = time.monotonic()
        done = threading.Event()

        def sample() -> None:
            while not done.is_set():
                samples.append((time.monotonic() - started, rss_mb(pid)))
                done.wait(every)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        try:
            figure = run_wrk(wrk, qile, requests, int(minutes * 60))
        finally:
            done.set()
            sampler.join()
        samples.append((time.monotonic() - started, rss_mb(pid)))
    f = figure
    print(f"  load: {f.rps:.0f} req/s, p50 {f.p50_ms:.1f} ms, p99 {f.p99_ms:.1f} ms, {f.errors} errors")
    return samples


def report(samples: list[tuple[float, float]]) -> None:
    start, peak, end = samples[0][1], max(mb for _, mb in samples), samples[-1][1]
    half = samples[len(samples) // 2][1]
    print(f"  RSS MB: start {start:.1f}, at half time {half:.1f}, peak {peak:.1f}, end {end:.1f}")
    print(f"  growth over the second half: {end - half:+.1f} MB")
    print("  t (s)  RSS (MB)")
    step = max(1, len(samples) // 12)
    for t, mb in samples[::step]:
        print(f"  {t:5.0f}  {mb:7.1f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.soak")
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--sample-seconds", type=float, default=10)
    args = parser.parse_args(argv)
    print(f"Memory of one worker at saturation over {args.minutes:g} minutes (python -m tests.bench.soak)")

    async def run() -> None:
        async with bench_database() as dsn:
            city = await build_city(dsn)
            samples = await asyncio.to_thread(soak, city, args.minutes, args.sample_seconds)
            report(samples)

    asyncio.run(run())
    return 0


if __name__ == "__main__":
    sys.exit(main())
