"""QR codes on the real kiosk's frames, against the real API, read back by a real decoder.

For each layout, a bulletin's schedule pages (and, in portrait, the events
under a short notice) carry a code per event that zbarimg (Debian's
zbar-tools, installed by infra/install-zbar.sh when missing) reads back as
the event's public address, naming the screen; following it with an HTTP GET
opens that event's resident page and counts the scan for the screen. The
pairing screen's code reads back as the API's claimUrl, the console page
where staff claim it with the code filled in, and that page is served; from
an API older than claimUrl, the screens page at the kiosk's API address.
Nothing on the pairing screen reaches past the safe area (by pixels), and
OCR reads its hint and its code. Long titles and venues wrap (no "…"),
keeping the weekday and the large-event badge; no text is drawn over a code.
"""

from __future__ import annotations

import http.server
import json
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from qile_api import limits
from qile_api.db.database import Database
from qile_kiosk.app import PAIRING_PAGE, Kiosk
from qile_kiosk.palette import BRAND_RED
from qile_kiosk.qr_layout import MODULE_MM
from qile_kiosk.schedule import LEGEND, short_date
from qile_kiosk.standby import PAIRING_HINT
from tests.kiosk.conftest import SIZES, kiosk_config, new_screen, run_until
from tests.kiosk.fake_http import reply, serving
from tests.kiosk.maxed import text
from tests.kiosk.ocr import cjk, code_read, read, recall
from tests.kiosk.qr import coded_slides, decode
from tests.kiosk.test_screens_live import assert_no_cut_no_overlap, draw_recorded, recording
from tests.servers import ApiProcess

ROOT = Path(__file__).resolve().parents[2]
# Of the pairing hint's 11 characters, the share OCR must find: measured 0.91–1.0 (one missed).
HINT_RECALL = 0.8
# Of a pairing code's six characters, how many OCR may miss. Read alone in English (chi_sim
# reads Latin capitals as radicals), 13 of 15 codes tried came back exact; one gave "77" as
# "TT". That the code fits is shown by pixels (nothing outside the safe area), not by OCR.
CODE_MISREAD = 2
LONG_TITLE = text(limits.EVENT_TITLE.max, "扫码报名")
LONG_VENUE = text(limits.EVENT_VENUE.max, "党群服务中心")


