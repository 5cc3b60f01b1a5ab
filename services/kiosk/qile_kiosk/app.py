"""The main loop: events → update → draw → tick, with polling off the loop.

Drawing never waits on the network: the poller thread posts messages and the
loop drains them each tick. A frame is drawn only when what it shows changes
(a slide, the minute on the clock, the state), so an idle screen idles.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import queue
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pygame

from qile_kiosk.cache import FeedCache
from qile_kiosk.client import ScreenStatus
from qile_kiosk.clock import ServerClock
from qile_kiosk.config import KioskConfig
from qile_kiosk.contact import LastContact, latest
from qile_kiosk.feed import BRAND, SHANGHAI
from qile_kiosk.fonts import Fonts
from qile_kiosk.frames import FrameSink
from qile_kiosk.images import ImageStore
from qile_kiosk.layout import Layout
from qile_kiosk.pairing import TokenStore
from qile_kiosk.photos import feed_photos
from qile_kiosk.plays import PlayLog
from qile_kiosk.poller import (
    FeedArrived,
    FeedUnchanged,
    ImagesArrived,
    Message,
    Paired,
    PairingShown,
    Poller,
    PollFailed,
    ScreenshotWanted,
    Unpaired,
)
from qile_kiosk.render import Frame, Renderer, clock_text, date_text, moment_text
from qile_kiosk.rotation import Rotation
from qile_kiosk.slides import NoticeSlide, build_rotation, content_signature
from qile_kiosk.state import KioskState, Mode
from qile_kiosk.typeset import Typesetter

log = logging.getLogger(__name__)

# Screenshots go to staff downscaled: enough to see what shows, small to send.
SCREENSHOT_SIDE = 960
# The console page where staff enter a pairing code (services/console/src/router.ts), when
# an API older than screenPairingStart's claimUrl does not say.
PAIRING_PAGE = "/console/admin/screens"


def shanghai_now() -> datetime:
    return datetime.now(SHANGHAI)


class Kiosk:
    def __init__(
        self,
        config: KioskConfig,
        headless: bool = False,
        frames: Path | None = None,
        now: Callable[[], datetime] | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        poll: bool = True,
        keep_frames: int | None = None,
    ) -> None:
        token_from_pairing = not config.token
        if token_from_pairing:
            # A token received by pairing earlier, unless configured otherwise.
            config = replace(config, token=TokenStore(config.token_path).load())
        self.config = config
        # The local clock, corrected by the API's (see clock.py), unless a test fixes the time.
        self.now: Callable[[], datetime] = now or ServerClock(shanghai_now, config.cache_dir / "clock-offset")
        self.monotonic = monotonic
        if headless:
            # The same drawing code, on SDL's off-screen driver.
            os.environ["SDL_VIDEODRIVER"] = "dummy"
        pygame.display.init()
        flags = pygame.FULLSCREEN if config.fullscreen and not headless else 0
        self.surface = pygame.display.set_mode(config.size, flags)
        pygame.display.set_caption("齐乐 · 社区屏")
        pygame.mouse.set_visible(headless or not config.fullscreen)
        self.layout = Layout.for_size(*config.size)
        self.ts = Typesetter(Fonts.discover(config.font_path, config.font_index))
        self.cache = FeedCache(config.cache_dir)
        self.cache.remove_leftovers()  # before anything here writes to the folder
        self.images = ImageStore(self.cache)
        self.renderer = Renderer(self.layout, self.ts, self.images)
        self.sink = FrameSink(frames, keep_frames) if frames else None
        self.plays = PlayLog(config.cache_dir / "plays.sqlite3")
        cached = self.cache.load()
        if cached is not None:
            self.cache.verify_images(set(feed_photos(cached.feed)))
        self.contact = LastContact(config.cache_dir / "last-contact")
        # Offline since the API last answered, which may be later than the content last changed.
        contacted = latest(cached.fetched_at if cached else None, self.contact.load())
        self.state = KioskState.initial(bool(config.token), cached.feed if cached else None, contacted)
        self.rotation = Rotation()
        self._signature: tuple[str, ...] | None = None
        # Why the content cannot be shown (building its rotation failed), until it can.
        self.unshowable: str | None = None
        # Parts of a step failing now (status, frame, events): logged once each.
        self.failing_parts: set[str] = set()
        self.last_frame: Frame | None = None
        self._unpreparable: Frame | None = None  # the last page that could not be rendered ahead
        self.frames_drawn = 0
        self.last_tick = monotonic()
        self.running = True
        self.answered = cached is None and not config.token  # has the first poll answered?
        self.poller: Poller | None = None
        if poll:
            # Without a token the poller pairs first.
            since = cached.feed.version if cached else None
            observe = self.now.observe if isinstance(self.now, ServerClock) else None
            self.poller = Poller(
                config,
                self.cache,
                self.now,
                since=since,
                plays=self.plays,
                observe_time=observe,
                feed=cached.feed if cached else None,
                token_from_pairing=token_from_pairing,
            )

    # Lifecycle ---------------------------------------------------------------
    def start(self) -> None:
        if self.poller:
            self.poller.start()

    def close(self) -> None:
        if self.poller:
            self.poller.stop()
        # What was showing until now counts; it would be lost with the process.
        self._record_play(self.monotonic())
        self.plays.close()
        pygame.display.quit()

    # Update ------------------------------------------------------------------
    def handle_events(self) -> None:
        for event in pygame.event.get():
            if event.type == pygame.QUIT or (event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE):
                self.running = False

    def apply(self, message: Message) -> None:
        if isinstance(message, FeedArrived):
            self.state = self.state.on_feed(message.feed, message.fetched_at)
            self.contact.save(message.fetched_at)
            self.images.clear()
            self.renderer.forget()
            self._signature = None  # rebuild the rotation
        elif isinstance(message, FeedUnchanged):
            self.state = self.state.on_unchanged(message.fetched_at)
            self.contact.save(message.fetched_at)
        elif isinstance(message, PollFailed):
            self.state = self.state.on_failure(message.error, message.unauthenticated)
        elif isinstance(message, PairingShown):
            self.state = self.state.on_pairing_code(message.code, message.expires_at, message.claim_url)
        elif isinstance(message, Paired):
            self.state = self.state.on_paired()
            return  # the first feed is still to come
        elif isinstance(message, Unpaired):
            self.state = self.state.on_unpaired()
            self._signature = None
            return
        elif isinstance(message, ImagesArrived):
            self.images.clear()  # it holds None for the photos that were missing
            self.renderer.forget()
            self.last_frame = None  # the frame's description is unchanged: draw anyway
            self._signature = None  # a poster or photo that arrived gets its slide
            return
        elif isinstance(message, ScreenshotWanted):
            self._send_screenshot()
            return
        self.answered = True

    def _send_screenshot(self) -> None:
        """Capture what is on screen now, downscaled, for the poller to upload."""
        if self.poller is None:
            return
        w, h = self.surface.get_size()
        scale = min(1.0, SCREENSHOT_SIDE / max(w, h))
        small = pygame.transform.smoothscale(self.surface, (round(w * scale), round(h * scale)))
        out = io.BytesIO()
        pygame.image.save(small, out, "screenshot.png")
        with contextlib.suppress(queue.Full):  # one is already waiting to go
            self.poller.screenshots.put_nowait(out.getvalue())

    def _report_status(self) -> None:
        """What the next heartbeat says; a new value only when something changed."""
        if self.poller is None:
            return
        state = self.state
        version = state.feed.version if state.feed else None
        status = ScreenStatus(version, state.mode.value, state.last_error)
        if self.unshowable is not None and state.mode in (Mode.SHOWING, Mode.OFFLINE):
            # Staff see the standby screen that is drawn, and why, not "showing".
            status = ScreenStatus(version, Mode.STANDBY.value, self.unshowable)
        if status != self.poller.status:
            self.poller.status = status

    def drain(self) -> None:
        if self.poller is None:
            return
        while True:
            try:
                message = self.poller.messages.get_nowait()
            except queue.Empty:
                return
            try:
                self.apply(message)
            except Exception:
                # Logged once per message; the screen goes on with what it had.
                log.exception("message %s not applied", type(message).__name__)

    def update(self) -> Frame:
        self.drain()
        try:
            self._report_status()
        except Exception:
            # The heartbeat keeps saying what it said; the screen goes on.
            self._failing("status", "cannot work out the status to report")
        else:
            self._recovered("status")
        wall, mono = self.now(), self.monotonic()
        try:
            self._schedule(wall, mono)
        except Exception as exc:
            self._cannot_show(exc, wall, mono)
        try:
            frame = self.frame(wall)
        except Exception:
            # What the frame says (a clock, the offline stamp) cannot be worked
            # out: the standby screen with the brand, never a crash.
            self._failing("frame", "cannot describe the frame; showing the standby screen")
            feed = self.state.feed
            return Frame(Mode.STANDBY, feed.screen if feed else None, feed.brand if feed else BRAND, clock="", date="")
        self._recovered("frame")
        return frame

    def _failing(self, part: str, message: str) -> None:
        """Log a part's failure once, with its trace, until it works again (each frame would repeat it)."""
        if part not in self.failing_parts:
            log.exception(message)
        self.failing_parts.add(part)

    def _recovered(self, part: str) -> None:
        if part in self.failing_parts:
            log.info("%s works again", part)
            self.failing_parts.discard(part)

    def _schedule(self, wall: datetime, mono: float) -> None:
        """Rebuild the rotation when the content changed, else advance it when a slide's time is up."""
        # Refused by the API: the standby screen says so, and nothing rotates (or counts as played).
        feed = self.state.feed if self.state.mode is not Mode.STANDBY else None
        signature = content_signature(feed, wall)
        if signature != self._signature:
            # New feed, or an item's window ended by the local clock. Noted first:
            # content that cannot be built is not tried again on every frame.
            self._signature = signature
            slides, urgent = build_rotation(feed, wall, self.layout, self.ts, self.images.usable)
            outgoing, started = self.rotation.current, self.rotation.started
            if self.rotation.replace(slides, urgent, mono) and outgoing is not None:
                # Cut short by new content: it was still shown, so it still counts.
                self.plays.record(outgoing.item_id, wall, mono - started)
            if self.unshowable is not None:
                log.info("content showing again")
            self.unshowable = None
        elif self.rotation.due(mono, self.config.slide_seconds):
            self._record_play(mono)
            self.rotation.advance(mono)

    def _cannot_show(self, exc: Exception, wall: datetime, mono: float) -> None:
        """Like a slide that cannot be drawn, content that cannot be laid out must never
        crash the screen: with the feed cached on disk, every restart would crash again.
        The standby screen shows until another feed (or the clock) changes the content."""
        if self.unshowable is None:
            log.exception("cannot show the content; showing the standby screen")
        self.unshowable = f"{type(exc).__name__}: {exc}"
        outgoing, started = self.rotation.current, self.rotation.started
        self.rotation.clear(mono)
        if outgoing is not None:
            # Cut short, it was still shown; recording may be what failed, so once only.
            try:
                self.plays.record(outgoing.item_id, wall, mono - started)
            except Exception:
                log.exception("play of %s not recorded", outgoing.item_id)

    def _record_play(self, mono: float) -> None:
        slide = self.rotation.current
        if slide is not None:
            self.plays.record(slide.item_id, self.now(), mono - self.rotation.started)

    def frame(self, wall: datetime, upcoming: bool = False) -> Frame:
        """What to draw now; `upcoming`: the frame the next slide will be, as things stand."""
        state = self.state
        feed = state.feed
        offline = state.mode is Mode.OFFLINE and state.fetched_at is not None
        slide = self.rotation.upcoming if upcoming else self.rotation.current
        pairing = state.mode is Mode.PAIRING
        return Frame(
            mode=state.mode,
            screen=feed.screen if feed else None,
            brand=feed.brand if feed else BRAND,
            clock=clock_text(wall),
            date=date_text(wall),
            slide=slide,
            urgent=isinstance(slide, NoticeSlide) and slide.notice.urgent,
            offline_since=moment_text(state.fetched_at, wall) if offline and state.fetched_at else None,
            status=self.status_line(),
            pairing_code=state.pairing_code if pairing else None,
            pairing_url=self.pairing_url() if pairing else None,
        )

    def pairing_url(self) -> str:
        """The page that claims the code shown: the API's claimUrl (the code filled in, on its
        public address), or from an API older than that, the screens page at the kiosk's API address."""
        return self.state.pairing_claim_url or self.config.api_url.rstrip("/") + PAIRING_PAGE

    def status_line(self) -> str | None:
        state = self.state
        if state.mode is Mode.FETCHING:
            return "正在连接服务器…"
        if state.mode is Mode.STANDBY:
            if state.unauthenticated:
                # Shown content before: the screen's authorisation was withdrawn.
                return "屏幕授权已失效，请联系社区工作人员" if state.feed else "屏幕未获授权，请联系社区工作人员"
            return "暂时无法连接服务器，正在重试"
        if state.mode is Mode.PAIRING:
            if state.pairing_code is None or state.last_error is not None:
                return "本屏幕尚未配置，正在连接服务器获取配对码…"
            expires = state.pairing_expires_at
            return f"配对码{clock_text(expires)}前有效" if expires else "本屏幕尚未配置，请联系社区工作人员"
        if state.feed is not None and self.rotation.current is None:
            return "内容暂时无法显示，正在等待更新" if self.unshowable else "暂无内容"
        return None

    # Draw --------------------------------------------------------------------
    def draw(self, frame: Frame, force: bool = False) -> bool:
        if frame == self.last_frame and not force:
            return False
        try:
            self.renderer.draw(self.surface, frame)
        except Exception:
            # One bad item (odd content, a font quirk) must never crash-loop the
            # screen: leave it out and show the rest, until the content changes
            # (the rotation is rebuilt then, and the item tried again).
            log.exception("cannot draw slide %s; leaving it out", frame.slide.key if frame.slide else None)
            self.rotation.drop_current(self.monotonic())
            frame = replace(frame, slide=self.rotation.current)
            try:
                self.renderer.draw(self.surface, frame)
            except Exception:
                log.exception("cannot draw the next slide either; showing the standby screen")
                self.renderer.draw(self.surface, replace(frame, slide=None))
        pygame.display.flip()
        self.last_frame = frame
        self.frames_drawn += 1
        if self.sink:
            try:
                self.sink.save(self.surface)
            except (OSError, pygame.error) as exc:
                log.warning("frame not saved: %s", exc)
        return True

    def prepare_next(self) -> bool:
        """Render the next slide's page while this one shows, so that its first frame is a blit.

        One page at a time, in a tick that drew nothing: a tick's work stays one page's at most.
        A page that cannot be drawn is left to the draw path, which leaves its slide out."""
        if self.last_frame is None or self.last_frame.slide is None:
            return False
        frame = self.frame(self.now(), upcoming=True)
        if frame == self._unpreparable:
            return False
        try:
            return self.renderer.prepare(frame, self.surface)
        except Exception as exc:
            self._unpreparable = frame
            log.warning("cannot render the next slide ahead (%s); it is tried again when it shows", exc)
            return False

    def step(self) -> bool:
        try:
            self.handle_events()
        except Exception:
            # The display's event queue is not content: log, and keep drawing.
            self._failing("events", "cannot read the display's events")
        else:
            self._recovered("events")
        drawn = self.draw(self.update())
        if not drawn:
            self.prepare_next()
        self.last_tick = self.monotonic()
        return drawn

    def run(self, until: Callable[[], bool] | None = None, max_seconds: float | None = None) -> None:
        clock = pygame.time.Clock()
        deadline = None if max_seconds is None else self.monotonic() + max_seconds
        while self.running:
            self.step()
            if until is not None and until():
                return
            if deadline is not None and self.monotonic() >= deadline:
                return
            clock.tick(self.config.fps)

    def wait_for_answer(self, timeout: float) -> None:
        """Until the first poll answers (or fails): for --once and tests."""
        deadline = self.monotonic() + timeout
        while not self.answered and self.monotonic() < deadline:
            self.drain()
            if self.poller is None:
                break
            time.sleep(0.05)

    def run_once(self, timeout: float = 20.0) -> int:
        """One full rotation, each slide drawn once, as --once promises."""
        self.wait_for_answer(timeout)
        self.draw(self.update(), force=True)
        for _ in range(max(0, len(self.rotation.slides) - 1)):
            self.rotation.advance(self.monotonic())
            self.draw(self.frame(self.now()), force=True)
        return self.frames_drawn
