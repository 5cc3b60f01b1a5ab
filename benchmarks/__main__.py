"""`python -m benchmarks`: run every benchmark and print its figures."""

from __future__ import annotations

import sys

from benchmarks import kiosk


def main() -> int:
    kiosk.main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
