"""`qile-kiosk`: run a screen, or render frames headless."""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Sequence

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

from qile_kiosk.config import ConfigError, load_config, parse_args
from qile_kiosk.fonts import FontNotFound

log = logging.getLogger("qile_kiosk")


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        config = load_config(args)
    except ConfigError as exc:
        print(f"qile-kiosk: {exc}", file=sys.stderr)
        return 2
    # Imported late: pygame reads SDL_* variables when the display starts.
    from qile_kiosk.app import Kiosk
    from qile_kiosk.watchdog import Watchdog, sd_notify

    headless = args.headless or (args.once and not os.environ.get("DISPLAY"))
    try:
        kiosk = Kiosk(config, headless=headless, frames=args.frames, keep_frames=args.keep_frames)
    except FontNotFound as exc:
        print(f"qile-kiosk: {exc}", file=sys.stderr)
        return 3
    log.info("kiosk %s at %dx%d, API %s", "headless" if headless else "on screen", *config.size, config.api_url)
    kiosk.start()
    try:
        if args.once:
            drawn = kiosk.run_once()
            log.info("rendered one rotation: %d frames", drawn)
            return 0
        watchdog = Watchdog(lambda: kiosk.last_tick, config.watchdog_seconds)
        watchdog.start()
        sd_notify("READY=1")
        last_notify = 0.0

        def heartbeat() -> bool:
            nonlocal last_notify
            now = time.monotonic()
            if now - last_notify > 5:
                sd_notify("WATCHDOG=1")
                last_notify = now
            return False

        kiosk.run(until=heartbeat)
        watchdog.stop()
        return 0
    except KeyboardInterrupt:
        return 0
    finally:
        kiosk.close()


if __name__ == "__main__":
    sys.exit(main())
