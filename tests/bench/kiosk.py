"""Kiosk figures: per-slide render time at 1920×1080, CPU while idle on a slide,
and memory across one hour's worth of simulated rotations.

Runs headless (SDL's dummy driver) on content shaped like the demo's, with no
API: the kiosk starts from a cache written here, as it would offline.
"""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import dataclasses
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

from qile_kiosk.app import Kiosk
from qile_kiosk.cache import FeedCache
from qile_kiosk.config import KioskConfig
from qile_kiosk.feed import SHANGHAI, parse_feed
from qile_kiosk.poller import FeedArrived

BODY = (
    "市委宣传部组织理论宣讲团深入社区，围绕社会主义核心价值观、美德健康新生活等主题，以群众喜闻乐见的方式开展宣讲。"
    "欢迎居民朋友到新时代文明实践站参加。如有疑问请拨打社区服务热线，或到党群服务中心一楼服务台咨询。"
)


def bench_feed(kind: str, now: datetime, version: str = "bench") -> dict[str, Any]:
    def notice(i: int, body: str) -> dict[str, Any]:
        return {
            "id": f"n{i}",
            "title": f"“党的声音进万家”理论宣讲进社区（第{i}期）",
            "body": body,
            "category": "POLICY",
            "categoryLabel": "政策宣传",
            "priority": 50,
            "urgent": False,
            "displayStart": (now - timedelta(days=1)).isoformat(),
            "displayEnd": (now + timedelta(days=30)).isoformat(),
        }

    def event(i: int) -> dict[str, Any]:
        start = now + timedelta(days=i + 1, hours=9)
        return {
            "id": f"e{i}",
            "title": f"第{i + 1}届邻居节暨百家宴",
            "description": "",
            "categoryLabel": "邻居节",
            "venue": "社区文化广场",
            "startsAt": start.isoformat(),
            "endsAt": (start + timedelta(hours=3)).isoformat(),
            "organiser": "社区居委会",
            "largeScale": i % 3 == 0,
        }

    def honour(i: int) -> dict[str, Any]:
        return {
            "id": f"h{i}",
            "title": "好邻居",
            "subjectKind": "PERSON",
            "subjectName": f"王秀兰{i}",
            "citation": BODY,
            "year": 2024,
            "photo": None,
        }

    gallery = kind == "GALLERY"
    return {
        "version": version,
        "notModified": False,
        "generatedAt": now.isoformat(),
        "validUntil": None,
        "brand": "里仁为美·齐乐融融",
        "screen": {
            "name": "大厅东屏",
            "kind": kind,
            "location": "党群服务中心一楼大厅",
            "community": {
                "name": "工盛社区",
                "theme": {"name": "齐有爱", "kind": "文明社区", "label": "齐有爱·文明社区"},
                "subdistrict": {"name": "车站街道"},
                "district": {"name": "张店区"},
            },
        },
        "notices": [] if gallery else [notice(1, BODY), notice(2, BODY * 4), notice(3, BODY[:40])],
        "honours": [honour(i) for i in range(6)] if gallery else [],
        "events": [] if gallery else [event(i) for i in range(8)],
    }


def rss_kib() -> int:
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") // 1024


class FakeClock:
    def __init__(self, start: datetime) -> None:
        self.start = start
        self.seconds = 0.0

    def monotonic(self) -> float:
        return self.seconds

    def now(self) -> datetime:
        return self.start + timedelta(seconds=self.seconds)


def make_kiosk(
    cache_dir: Path, kind: str, size: tuple[int, int], clock: FakeClock | None = None, odd: bool = False
) -> Kiosk:
    now = clock.now() if clock else datetime.now(SHANGHAI)
    FeedCache(cache_dir).save(parse_feed(odd_feed(kind, now) if odd else bench_feed(kind, now)), now)
    config = KioskConfig(
        api_url="http://127.0.0.1:9",
        token="bench",
        cache_dir=cache_dir,
        width=size[0],
        height=size[1],
        slide_seconds=12.0,
    )
    if clock is None:
        return Kiosk(config, headless=True, poll=False)
    return Kiosk(config, headless=True, poll=False, now=clock.now, monotonic=clock.monotonic)


def odd_feed(kind: str, now: datetime) -> dict[str, Any]:
    """Every displayed field at the API's maximum, an urgent notice and a 2,000-character notice
    (tests/kiosk/maxed.py): the content that cost 185–270 ms a redraw before slides were cached."""
    from tests.kiosk.maxed import maxed_bulletin, maxed_gallery

    feed = maxed_gallery() if kind == "GALLERY" else maxed_bulletin(urgent=True)
    feed["generatedAt"] = now.isoformat()
    for n in feed["notices"]:  # showing now, whatever day the bench runs
        n["displayStart"] = (now - timedelta(hours=1)).isoformat()
        n["displayEnd"] = (now + timedelta(hours=3)).isoformat()
    return feed


