"""`python -m tests.bench` (`make bench`): run every benchmark and print its figures."""

from __future__ import annotations

import sys

from tests.bench import feed, heartbeats, http, kiosk, reset, scale, soak


def main() -> int:
    feed.main()
    heartbeats.main()
    kiosk.main()
    reset.main([])
    http.main([])
    scale.main([])
    soak.main([])
    return 0


if __name__ == "__main__":
    sys.exit(main())
