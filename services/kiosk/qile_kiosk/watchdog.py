"""The self-check: if the main loop stops ticking, exit so systemd restarts us.

A frozen loop can't heal itself, so a separate thread watches its heartbeat
and ends the process; `Restart=always` in the unit brings rendering back.
When systemd's watchdog is enabled (NOTIFY_SOCKET), the loop's ticks are also
reported with WATCHDOG=1, so a hang of the whole process is caught too.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from collections.abc import Callable

log = logging.getLogger(__name__)

EXIT_STALLED = 70


def sd_notify(message: str) -> bool:
    address = os.environ.get("NOTIFY_SOCKET")
    if not address:
        return False
    if address.startswith("@"):
        address = "\0" + address[1:]  # an abstract socket
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
            sock.connect(address)
            sock.sendall(message.encode())
        return True
    except OSError:
        return False


class Watchdog:
    def __init__(
        self,
        last_tick: Callable[[], float],
        limit: float,
        on_stall: Callable[[], None] | None = None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.last_tick = last_tick
        self.limit = limit
        self.on_stall = on_stall or (lambda: os._exit(EXIT_STALLED))
        self.monotonic = monotonic
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def check(self) -> bool:
        """True while the loop is alive; calls on_stall once it is not."""
        stalled = self.monotonic() - self.last_tick() > self.limit
        if stalled:
            log.critical("main loop has not ticked for %.0f s: restarting", self.limit)
            self.on_stall()
        return not stalled

    def start(self) -> None:
        def loop() -> None:
            while not self._stop.wait(min(5.0, self.limit / 4)):
                if not self.check():
                    return

        self._thread = threading.Thread(target=loop, name="qile-watchdog", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
