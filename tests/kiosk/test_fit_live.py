"""Content at the longest the API accepts, made by staff through GraphQL, on the real kiosk's frames.

Issue 14's tests taken literally: a real API process holds content made with
the staff's own mutations (tests/kiosk/staff_content.py: a 2,000-character
notice, an urgent notice, eight events, an honour for 𪚥建华…, every text at
the limit qile_api.limits sets, in regions and screens whose names are at
theirs); the kiosk, with its real poller, fetches it on 1920×1080, 1280×720
and 1080×1920, and every slide of its rotation (every page) is drawn and read
back by OCR (tesseract, chi_sim, from Debian). For each frame: nothing drawn
and nothing read holds "…", no two drawn boxes (texts, QR codes) overlap,
all stay in the safe area, and OCR finds the characters drawn; over the
rotation, every value is drawn whole and OCR finds its characters. Then the
standby screen in portrait (a screen with nothing to show, restarted while
the API cannot be reached) names its community and screen. (The pairing
screen, read back the same way, is in test_qr_live.py with its QR code.)

OCR is imperfect: it misreads a few characters of a frame, more at the small
sizes of chrome (the footer at 1280×720). So characters are compared as sets,
with thresholds below what was measured (see FRAME_RECALL, VALUE_RECALL):
far above what a frame missing its text, or a value never drawn, would give.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import combinations
from pathlib import Path

import pygame
import pytest

from qile_api.db.database import Database
from qile_kiosk.app import Kiosk
from qile_kiosk.palette import BRAND_RED, OFFLINE_GREY, URGENT_RED, WHITE
from qile_kiosk.slides import EventsSlide, HonourSlide, NoticeSlide, Slide
from qile_kiosk.state import Mode
from tests.kiosk.conftest import SIZES, kiosk_config, run_until
from tests.kiosk.ocr import cjk, read, read_all, recall
from tests.kiosk.staff_content import Content, make_content
from tests.kiosk.test_live import share_of
from tests.kiosk.test_screens_live import draw_recorded, recording
from tests.pg import Databases, seeded_database
from tests.servers import ApiProcess, free_port

# Of the distinct characters a frame draws in the primary font, the share OCR must find.
# Measured over 72 frames: 0.87–1.0; what it misses is chrome (the theme's name in gold and
# the date on the header band, "年度" in grey), a character or two of the body at most. A
# frame whose running text were not drawn would fall far below: that text is most of it.
FRAME_RECALL = 0.8
# Of a value's distinct characters, the share OCR finds over the frames that show it.
# Measured: 0.92–1.0 (the lowest a 40-character venue at 1280×720, three characters missed).
VALUE_RECALL = 0.85


@pytest.fixture(scope="module")
async def kiosk_dsn(databases: Databases) -> str:
    """Reference data only: the screens show what this module's staff make, nothing else."""
    return await seeded_database(databases, "qile_fitlive")


@pytest.fixture(scope="module")
async def content(api: ApiProcess, kiosk_db: Database, ocr: None) -> Content:
    return await make_content(kiosk_db, api.url)


@dataclass
class Shot:
    slide: Slide | None
    texts: list[str]  # what was drawn (a QR code: its address)
    boxes: list[pygame.Rect]
    path: Path  # the frame as OCR sees it: QR codes blanked (their modules read as noise)
    share: dict[tuple[int, int, int], float]
    read: str = ""


def shoot(kiosk: Kiosk, path: Path) -> Shot:
    """The current frame drawn afresh, recorded, and saved for OCR."""
    texts, boxes = draw_recorded(kiosk, path)
    calls = kiosk.ts.calls  # type: ignore[attr-defined]
    share = {c: share_of(kiosk.surface, c) for c in (URGENT_RED, BRAND_RED, OFFLINE_GREY)}
    blank = kiosk.surface.copy()
    for call in calls:
        if call[0] == "box":
            blank.fill(WHITE, pygame.Rect(call[2:6]))
    pygame.image.save(blank, str(path))
    return Shot(
        kiosk.rotation.current if kiosk.last_frame and kiosk.last_frame.slide else None, texts, boxes, path, share
    )