def per_slide_render(repeats: int = 15, odd: bool = False) -> dict[str, tuple[float, float, int]]:
    """Median and worst milliseconds per kind of slide at 1920×1080, as the main loop spends them:

    - "first": the slide's first frame when it comes round (its page rendered ahead);
    - "redraw": the clock's minute;
    - "ahead": rendering the next slide's page, in a tick that drew nothing (off the draw path);
    - "cold": a first frame with no page ready (the first slide after start or a new feed).
    """
    out: dict[str, list[float]] = {}

    def timed(name: str, action: Callable[[], object], times: int = 1) -> None:
        for _ in range(times):
            t0 = time.perf_counter()
            action()
            out.setdefault(name, []).append((time.perf_counter() - t0) * 1000)

    with tempfile.TemporaryDirectory() as tmp:
        for kind in ("BULLETIN", "GALLERY"):
            kiosk = make_kiosk(Path(tmp) / kind, kind, (1920, 1080), odd=odd)
            try:
                kiosk.update()
                # The first slide after start has no page ready: it is what "cold" measures.
                kiosk.draw(kiosk.frame(kiosk.now()), force=True)
                kiosk.prepare_next()
                kiosk.rotation.advance(kiosk.monotonic())
                for _ in range(len(kiosk.rotation.slides)):
                    frame = kiosk.frame(kiosk.now())
                    name = "urgent" if frame.urgent else type(frame.slide).__name__
                    draw = partial(kiosk.draw, frame, force=True)
                    timed(f"{name} first", draw)
                    timed(f"{name} redraw", draw, repeats)
                    kiosk.renderer.forget()
                    timed(f"{name} cold", draw)
                    coming = kiosk.frame(kiosk.now(), upcoming=True)
                    coming_name = "urgent" if coming.urgent else type(coming.slide).__name__
                    timed(f"{coming_name} ahead", kiosk.prepare_next)
                    kiosk.rotation.advance(kiosk.monotonic())
            finally:
                kiosk.close()
    per = {k: repeats if k.endswith("redraw") else 1 for k in out}
    return {k: (statistics.median(v), max(v), len(v) // per[k]) for k, v in out.items()}


def rebuild_ms() -> float:
    """Laying out the odd bulletin's rotation (pagination of every notice, schedule and card)."""
    from qile_kiosk.layout import Layout
    from qile_kiosk.slides import build_rotation

    with tempfile.TemporaryDirectory() as tmp:
        kiosk = make_kiosk(Path(tmp), "BULLETIN", (1920, 1080), odd=True)
        try:
            feed = kiosk.state.feed
            t0 = time.perf_counter()
            build_rotation(feed, kiosk.now(), Layout.for_size(1920, 1080), kiosk.ts)
            return (time.perf_counter() - t0) * 1000
        finally:
            kiosk.close()


def idle_cpu(seconds: float = 10.0) -> tuple[float, int]:
    """CPU share of one core while showing one slide, and frames drawn meanwhile."""
    with tempfile.TemporaryDirectory() as tmp:
        kiosk = make_kiosk(Path(tmp), "BULLETIN", (1920, 1080))
        try:
            kiosk.step()
            drawn = kiosk.frames_drawn
            # A slide that never rotates: only the clock's minute may redraw.
            kiosk.config = dataclasses.replace(kiosk.config, slide_seconds=10_000.0)
            cpu0, wall0 = time.process_time(), time.monotonic()
            kiosk.run(max_seconds=seconds)
            cpu, wall = time.process_time() - cpu0, time.monotonic() - wall0
            return cpu / wall * 100, kiosk.frames_drawn - drawn
        finally:
            kiosk.close()


def hour_of_rotation(hours: float = 1.0, fps: int = 5) -> tuple[int, int, int, int]:
    """RSS after 5 simulated minutes and after the hour, frames drawn, feeds applied."""
    clock = FakeClock(datetime(2026, 11, 28, 9, 0, tzinfo=SHANGHAI))
    with tempfile.TemporaryDirectory() as tmp:
        kiosk = make_kiosk(Path(tmp), "BULLETIN", (1920, 1080), clock)
        feeds = 0
        try:
            steps = int(hours * 3600 * fps)
            warm = 0
            for i in range(steps):
                clock.seconds = i / fps
                if i % (600 * fps) == 0 and i:
                    # A new feed every ten minutes: rotation and caches rebuilt.
                    now = clock.now()
                    kiosk.apply(FeedArrived(parse_feed(bench_feed("BULLETIN", now, f"v{i}")), now))
                    feeds += 1
                kiosk.step()
                if i == 300 * fps:
                    warm = rss_kib()
            return warm, rss_kib(), kiosk.frames_drawn, feeds
        finally:
            kiosk.close()


def main() -> None:
    print("kiosk benchmark (headless, SDL dummy driver, 1920×1080)")
    print("\nper-slide draw time (target: first and redraw at most 20 ms; ahead: off the draw path)")
    for name, (median, worst, slides) in per_slide_render().items():
        print(f"  {name:<18} {slides:>2} slides  median {median:6.1f} ms  worst {worst:6.1f} ms")
    print("\nper-slide draw time, odd content (every field at its maximum, urgent, 2,000 characters)")
    for name, (median, worst, slides) in per_slide_render(odd=True).items():
        print(f"  {name:<18} {slides:>2} slides  median {median:6.1f} ms  worst {worst:6.1f} ms")
    print(f"\nrotation rebuilt with odd content: {rebuild_ms():.0f} ms (off the redraw path: once per new feed)")
    cpu, frames = idle_cpu()
    print(f"\nidle on one slide for 10 s: CPU {cpu:.1f}% of one core, {frames} frames redrawn")
    warm, end, drawn, feeds = hour_of_rotation()
    print(
        f"\none simulated hour of rotation ({drawn} frames drawn, {feeds} feed updates):"
        f"\n  RSS after 5 min {warm / 1024:.1f} MiB, after 60 min {end / 1024:.1f} MiB,"
        f" growth {(end - warm) / 1024:+.1f} MiB"
    )
