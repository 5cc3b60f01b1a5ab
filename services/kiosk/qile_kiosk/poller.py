"""Background polling: a thread with its own asyncio loop, so drawing never waits.

The poller only talks to the main loop through a queue of messages. Failures
back off with full jitter (tenacity's random exponential wait) up to a cap and
are retried forever: a screen in a community hall has nobody to press retry.
During an outage a poll is retried no later than one poll interval after the
failed one started: an outage costs the API no more than polling does, and a
screen's offline stamp clears within one poll interval of the API answering
again (a cap of twice the interval kept screens marked offline for up to two
polls after an outage ended; one of minutes, for minutes).

Without a token it first pairs: shows a code (via a message), asks every few
seconds whether staff claimed it, stores the token it then receives once.
After each successful feed poll it sends a heartbeat, uploads recorded plays
and, when staff asked, the screenshot the drawing loop captured. Those extras
never make a feed poll fail: they are retried at the next poll.
"""

from __future__ import annotations

import asyncio
import logging
import queue
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

import httpx
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception,
    wait_fixed,
    wait_random_exponential,
)
from tenacity.wait import wait_base

from qile_kiosk.cache import FeedCache
from qile_kiosk.client import FeedClient, PairingCode, ScreenStatus, Unauthenticated
from qile_kiosk.config import KioskConfig
from qile_kiosk.feed import Feed
from qile_kiosk.pairing import TokenStore
from qile_kiosk.photos import PhotoFetcher, feed_photos
from qile_kiosk.plays import PlayLog

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FeedArrived:
    feed: Feed
    fetched_at: datetime


@dataclass(frozen=True)
class FeedUnchanged:
    fetched_at: datetime


@dataclass(frozen=True)
class PollFailed:
    error: str
    unauthenticated: bool


@dataclass(frozen=True)
class PairingShown:
    code: str
    expires_at: datetime | None
    claim_url: str | None = None


@dataclass(frozen=True)
class Paired:
    pass


@dataclass(frozen=True)
class Unpaired:
    """The token from pairing was revoked: it is forgotten and pairing starts again."""


@dataclass(frozen=True)
class ScreenshotWanted:
    pass


@dataclass(frozen=True)
class ImagesArrived:
    """Photos missing until now are in the cache: draw them."""


Message = FeedArrived | FeedUnchanged | PollFailed | PairingShown | Paired | Unpaired | ScreenshotWanted | ImagesArrived

# Plays per upload, and uploads per poll: a backlog from a long outage drains
# over a few polls without one huge request.
PLAYS_BATCH = 200
PLAYS_BATCHES_PER_POLL = 10
# Refusals in a row before a paired token is forgotten: one wrong answer (a
# restarting API, a proxy's hiccup) must not send a city's screens back to pairing.
UNPAIR_AFTER = 3

# How often an unpaired kiosk asks whether its code was claimed.
PAIRING_INTERVAL = 3.0
# Missing photos are retried on their own backoff, up to this far apart.
PHOTO_RETRY_CAP = 3600.0


def backoff_wait(cap: float, floor: float = 0.5) -> wait_base:
    """A short floor plus full jitter that doubles per failure, never above cap.

    Full jitter spreads a whole city's kiosks apart after an API restart, so
    they don't all come back in the same second.
    """
    wait: wait_base = wait_fixed(floor) + wait_random_exponential(multiplier=1, max=max(cap - floor, 0.0))
    return wait


# During an outage, polls are retried at most this many poll intervals apart.
RETRY_CAP_POLLS = 1.0


def poll_retry_wait(config: KioskConfig) -> wait_base:
    """The back-off of feed polls and pairing: up to one poll interval (or `backoff_cap`, if lower)."""
    return backoff_wait(min(config.backoff_cap, RETRY_CAP_POLLS * config.poll_interval))


class AttemptWait(wait_base):
    """`poll_retry_wait`, counted from when the failed attempt started rather than when it failed.

    An attempt that took long to fail (a request timing out on a cut link) has used up part of
    the wait: the next one still starts within one poll interval of it, so a screen learns the
    API is back within a poll of its return, however its attempts failed."""

    def __init__(self, config: KioskConfig, started: Callable[[], float]) -> None:
        self.backoff = poll_retry_wait(config)
        self.cap = min(config.backoff_cap, RETRY_CAP_POLLS * config.poll_interval)
        self.started = started

    def __call__(self, retry_state: RetryCallState) -> float:
        spent = time.monotonic() - self.started()
        return max(0.0, min(self.backoff(retry_state), self.cap - spent))


