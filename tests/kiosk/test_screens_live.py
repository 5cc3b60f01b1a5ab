"""Frames of the real kiosk against the real API, read back as a person would: by pixels and by OCR.

For each layout: an urgent notice at the longest title and a long text takes
the whole screen in urgent red and reads "紧急通知" (tesseract, chi_sim, from
Debian: installed by infra/install-tesseract.sh when missing); an honour
whose name starts with a character of CJK Extension B shows that character
(its ink, from a fallback face) and the rest of the name; no frame of
maximum-length content holds "…", and no two drawn text boxes overlap.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import combinations
from pathlib import Path

import pygame
import pytest

from qile_api import limits
from qile_api.db.database import Database
from qile_kiosk.app import Kiosk
from qile_kiosk.emergency import LABEL, issued_text
from qile_kiosk.palette import URGENT_RED
from qile_kiosk.render import moment_text
from qile_kiosk.slides import HonourSlide, NoticeSlide
from qile_kiosk.state import Mode
from tests.kiosk.board_cases import RecordingTypesetter
from tests.kiosk.conftest import SIZES, kiosk_config, new_screen, run_until
from tests.kiosk.maxed import NAME, text
from tests.kiosk.ocr import read
from tests.kiosk.test_live import share_of
from tests.servers import ApiProcess


def texts_and_boxes(kiosk: Kiosk) -> tuple[list[str], list[pygame.Rect]]:
    ts = kiosk.ts
    assert isinstance(ts, RecordingTypesetter)
    return [c[1] for c in ts.calls], list(ts.drawn)


def recording(kiosk: Kiosk) -> None:
    """The kiosk's typesetter, recording what it draws (text and box), as the board cases do."""
    ts = RecordingTypesetter(kiosk.ts.fonts)
    kiosk.ts = kiosk.renderer.ts = kiosk.renderer.honour_card.ts = ts


def draw_recorded(kiosk: Kiosk, path: Path) -> tuple[list[str], list[pygame.Rect]]:
    assert isinstance(kiosk.ts, RecordingTypesetter)
    kiosk.ts.calls = []
    kiosk.renderer.forget()  # drawn afresh, so every text is recorded
    kiosk.draw(kiosk.frame(kiosk.now()), force=True)
    pygame.image.save(kiosk.surface, str(path))
    return texts_and_boxes(kiosk)


