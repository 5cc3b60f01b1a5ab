"""While an urgent notice runs, the rest of a screen's rotation keeps its share, unless staff asked for it alone.

The real kiosk against the real API: `exclusive` travels from the notice,
through the screen feed and the kiosk's document, into its rotation.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from qile_api.db.database import Database
from qile_kiosk.app import Kiosk
from qile_kiosk.slides import NoticeSlide
from tests.kiosk.conftest import kiosk_config, new_screen, run_until
from tests.servers import ApiProcess

TITLE = "燃气管道抢修"


def urgent_only(kiosk: Kiosk) -> bool:
    return all(isinstance(s, NoticeSlide) and s.notice.title == TITLE for s in kiosk.rotation.slides)


async def test_an_urgent_notice_shares_the_screen_unless_it_is_exclusive(
    api: ApiProcess, kiosk_db: Database, tmp_path: Path
) -> None:
    # given a bulletin showing the demo's notices and schedule, and an urgent notice (not exclusive) published
    token = await new_screen(kiosk_db, "BULLETIN", "应急共享屏")
    now = datetime.now(UTC)
    notice_id = await kiosk_db.fetchval(
        """INSERT INTO notices (region_id, category, title, body, urgent, display_start, display_end,
                                status, published_at)
           SELECT id, 'SERVICE', $3, '请勿使用明火。', true, $1, $2, 'PUBLISHED', $1
           FROM regions WHERE name = '工盛社区' RETURNING id""",
        now - timedelta(minutes=1),
        now + timedelta(hours=3),
        TITLE,
    )
    kiosk = Kiosk(kiosk_config(tmp_path, api.url, token), headless=True)
    kiosk.start()
    try:
        # when the kiosk fetches it
        run_until(kiosk, lambda: kiosk.rotation.urgent)
        slides = kiosk.rotation.slides

        # then the urgent notice comes before every other slide, and the others are still there
        others = [s for s in slides if not (isinstance(s, NoticeSlide) and s.notice.title == TITLE)]
        assert others and not urgent_only(kiosk)
        assert all(isinstance(a, NoticeSlide) and a.notice.title == TITLE for a in slides[::2])

        # when staff make it exclusive, then at the next poll it plays alone
        await kiosk_db.execute("UPDATE notices SET exclusive = true WHERE id = $1", notice_id)
        run_until(kiosk, lambda: kiosk.rotation.urgent and urgent_only(kiosk))
        assert kiosk.state.feed is not None and any(n.exclusive for n in kiosk.state.feed.notices)
    finally:
        kiosk.close()
        await kiosk_db.execute("UPDATE notices SET urgent = false, exclusive = false WHERE id = $1", notice_id)