def assert_well_drawn(kiosk: Kiosk, shot: Shot) -> None:
    texts, boxes = shot.texts, shot.boxes
    name = shot.path.name
    assert not any("…" in t for t in texts), (name, [t for t in texts if "…" in t])
    assert "…" not in shot.read and "..." not in shot.read, (name, shot.read)
    safe = kiosk.layout.safe
    assert all(safe.contains(b) for b in boxes), (
        name,
        [t for t, b in zip(texts, boxes, strict=True) if not safe.contains(b)],
    )
    overlaps = [(texts[i], texts[j]) for (i, a), (j, b) in combinations(enumerate(boxes), 2) if a.colliderect(b)]
    assert not overlaps, (name, overlaps)
    drawn = cjk("".join(t for t in texts if not t.startswith("http")))
    found = recall(drawn, shot.read)
    assert found >= FRAME_RECALL, (name, found, sorted(drawn - set(shot.read)))


def rotation(kiosk: Kiosk, out: Path) -> list[Shot]:
    """Every slide of the rotation once (every page; an urgent notice comes round between others)."""
    shots, seen = [], set()
    for n in range(len(kiosk.rotation.slides)):
        slide = kiosk.rotation.current
        assert slide is not None
        if slide.key not in seen:
            seen.add(slide.key)
            shots.append(shoot(kiosk, out / f"slide{n:02}.png"))
        kiosk.rotation.advance(kiosk.monotonic())
    for shot, text in zip(shots, read_all([s.path for s in shots]), strict=True):
        shot.read = text
    return shots


def whole(value: str, lines: list[str], shots: list[Shot], where: list[Shot], label: str = "") -> None:
    """`value` drawn whole (its lines, in order, each drawn; after `label` where one leads it),
    and read back by OCR from the frames showing it."""
    assert "".join(lines).removeprefix(label) == value, (value, lines)
    drawn = {t for s in shots for t in s.texts}
    assert all(line in drawn for line in lines), [line for line in lines if line not in drawn]
    found = recall(cjk(value), "".join(s.read for s in where))
    assert found >= VALUE_RECALL, (value[:12], found, sorted(cjk(value) - set("".join(s.read for s in where))))