def assert_no_cut_no_overlap(texts: list[str], boxes: list[pygame.Rect]) -> None:
    assert not any("…" in t for t in texts), texts
    overlaps = [(texts[i], texts[j]) for (i, a), (j, b) in combinations(enumerate(boxes), 2) if a.colliderect(b)]
    assert not overlaps, overlaps


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_an_urgent_notice_is_an_emergency_on_every_layout(
    size: tuple[int, int], api: ApiProcess, kiosk_db: Database, tmp_path: Path, ocr: None
) -> None:
    # given an urgent notice with the longest title and a long text, published from now for three hours
    title = text(limits.NOTICE_TITLE.max, "燃气管道抢修")
    now = datetime.now(UTC)
    await kiosk_db.execute(
        """INSERT INTO notices (region_id, category, title, body, urgent, display_start, display_end,
                                status, published_at)
           SELECT id, 'SERVICE', $3, $4, true, $1, $2, 'PUBLISHED', $1 FROM regions WHERE name = '工盛社区'""",
        now - timedelta(minutes=1),
        now + timedelta(hours=3),
        title,
        text(300, "请勿使用明火。"),
    )
    try:
        token = await new_screen(kiosk_db, "GALLERY", f"应急屏{size[0]}x{size[1]}")
        kiosk = Kiosk(kiosk_config(tmp_path, api.url, token, size), headless=True)
        recording(kiosk)
        kiosk.start()
        try:
            # when the kiosk (a gallery screen, too) fetches it
            run_until(kiosk, lambda: kiosk.rotation.urgent)
            kiosk.step()
            slide = kiosk.rotation.current
            assert isinstance(slide, NoticeSlide) and slide.notice.title == title
            texts, boxes = draw_recorded(kiosk, tmp_path / "urgent.png")

            # then urgent red covers most of the frame, "紧急通知" reads from it, and the title is whole
            assert share_of(kiosk.surface, URGENT_RED) > 0.6
            assert "紧急通知" in read(tmp_path / "urgent.png", kiosk.layout.emergency_band)
            assert "".join(slide.title_lines) == title and all(line in texts for line in slide.title_lines)
            # with ⚠ and "紧急通知" larger than the title, and the time of issue
            assert kiosk.ts.clean(LABEL, True) in texts and kiosk.layout.emergency_label_size > slide.title_size
            assert issued_text(slide) in texts and issued_text(slide).endswith("发布")
            assert_no_cut_no_overlap(texts, boxes)
        finally:
            kiosk.close()
    finally:
        await kiosk_db.execute("UPDATE notices SET urgent = false WHERE urgent")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_a_name_the_primary_font_lacks_is_shown_whole(
    size: tuple[int, int], api: ApiProcess, kiosk_db: Database, tmp_path: Path, ocr: None
) -> None:
    # given an honour for a name that starts with 𪚥 (CJK Extension B), as long as the API allows,
    # with the longest title and citation
    await kiosk_db.execute("UPDATE notices SET urgent = false WHERE urgent")
    await kiosk_db.execute(
        """INSERT INTO honours (region_id, title, subject_kind, subject_name, citation, year, status,
                                published_at, consent_given_by, consent_given_at, consent_method)
           SELECT id, $1, 'PERSON', $2, $3, 2026, 'PUBLISHED', now(), $2, now(), '书面签字'
           FROM regions WHERE name = '工盛社区'
           AND NOT EXISTS (SELECT 1 FROM honours WHERE subject_name = $2)""",
        text(limits.HONOUR_TITLE.max, "最美"),
        NAME,
        text(limits.HONOUR_CITATION.max),
    )
    token = await new_screen(kiosk_db, "GALLERY", f"长廊{size[0]}x{size[1]}")
    kiosk = Kiosk(kiosk_config(tmp_path, api.url, token, size), headless=True)
    recording(kiosk)
    kiosk.start()
    try:
        # when its card comes round
        run_until(kiosk, lambda: kiosk.state.mode is Mode.SHOWING)
        kiosk.step()
        for _ in range(len(kiosk.rotation.slides)):
            current = kiosk.rotation.current
            if isinstance(current, HonourSlide) and current.honour.subject_name == NAME:
                break
            kiosk.rotation.advance(kiosk.monotonic())
        slide = kiosk.rotation.current
        assert isinstance(slide, HonourSlide) and slide.honour.subject_name == NAME
        texts, boxes = draw_recorded(kiosk, tmp_path / "honour.png")

        # then the name is drawn whole, 𪚥 included, and the rest of it reads back by OCR
        assert "".join(t for t in texts if t in slide.name_lines) == NAME
        assert slide.name_lines[0].startswith("𪚥") and "〓" not in "".join(slide.name_lines)
        assert "建华" in read(tmp_path / "honour.png")
        assert_no_cut_no_overlap(texts, boxes)
    finally:
        kiosk.close()


async def test_offline_after_a_restart_in_portrait_says_since_when(
    kiosk_dsn: str, kiosk_db: Database, tmp_path: Path, ocr: None
) -> None:
    # given a portrait bulletin that showed the feed, then lost the API and restarted
    token = await new_screen(kiosk_db, "BULLETIN", "竖屏离线")
    api = ApiProcess(kiosk_dsn).start()
    config = kiosk_config(tmp_path, api.url, token, (1080, 1920))
    kiosk = Kiosk(config, headless=True)
    kiosk.start()
    try:
        run_until(kiosk, lambda: kiosk.state.mode is Mode.SHOWING)
        contacted = kiosk.state.fetched_at
    finally:
        kiosk.close()
        api.stop()
    restarted = Kiosk(config, headless=True)
    recording(restarted)
    try:
        # when it draws, before any answer
        restarted.step()
        texts, boxes = draw_recorded(restarted, tmp_path / "offline.png")

        # then the stamp names the last contact, collides with nothing, and reads back
        assert contacted is not None and restarted.last_frame is not None
        assert restarted.last_frame.offline_since == moment_text(contacted, restarted.now())
        assert any(t.startswith("离线 · 最后联网") for t in texts)
        assert_no_cut_no_overlap(texts, boxes)
        lay = restarted.layout
        assert "离线" in read(
            tmp_path / "offline.png", pygame.Rect(0, lay.footer.y, lay.width, lay.height - lay.footer.y)
        )
    finally:
        restarted.close()
