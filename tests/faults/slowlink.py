"""A slow and lossy link between a kiosk and the API, played by a TCP proxy.

What `tc qdisc … netem delay 300ms loss 20%` does to a TCP connection, as
the endpoints see it: every segment arrives a fixed delay later, in order;
a lost segment arrives a retransmission timeout later still (and holds up
what follows it, as TCP's in-order delivery does); a lost SYN makes
connecting wait a second, then two more. (This machine's kernel has no
netem, so the test cannot use a network namespace with it; the proxy plays
the same link in user space.)
"""

from __future__ import annotations

import asyncio
import contextlib
import random

from tests.netfault import NetFault

# Linux's initial SYN retransmission timeout, doubling per retry.
SYN_TIMEOUT = 1.0


class SlowLink(NetFault):
    def __init__(self, upstream_url: str, delay: float, loss: float, seed: int = 1) -> None:
        super().__init__(upstream_url)
        self.delay = delay  # one way
        self.loss = loss
        self.random = random.Random(seed)
        self.lost = 0  # segments and SYNs lost so far

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _retransmission_timeout(self) -> float:
        # At least Linux's minimum (200 ms), and about twice the round trip.
        return max(0.2, 4 * self.delay)

    async def _accepted(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        wait = 0.0
        timeout = SYN_TIMEOUT
        while self.random.random() < self.loss:  # the SYN (or its answer) lost: the client sends it again
            self.lost += 1
            wait += timeout
            timeout *= 2
        await asyncio.sleep(wait + 2 * self.delay)  # the handshake's round trip
        await super()._accepted(reader, writer)

    async def _pump(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """Reading on, while what was read is delivered `delay` later, in order."""
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[tuple[float, bytes]] = asyncio.Queue()

        async def deliver() -> None:
            while True:
                at, data = await queue.get()
                if not data:
                    return
                await asyncio.sleep(max(0.0, at - loop.time()))
                writer.write(data)
                await writer.drain()

        sender = asyncio.create_task(deliver())
        last = 0.0
        with contextlib.suppress(OSError):
            try:
                while data := await reader.read(16384):
                    at = loop.time() + self.delay
                    if self.random.random() < self.loss:
                        self.lost += 1
                        at += self._retransmission_timeout()
                    last = max(last, at)  # in order: nothing overtakes a lost segment
                    queue.put_nowait((last, data))
                queue.put_nowait((last, b""))
                await sender
            finally:
                sender.cancel()
