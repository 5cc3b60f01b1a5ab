"""Does a poll cost more when the city holds more content?

`python -m tests.bench.scale [--scale X] [--seconds S] [--rounds R]`

Two databases on one server hold the same city (1,000 communities, 3,000
screens), one with the content of `tests/bench/city.py` and one with `X`
times as much (notices, honours, events). One Qile worker serves each,
pinned to core 0; wrk on core 1 loads one at a time, interleaved over the
rounds, the median shown. The target: an unchanged poll within 10 % at 10×.
"""

from __future__ import annotations

import argparse
import asyncio
import sys

from tests.bench.city import City, build_city
from tests.bench.database import bench_database
from tests.bench.http import Figure, ensure_wrk, median, qile_server, run_wrk, workloads
from tests.servers import free_port

PATHS = ("unchanged poll (GET 304)", "unchanged poll (POST)", "full feed")


def measure(cities: dict[str, City], seconds: int, rounds: int) -> dict[str, dict[str, Figure]]:
    wrk = ensure_wrk()
    small, large = cities.values()
    with qile_server(small, free_port()) as one, qile_server(large, free_port()) as many:
        urls = dict(zip(cities, (one, many), strict=True))
        loads = {name: workloads(cities[name], url, url) for name, url in urls.items()}
        samples: dict[str, dict[str, list[Figure]]] = {p: {n: [] for n in cities} for p in PATHS}
        for _ in range(rounds):
            for path in PATHS:
                for name, url in urls.items():
                    samples[path][name].append(run_wrk(wrk, url, loads[name][path]["qile"], seconds))
    return {path: {name: median(figures) for name, figures in by.items()} for path, by in samples.items()}


def report(cities: dict[str, City], results: dict[str, dict[str, Figure]]) -> None:
    for name, city in cities.items():
        print(f"  {name}: {city.notices} notices, {city.honours} honours, {city.events} events")
    base = next(iter(cities))
    print(f"  {'path':<26}{'content':<10}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}{'× base':>8}")
    for path, by_name in results.items():
        for name, f in by_name.items():
            print(
                f"  {path:<26}{name:<10}{f.rps:>9.0f}{f.p50_ms:>9.1f}{f.p99_ms:>9.1f}{f.errors:>8}"
                f"{f.rps / by_name[base].rps:>8.2f}"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.scale")
    parser.add_argument("--scale", type=float, default=10)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    print(f"A poll's cost at 1× and {args.scale:g}× content (python -m tests.bench.scale)")

    async def run() -> None:
        async with bench_database() as small_dsn, bench_database() as large_dsn:
            cities = {
                "1×": await build_city(small_dsn),
                f"{args.scale:g}×": await build_city(large_dsn, content_scale=args.scale),
            }
            results = await asyncio.to_thread(measure, cities, args.seconds, args.rounds)
            report(cities, results)

    asyncio.run(run())
    return 0


if __name__ == "__main__":
    sys.exit(main())