def jittered(interval: float) -> float:
    """The poll interval ±10%: kiosks started together drift apart."""
    return interval * random.uniform(0.9, 1.1)


class Poller:
    def __init__(
        self,
        config: KioskConfig,
        cache: FeedCache,
        now: Callable[[], datetime],
        since: str | None = None,
        plays: PlayLog | None = None,
        observe_time: Callable[[datetime], None] | None = None,
        feed: Feed | None = None,
        token_from_pairing: bool = False,
    ) -> None:
        self.config = config
        self.observe_time = observe_time
        self.cache = cache
        self.now = now
        self.version = since
        self.client = FeedClient(config)
        self.plays = plays
        photo_wait = backoff_wait(max(PHOTO_RETRY_CAP, config.backoff_cap))
        self.photos = PhotoFetcher(cache, lambda n: photo_wait(_attempt(n)))
        self.photos.want(feed)  # the cached feed's: a photo lost from the cache is fetched again
        self.tokens = TokenStore(config.token_path)
        # A token from pairing is ours to forget when revoked; a configured one is
        # the installer's, and the screen then says it is no longer authorised.
        self.token_from_pairing = token_from_pairing or not config.token
        self.messages: queue.Queue[Message] = queue.Queue()
        # Written by the drawing loop, read here: whole immutable values only.
        self.status = ScreenStatus()
        self.screenshots: queue.Queue[bytes] = queue.Queue(maxsize=1)
        self._screenshot_asked = False
        self._refusals = 0
        self._started_at = time.monotonic()
        self._attempt_started = self._started_at  # when the latest feed poll began
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._task: asyncio.Task[None] | None = None
        self._started = threading.Event()

    def start(self) -> None:
        self._thread = threading.Thread(target=self._thread_main, name="qile-poller", daemon=True)
        self._thread.start()
        self._started.wait(5)

    def stop(self, timeout: float = 5.0) -> None:
        loop, task = self._loop, self._task
        if loop is not None and task is not None and not loop.is_closed():
            loop.call_soon_threadsafe(task.cancel)
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _thread_main(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        try:
            self._task = loop.create_task(self.run())
            self._started.set()
            loop.run_until_complete(self._task)
        except asyncio.CancelledError:
            pass
        finally:
            loop.close()

    def _report(self, state: RetryCallState) -> None:
        exc = state.outcome.exception() if state.outcome else None
        retry_in = state.next_action.sleep if state.next_action else 0.0
        log.warning("poll failed (%s: %s); retrying in %.1f s", type(exc).__name__, exc, retry_in)
        if exc is not None:
            self._failed(exc)

    def _failed(self, exc: BaseException) -> None:
        self.messages.put(PollFailed(f"{type(exc).__name__}: {exc}", isinstance(exc, Unauthenticated)))

    async def run(self) -> None:
        while True:
            if not self.config.token:
                await self.pair()
            try:
                await self._poll_forever()
            except Unauthenticated as exc:
                self._unpair(exc)

    def _retry(self, exc: BaseException) -> bool:
        if isinstance(exc, Unauthenticated) and self.token_from_pairing:
            self._refusals += 1
            return self._refusals < UNPAIR_AFTER
        return isinstance(exc, Exception)

    async def _poll_forever(self) -> None:
        async with httpx.AsyncClient() as http:
            while True:
                retrying = AsyncRetrying(
                    wait=AttemptWait(self.config, lambda: self._attempt_started),
                    retry=retry_if_exception(self._retry),
                    before_sleep=self._report,
                    reraise=True,
                )
                async for attempt in retrying:
                    with attempt:
                        self._attempt_started = time.monotonic()
                        await self.poll_once(http)
                self._refusals = 0
                await asyncio.sleep(jittered(self.config.poll_interval))

    def _unpair(self, exc: Unauthenticated) -> None:
        """Staff revoked the screen (or deleted it): show a pairing code again, not stale news forever."""
        log.warning("the paired token was refused %d times (%s); pairing again", self._refusals, exc)
        self._refusals = 0
        self.tokens.clear()
        self.config = replace(self.config, token=None)
        self.client.config = self.config  # requests go out without the refused token
        self.version = None  # a new pairing may be another screen: ask for its whole feed
        self.messages.put(Unpaired())

    async def poll_feed(self, http: httpx.AsyncClient) -> None:
        feed = await self.client.fetch(self.version, http)
        if self.observe_time and self.client.server_time:
            self.observe_time(self.client.server_time)
        fetched_at = self.now()
        if feed is None:
            self.messages.put(FeedUnchanged(fetched_at))
            if await self.photos.fetch(http, self.client.fetch_bytes):
                self.messages.put(ImagesArrived())
            return
        self.photos.want(feed)
        await self.photos.fetch(http, self.client.fetch_bytes)
        try:
            self.cache.save(feed, fetched_at)
            self.cache.prune_images(set(feed_photos(feed)))
        except OSError as exc:
            # A full or read-only disk must not stop the screen from showing news.
            log.error("cannot write the cache: %s", exc)
        # Missing photos are retried by self.photos: `since` keeps an unchanged feed nearly free.
        self.version = feed.version
        self.messages.put(FeedArrived(feed, fetched_at))

    async def poll_once(self, http: httpx.AsyncClient) -> None:
        await self.poll_feed(http)
        try:
            await self.report(http)
        except Exception as exc:
            # The feed came through; the rest waits for the next poll.
            log.warning("heartbeat, plays or screenshot not sent: %s: %s", type(exc).__name__, exc)

    async def report(self, http: httpx.AsyncClient) -> None:
        uptime = int(time.monotonic() - self._started_at)
        if await self.client.heartbeat(self.status, uptime) and not self._screenshot_asked:
            self._screenshot_asked = True
            self.messages.put(ScreenshotWanted())
        try:
            png = self.screenshots.get_nowait()
        except queue.Empty:
            png = None
        if png is not None:
            try:
                await self.client.upload_screenshot(http, png)
            finally:
                # Sent or not, the next heartbeat that still asks gets a fresh one:
                # after a failed upload, staff would otherwise never get another.
                self._screenshot_asked = False
        await self.upload_plays()

    async def upload_plays(self) -> int:
        """Send recorded plays in batches; each leaves the local queue only once the API has it."""
        if self.plays is None:
            return 0
        sent = 0
        for _ in range(PLAYS_BATCHES_PER_POLL):
            batch = self.plays.pending(PLAYS_BATCH)
            if not batch:
                break
            done = await self.client.record_plays(batch)
            self.plays.acknowledge(done)
            sent += len(done)
            if len(batch) < PLAYS_BATCH or not done:
                break
        return sent

    async def pair(self) -> None:
        """Show a code until staff claim it; then store the token and carry on polling."""
        wait = poll_retry_wait(self.config)
        failures = 0
        pairing: PairingCode | None = None
        while True:
            try:
                if pairing is None:
                    pairing = await self.client.pairing_start()
                    if pairing is None:
                        raise RuntimeError("配对码暂不可用")
                    self.messages.put(PairingShown(pairing.code, pairing.expires_at, pairing.claim_url))
                else:
                    status, token = await self.client.pairing_redeem(pairing)
                    if status == "CLAIMED" and token:
                        self._paired(token)
                        return
                    if status != "PENDING":
                        pairing = None  # expired: show a new code
                        continue
                failures = 0
                await asyncio.sleep(min(PAIRING_INTERVAL, self.config.poll_interval))
            except Exception as exc:
                failures += 1
                retry_in = wait(_attempt(failures))
                log.warning("pairing: %s: %s; retrying in %.1f s", type(exc).__name__, exc, retry_in)
                self._failed(exc)
                await asyncio.sleep(retry_in)

    def _paired(self, token: str) -> None:
        try:
            self.tokens.save(token)
        except OSError as exc:
            # Keep going on the token in memory; a restart would pair again.
            log.error("cannot store the token at %s: %s", self.tokens.path, exc)
        self.config = replace(self.config, token=token)
        self.client = FeedClient(self.config)
        log.info("paired: token received")
        self.messages.put(Paired())


def _attempt(number: int) -> RetryCallState:
    """A retry state that says "attempt `number`", for using tenacity's wait outside a retry loop."""
    state = RetryCallState(retry_object=AsyncRetrying(), fn=None, args=(), kwargs={})
    state.attempt_number = number
    return state