def screen_rotation(url: str, token: str, size: tuple[int, int], content: Content, out: Path) -> list[Shot]:
    """A kiosk with its real poller fetches its screen's feed; its whole rotation, drawn and read
    back: each frame well drawn, and naming the community whole (the header, or the emergency footer)."""
    kiosk = Kiosk(kiosk_config(out, url, token, size), headless=True)
    recording(kiosk)
    kiosk.start()
    try:
        run_until(kiosk, lambda: kiosk.state.mode is Mode.SHOWING and bool(kiosk.rotation.slides))
        kiosk.step()
        shots = rotation(kiosk, out)
        for shot in shots:
            assert_well_drawn(kiosk, shot)
            assert any(content.community in t for t in shot.texts), shot.path.name
            if isinstance(shot.slide, NoticeSlide) and shot.slide.notice.urgent:
                # the emergency treatment: its colour covers most of the frame, its band reads 紧急通知
                assert shot.share[URGENT_RED] > 0.6, shot.path.name
                assert "紧急通知" in read(shot.path, kiosk.layout.emergency_band), shot.path.name
        assert recall(cjk(content.community), "".join(s.read for s in shots)) >= VALUE_RECALL
        return shots
    finally:
        kiosk.close()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_longest_bulletin_content_from_staff_is_shown_whole_and_reads_back(
    size: tuple[int, int], api: ApiProcess, content: Content, tmp_path: Path
) -> None:
    # given the staff's longest notice, an urgent notice and eight events, on a bulletin screen
    # when the kiosk fetches them, and every slide and page of its rotation is drawn
    shots = screen_rotation(api.url, content.bulletin[0], size, content, tmp_path)

    # then (each frame drawn well and read back, above) the notice: its title, and its 2,000
    # characters over its pages, whole
    pages = [s for s in shots if isinstance(s.slide, NoticeSlide) and s.slide.notice.title == content.notice["title"]]
    assert len(pages) > 1 and {s.slide.pages for s in pages} == {len(pages)}  # type: ignore[union-attr]
    first = pages[0].slide
    assert isinstance(first, NoticeSlide)
    whole(content.notice["title"], list(first.title_lines), shots, pages[:1])
    body = [line for s in pages for line in s.slide.lines if line.strip()]  # type: ignore[union-attr]
    whole(content.notice["body"], body, shots, pages)
    # the urgent notice, in the emergency treatment: its title and text whole
    urgent = [s for s in shots if isinstance(s.slide, NoticeSlide) and s.slide.notice.urgent]
    assert urgent and isinstance(urgent[0].slide, NoticeSlide)
    whole(content.urgent["title"], list(urgent[0].slide.title_lines), shots, urgent[:1])
    body = [line for s in urgent for line in s.slide.lines if line.strip()]  # type: ignore[union-attr]
    whole(content.urgent["body"], body, shots, urgent)
    # the eight events: each title (with ★ for a large one) and venue whole, in order of their start
    tables = [s for s in shots if isinstance(s.slide, EventsSlide)]
    rows = [r for s in tables for r in s.slide.rows]  # type: ignore[union-attr]
    assert [r.event.title for r in rows] == [e["title"] for e in content.events]
    for row, event in zip(rows, content.events, strict=True):
        mark = " ★" if row.event.large_scale else ""
        whole(event["title"] + mark, list(row.title_lines), shots, tables)
        whole(event["venue"], list(row.venue_lines), shots, tables, label="地点：")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_longest_honour_from_staff_is_shown_whole_and_reads_back(
    size: tuple[int, int], api: ApiProcess, content: Content, tmp_path: Path
) -> None:
    # given the staff's honour for 𪚥建华… (title, name and citation at the longest) on a gallery screen
    # when every slide and page of its rotation is drawn
    shots = screen_rotation(api.url, content.gallery[0], size, content, tmp_path)

    # then the honour is whole on every page: the name with 𪚥 (its other characters read back)
    pages = [s for s in shots if isinstance(s.slide, HonourSlide)]
    assert pages
    honour = content.honour
    for page in pages:
        slide = page.slide
        assert isinstance(slide, HonourSlide)
        whole(honour["subjectName"], [t for t in page.texts if t in slide.name_lines], shots, [page])
        assert slide.name_lines[0].startswith("𪚥")
        whole(honour["title"], [honour["title"]], shots, [page])
    citation = [line for s in pages for line in s.slide.lines if line.strip()]  # type: ignore[union-attr]
    whole(honour["citation"], citation, shots, pages)
    # and the urgent notice takes the gallery's turn too
    assert any(isinstance(s.slide, NoticeSlide) and s.slide.notice.urgent for s in shots)


def test_portrait_standby_names_the_community_and_the_screen(api: ApiProcess, content: Content, tmp_path: Path) -> None:
    # given a portrait screen of a community with nothing to show, which fetched its (empty) feed
    token, name, location = content.standby
    config = kiosk_config(tmp_path, api.url, token, (1080, 1920))
    kiosk = Kiosk(config, headless=True)
    kiosk.start()
    try:
        run_until(kiosk, lambda: kiosk.state.mode is Mode.SHOWING)
    finally:
        kiosk.close()

    # when it restarts where the API cannot be reached (nothing listens on its address)
    restarted = Kiosk(replace(config, api_url=f"http://127.0.0.1:{free_port()}"), headless=True)
    recording(restarted)
    restarted.start()
    try:
        run_until(restarted, lambda: restarted.state.last_error is not None)
        restarted.step()
        assert restarted.state.mode is Mode.OFFLINE and restarted.rotation.current is None
        shot = shoot(restarted, tmp_path / "standby.png")
        (shot.read,) = read_all([shot.path])

        # then the standby screen names the community and the screen (with its place when it fits),
        # whole, read back by OCR, with the offline mark; nothing cut, overlapping or outside the safe area
        assert_well_drawn(restarted, shot)
        assert content.empty_community in shot.texts
        assert f"{name} · {location}" in shot.texts or name in shot.texts
        for value in (content.empty_community, name):
            assert recall(cjk(value), shot.read) >= VALUE_RECALL, (value, shot.read)
        assert shot.share[OFFLINE_GREY] > 0 and any(t.startswith("离线 · 最后联网") for t in shot.texts)
    finally:
        restarted.close()