@pytest.fixture(scope="module")
async def events(kiosk_db: Database) -> list[int]:
    """Three published events of the kiosk's community in the coming days; the first long and large."""
    now = datetime.now(UTC)
    ids = []
    for i, (title, venue, large) in enumerate(
        [
            (LONG_TITLE, LONG_VENUE, True),
            ("扫码测试·亲子阅读会", "社区图书室", False),
            ("扫码测试·太极拳", "广场", False),
        ]
    ):
        start = now + timedelta(days=1 + i, hours=2)
        ids.append(
            await kiosk_db.fetchval(
                """INSERT INTO events (region_id, category, title, venue, organiser, starts_at, ends_at, status,
                                       published_at, large_scale)
                   SELECT id, 'OUR_FESTIVALS', $1, $2, '工盛社区居委会', $3, $4, 'PUBLISHED', now(), $5
                   FROM regions WHERE name = '工盛社区' RETURNING id""",
                title,
                venue,
                start,
                start + timedelta(hours=2),
                large,
            )
        )
    return [int(i) for i in ids]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_each_event_carries_a_code_that_opens_its_resident_page(
    size: tuple[int, int], api: ApiProcess, kiosk_db: Database, events: list[int], tmp_path: Path, zbar: None
) -> None:
    # given a bulletin screen of the community with events coming
    name = f"扫码屏{size[0]}x{size[1]}"
    token = await new_screen(kiosk_db, "BULLETIN", name)
    screen_id = await kiosk_db.fetchval("SELECT id FROM screens WHERE name = $1", name)
    kiosk = Kiosk(kiosk_config(tmp_path, api.url, token, size), headless=True)
    try:
        # when every slide that shows events is drawn and its codes decoded
        decoded: dict[str, str] = {}  # address -> title of the row it was read from
        for n, slide in enumerate(coded_slides(kiosk, tmp_path)):
            texts, rows = slide.texts, slide.rows
            # then each row's code reads back as that event's address, and nothing covers it or is cut
            assert sorted(slide.read) == sorted(r.event.public_url for r in rows), (n, slide.read)
            assert_no_cut_no_overlap(texts, slide.boxes)
            for row in rows:
                assert row.event.public_url in texts  # its box recorded with the texts'
                # big enough to scan from 1.5 m: modules of 3 mm or more on a 55-inch panel (qr_layout.py)
                assert slide.module_mm(row.event.public_url) >= MODULE_MM
                decoded[row.event.public_url or ""] = row.event.title
                # with its weekday (11月30日 周一), alone or before the time (portrait)
                assert any(t.startswith(short_date(row.event.starts_at)) for t in texts)
                if row.event.title == LONG_TITLE:
                    # wrapped over lines, whole, with the badge; its meaning in the heading
                    assert len(row.title_lines) > 1 and "".join(row.title_lines) == f"{LONG_TITLE} ★"
                    assert "".join(row.venue_lines).removeprefix("地点：") == LONG_VENUE
                    assert LEGEND in texts

        # and each of our events' addresses, followed, is its resident page, counted for this screen
        async with httpx.AsyncClient() as http:
            for event_id in events:
                url = next((u for u in decoded if f"/e/{event_id}?" in u), None)
                assert url is not None, decoded
                assert url.startswith(api.url) and url.endswith(f"?s={screen_id}")
                page = await http.get(url)
                assert page.status_code == 200 and "text/html" in page.headers["content-type"]
                title = decoded[url]
                assert title in page.text and "报名" in page.text
                opens = await kiosk_db.fetchval(
                    "SELECT opens FROM event_scans WHERE event_id = $1 AND screen_id = $2", event_id, screen_id
                )
                assert opens == 1
    finally:
        kiosk.close()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_pairing_screen_codes_the_console_page_that_claims_it(
    size: tuple[int, int], api: ApiProcess, tmp_path: Path, zbar: None, ocr: None
) -> None:
    # given a kiosk without a token, showing the code the API gave it
    kiosk = Kiosk(kiosk_config(tmp_path, api.url, None, size), headless=True)
    recording(kiosk)
    kiosk.start()
    try:
        run_until(kiosk, lambda: kiosk.state.pairing_code is not None)
        kiosk.step()

        # when its frame is drawn
        texts, boxes = draw_recorded(kiosk, tmp_path / "pairing.png")

        # then the code, the clock and the address are there, inside the safe area, and the QR
        # code reads back as that address, which the API serves (the console's page)
        code = kiosk.state.pairing_code
        assert code is not None and " ".join(code) in texts
        assert kiosk.last_frame is not None and kiosk.last_frame.clock in texts
        # the API's claimUrl: the console page that claims it, the code filled in
        url = kiosk.state.pairing_claim_url
        assert url == f"{api.url.rstrip('/')}{PAIRING_PAGE}?pair={code}"
        assert url in texts
        assert_no_cut_no_overlap(texts, boxes)
        assert all(kiosk.layout.safe.contains(b) for b in boxes)
        assert decode(tmp_path / "pairing.png") == [url]
        page = httpx.get(url)
        assert page.status_code == 200 and "text/html" in page.headers["content-type"]
        # and, by pixels, nothing (the code least of all) reaches past the safe area: all there is
        # the screen's ground; OCR reads the hint, and the code from its box
        safe, surface = kiosk.layout.safe, kiosk.surface
        w, h = surface.get_size()
        outside = [(x, y) for x in range(0, w, 3) for y in range(0, h, 3) if not safe.collidepoint(x, y)]
        assert all(tuple(surface.get_at(p))[:3] == BRAND_RED for p in outside)
        # (the hint read from its own lines, with a margin: read with the whole frame, the code,
        # the clock and the QR's squares around it made a portrait frame's recall swing to 0.55)
        lines = [b for t, b in zip(texts, boxes, strict=True) if t and t in PAIRING_HINT]
        assert lines, texts
        part = lines[0].unionall(lines[1:]).inflate(48, 48).clip(surface.get_rect())
        assert recall(cjk(PAIRING_HINT), read(tmp_path / "pairing.png", part)) >= HINT_RECALL
        found = code_read(tmp_path / "pairing.png", boxes[texts.index(" ".join(code))])
        assert sum((Counter(code) & Counter(found)).values()) >= len(code) - CODE_MISREAD, (code, found)
    finally:
        kiosk.close()


class OlderApi(http.server.BaseHTTPRequestHandler):
    """An API from before claimUrl: it refuses a document asking for it, as GraphQL validation does."""

    def do_POST(self) -> None:
        query = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))["query"]
        if "claimUrl" in query:
            unknown = "Cannot query field 'claimUrl' on type 'ScreenPairingStartPayload'."
            answer: dict[str, object] = {"data": None, "errors": [{"message": unknown}]}
        elif "screenPairingStart" in query:
            started = {"code": "7K4Q2M", "secret": "qp_secret", "expiresAt": None, "errors": []}
            answer = {"data": {"screenPairingStart": started}}
        else:
            answer = {"data": {"screenPairingRedeem": {"status": "PENDING", "token": None, "errors": []}}}
        reply(self, 200, json.dumps(answer).encode(), "application/json")

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def older_api() -> Iterator[str]:
    with serving(OlderApi) as url:
        yield url


def test_an_older_api_without_claim_url_still_gets_the_screens_page_coded(
    older_api: str, tmp_path: Path, zbar: None
) -> None:
    # given a kiosk without a token, pairing with an API that has no claimUrl yet
    kiosk = Kiosk(kiosk_config(tmp_path, older_api, None), headless=True)
    recording(kiosk)
    kiosk.start()
    try:
        run_until(kiosk, lambda: kiosk.state.pairing_code is not None)
        kiosk.step()

        # when its frame is drawn
        texts, _boxes = draw_recorded(kiosk, tmp_path / "pairing.png")

        # then the code shows, with the screens page at the kiosk's API address, as text and as a QR code
        url = older_api + PAIRING_PAGE
        assert "7 K 4 Q 2 M" in texts and url in texts
        assert decode(tmp_path / "pairing.png") == [url]
    finally:
        kiosk.close()
