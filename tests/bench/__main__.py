"""`python -m tests.bench` (`make bench`): run every benchmark and print its figures."""

from __future__ import annotations

import asyncio
import sys

from tests.bench import feed, kiosk
from tests.bench.database import bench_database


async def _heartbeats() -> None:
    from qile_api.devices.bench import bench

    print("Heartbeats (python -m qile_api.devices.bench)")
    async with bench_database() as dsn:
        await bench(dsn, 5000)


def main() -> int:
    feed.main()
    asyncio.run(_heartbeats())
    kiosk.main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
