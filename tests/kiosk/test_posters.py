"""Posters and activity photos on real frames: the real kiosk, headless, against the real API process.

A poster is uploaded through the API (mediaUpload: decoded, re-encoded),
attached to a published notice or event, fetched and cached by the kiosk and
drawn whole: the frame is inspected as pixels.
"""

from __future__ import annotations

import hashlib
import io
import json
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pygame
import pytest
from PIL import Image, ImageDraw

from qile_api.db.database import Database
from qile_api.media.sql import store_media
from qile_kiosk.app import Kiosk
from qile_kiosk.palette import PAPER
from qile_kiosk.slides import EventsSlide, NoticeSlide, PhotoSlide, PosterSlide
from qile_kiosk.state import Mode
from tests.api import staff
from tests.kiosk.conftest import SIZES, kiosk_config, new_screen, run_until
from tests.servers import ApiProcess, free_port

POSTER_GREEN = (30, 160, 90)
PHOTO_BLUE = (40, 90, 200)
UPLOAD = "mutation($file: Upload!) { mediaUpload(file: $file) { photo { sha256 } errors { code message } } }"


def poster_png(size: tuple[int, int], colour: tuple[int, int, int]) -> bytes:
    """A flat poster with a white ring inside its edge (the ring keeps JPEG's colours honest at the border)."""
    image = Image.new("RGB", size, colour)
    w, h = size
    ImageDraw.Draw(image).rectangle((w // 10, h // 10, w - w // 10, h - h // 10), outline=(255, 255, 255), width=6)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


async def uploaded(api: ApiProcess, db: Database, data: bytes) -> str:
    """Through the API's upload path, as the console sends it."""
    token = await staff.staff(db, f"poster-{uuid.uuid4().hex[:10]}", "EDITOR", "工盛社区")
    operations = {"query": UPLOAD, "variables": {"file": None}}
    async with httpx.AsyncClient(base_url=api.url, timeout=10) as client:
        response = await client.post(
            "/graphql",
            data={"operations": json.dumps(operations), "map": json.dumps({"0": ["variables.file"]})},
            files={"0": ("poster.png", data, "image/png")},
            headers={"X-Qile-Client": "tests", "Authorization": f"Bearer {token}"},
        )
    payload = response.json()["data"]["mediaUpload"]
    assert payload["errors"] == [], payload
    return str(payload["photo"]["sha256"])


async def poster_notice(db: Database, title: str, sha: str, kind: str = "POSTER") -> None:
    now = datetime.now(UTC)
    await db.execute(
        """INSERT INTO notices (region_id, category, title, body, priority, display_start, status, published_at,
                                image_sha256, image_kind)
           SELECT id, 'SERVICE', $1, '详见海报。', 100, $2, 'PUBLISHED', $2, $3, $4
           FROM regions WHERE name = '工盛社区'""",
        title,
        now - timedelta(minutes=5),
        sha,
        kind,
    )


def green_mask(surface: pygame.Surface, colour: tuple[int, int, int] = POSTER_GREEN) -> pygame.mask.Mask:
    return pygame.mask.from_threshold(surface, colour, (12, 12, 12, 255))


def bounds(mask: pygame.mask.Mask) -> pygame.Rect:
    """Where the colour is: the union of its parts (the ring splits a poster into a frame and a centre)."""
    rects = mask.get_bounding_rects()
    assert rects, "the colour is not on the frame"
    return rects[0].unionall(rects[1:])


def own_title(slide: object) -> str:
    """A slide's own title: not those of the slides it holds (a portrait notice lists coming events)."""
    if isinstance(slide, PosterSlide):
        return slide.title
    if isinstance(slide, PhotoSlide):
        return slide.photo.caption
    if isinstance(slide, NoticeSlide):
        return slide.notice.title
    return repr(slide)


def show(kiosk: Kiosk, wanted: type, title: str | None = None) -> object:
    """Turn the rotation to the first slide of that type (and title) and draw it."""
    for _ in range(len(kiosk.rotation.slides)):
        slide = kiosk.rotation.current
        if isinstance(slide, wanted) and (title is None or title in own_title(slide)):
            kiosk.draw(kiosk.frame(kiosk.now()), force=True)
            return slide
        kiosk.rotation.advance(kiosk.monotonic())
    raise AssertionError(f"no {wanted.__name__} in {[s.key for s in kiosk.rotation.slides]}")


def has_slide(kiosk: Kiosk, wanted: type, title: str) -> bool:
    return any(isinstance(s, wanted) and title in own_title(s) for s in kiosk.rotation.slides)


@pytest.mark.parametrize("size", SIZES)
async def test_a_poster_fills_the_screen_whole_and_letterboxed(
    api: ApiProcess, kiosk_db: Database, tmp_path: Path, size: tuple[int, int]
) -> None:
    portrait = size[1] > size[0]
    shape = (900, 1600) if portrait else (1600, 900)
    sha = await uploaded(api, kiosk_db, poster_png(shape, POSTER_GREEN))
    title = f"邻居节海报{size[0]}"
    await poster_notice(kiosk_db, title, sha)
    token = await new_screen(kiosk_db, "BULLETIN", f"海报屏{size[0]}x{size[1]}")
    kiosk = Kiosk(kiosk_config(tmp_path, api.url, token, size), headless=True, poll=True)
    kiosk.start()
    try:
        run_until(kiosk, lambda: has_slide(kiosk, PosterSlide, title))
        slide = show(kiosk, PosterSlide, title)
        assert isinstance(slide, PosterSlide)
        surface = kiosk.surface
        mask = green_mask(surface)
        box = bounds(mask)
        pygame.image.save(surface, str(tmp_path / "poster.png"))
        w, h = size
        # The poster's own pixels cover most of the frame, and its shape is kept (never cropped or stretched).
        assert mask.count() / (w * h) > 0.6, mask.count() / (w * h)
        assert abs(box.w / box.h - shape[0] / shape[1]) < 0.02, box
        assert box.top >= 0 and box.bottom < h and box.left >= 0 and box.right <= w
        # Letterboxed in the theme colour: the strip under it (and any bars beside it) are the accent.
        accent = kiosk.renderer.accent(kiosk.last_frame)  # type: ignore[arg-type]
        assert tuple(surface.get_at((2, h - 3)))[:3] == accent
        if box.left > 4:
            assert tuple(surface.get_at((box.left // 2, h // 2)))[:3] == accent
        # Its title runs small along the bottom edge, below the poster.
        under = [r for r in kiosk.ts.drawn if r.top >= box.bottom]
        assert under and all(r.bottom <= kiosk.layout.safe.bottom + 2 for r in under)
    finally:
        kiosk.close()


async def test_a_broken_poster_falls_back_to_the_text_slide(
    api: ApiProcess, kiosk_db: Database, tmp_path: Path
) -> None:
    # Bytes the API stored under their own hash that decode to nothing (as a damaged row would).
    garbage = b"not a poster at all" * 20
    sha = hashlib.sha256(garbage).hexdigest()
    await store_media(kiosk_db, sha, "image/jpeg", 600, 800, garbage)
    await poster_notice(kiosk_db, "损坏的海报", sha)
    good = await uploaded(api, kiosk_db, poster_png((1600, 900), POSTER_GREEN))
    await poster_notice(kiosk_db, "完好的海报", good)
    token = await new_screen(kiosk_db, "BULLETIN", "海报屏损坏")
    kiosk = Kiosk(kiosk_config(tmp_path, api.url, token), headless=True)
    kiosk.start()
    try:
        run_until(kiosk, lambda: has_slide(kiosk, PosterSlide, "完好的海报"))
        # The broken one is in the rotation as its text, and drawn as a notice card.
        assert not has_slide(kiosk, PosterSlide, "损坏的海报")
        slide = show(kiosk, NoticeSlide, "损坏的海报")
        assert isinstance(slide, NoticeSlide) and slide.notice.image is not None
        assert kiosk.last_frame is not None and kiosk.last_frame.slide == slide
        assert green_mask(kiosk.surface).count() == 0 and len(kiosk.ts.drawn) > 3
        assert green_mask(kiosk.surface, PAPER).count() > 0.1 * 1920 * 1080

        # A poster that breaks after the rotation was built (its cached file damaged): the text, not a blank.
        poster = show(kiosk, PosterSlide, "完好的海报")
        assert isinstance(poster, PosterSlide)
        path = kiosk.cache.image_path(good)
        assert path is not None
        path.write_bytes(b"\xff\xd8 damaged")
        kiosk.images.clear()
        kiosk.renderer.forget()
        kiosk.draw(kiosk.frame(kiosk.now()), force=True)
        # drawn as its notice card: the paper-coloured page with its text, none of the poster
        assert isinstance(poster.fallback, NoticeSlide) and green_mask(kiosk.surface).count() == 0
        assert green_mask(kiosk.surface, PAPER).count() > 0.1 * 1920 * 1080 and len(kiosk.ts.drawn) > 3
        assert kiosk.running
    finally:
        kiosk.close()


async def test_a_network_cut_keeps_the_cached_poster(api: ApiProcess, kiosk_db: Database, tmp_path: Path) -> None:
    sha = await uploaded(api, kiosk_db, poster_png((1600, 900), (200, 60, 140)))
    await poster_notice(kiosk_db, "断网海报", sha)
    token = await new_screen(kiosk_db, "BULLETIN", "海报屏断网")
    online = Kiosk(kiosk_config(tmp_path, api.url, token), headless=True)
    online.start()
    try:
        run_until(online, lambda: has_slide(online, PosterSlide, "断网海报"))
    finally:
        online.close()

    # The same screen restarted with the network gone: the cache has the feed and the poster.
    dead = f"http://127.0.0.1:{free_port()}"
    offline = Kiosk(kiosk_config(tmp_path, dead, token), headless=True)
    offline.start()
    try:
        run_until(offline, lambda: offline.state.mode is Mode.OFFLINE and has_slide(offline, PosterSlide, "断网海报"))
        show(offline, PosterSlide, "断网海报")
        assert green_mask(offline.surface, (200, 60, 140)).count() / (1920 * 1080) > 0.6
    finally:
        offline.close()


async def test_a_gallery_shows_activity_photos_with_their_caption(
    api: ApiProcess, kiosk_db: Database, tmp_path: Path
) -> None:
    sha = await uploaded(api, kiosk_db, poster_png((1200, 900), PHOTO_BLUE))
    event_poster = await uploaded(api, kiosk_db, poster_png((900, 1200), POSTER_GREEN))
    starts = datetime.now(UTC) - timedelta(days=3)
    await kiosk_db.execute(
        """INSERT INTO events (region_id, category, title, starts_at, ends_at, status, published_at,
                               image_sha256, image_kind, image_people, image_consent_by, image_consent_method,
                               image_consent_at)
           SELECT id, 'NEIGHBOUR_FESTIVAL', '上周邻居节', $1, $2, 'PUBLISHED', $1, $3, 'PHOTO', true,
                  '照片中居民本人', '现场口头同意', $1
           FROM regions WHERE name = '工盛社区'""",
        starts,
        starts + timedelta(hours=3),
        sha,
    )
    soon = datetime.now(UTC) + timedelta(days=2)
    await kiosk_db.execute(
        """INSERT INTO events (region_id, category, title, starts_at, ends_at, status, published_at,
                               image_sha256, image_kind)
           SELECT id, 'LECTURE', '健康讲座', $1, $2, 'PUBLISHED', $1, $3, 'POSTER'
           FROM regions WHERE name = '工盛社区'""",
        soon,
        soon + timedelta(hours=2),
        event_poster,
    )
    # One kiosk at a time: pygame has one display.
    gallery = Kiosk(
        kiosk_config(tmp_path / "g", api.url, await new_screen(kiosk_db, "GALLERY", "照片墙")), headless=True
    )
    gallery.start()
    try:
        run_until(gallery, lambda: has_slide(gallery, PhotoSlide, "上周邻居节"))
        show(gallery, PhotoSlide, "上周邻居节")
        blue = green_mask(gallery.surface, PHOTO_BLUE)
        box = bounds(blue)
        assert abs(box.w / box.h - 4 / 3) < 0.02 and blue.count() / (1920 * 1080) > 0.15
        # The caption is drawn under the photo.
        assert any(r.top >= box.bottom for r in gallery.ts.drawn)
        # The coming event's poster is a bulletin's: no slide here.
        assert not has_slide(gallery, PosterSlide, "健康讲座")
    finally:
        gallery.close()

    # A coming event's poster gets its own slide on a bulletin, besides its row on the schedule.
    bulletin = Kiosk(
        kiosk_config(tmp_path / "b", api.url, await new_screen(kiosk_db, "BULLETIN", "活动海报屏"), (1080, 1920)),
        headless=True,
    )
    bulletin.start()
    try:
        run_until(bulletin, lambda: has_slide(bulletin, PosterSlide, "健康讲座"))
        assert any(isinstance(s, EventsSlide) for s in bulletin.rotation.slides)
        assert not any(isinstance(s, PhotoSlide) for s in bulletin.rotation.slides)
        show(bulletin, PosterSlide, "健康讲座")
        green = green_mask(bulletin.surface)
        assert green.count() / (1080 * 1920) > 0.6
        assert abs(bounds(green).w / bounds(green).h - 900 / 1200) < 0.02
    finally:
        bulletin.close()
