"""What the rotation holds: slides built from the feed for one layout.

Pagination depends on the font and the layout, so slides are built with the
typesetter: a long notice becomes several slides, never text cut off. How
much fits is the Layout's to say, which the renderer draws with too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from qile_kiosk.feed import Event, Feed, Honour, Notice
from qile_kiosk.layout import Layout
from qile_kiosk.textwrap_zh import paginate
from qile_kiosk.typeset import Typesetter


@dataclass(frozen=True)
class NoticeSlide:
    notice: Notice
    title_lines: tuple[str, ...]
    lines: tuple[str, ...]
    page: int
    pages: int

    @property
    def key(self) -> str:
        return f"notice:{self.notice.id}:{self.page}"

    @property
    def item_id(self) -> str:
        return self.notice.id


@dataclass(frozen=True)
class EventsSlide:
    events: tuple[Event, ...]
    page: int
    pages: int

    @property
    def key(self) -> str:
        return f"events:{self.page}:" + ",".join(e.id for e in self.events)

    @property
    def item_id(self) -> str:
        return "events"


@dataclass(frozen=True)
class HonourSlide:
    honour: Honour

    @property
    def key(self) -> str:
        return f"honour:{self.honour.id}"

    @property
    def item_id(self) -> str:
        return self.honour.id


Slide = NoticeSlide | EventsSlide | HonourSlide


def notice_slides(notice: Notice, layout: Layout, ts: Typesetter) -> list[NoticeSlide]:
    width = layout.notice_text.w
    title_lines = ts.wrap(notice.title, width, layout.title_size, bold=True)
    if len(title_lines) > 2:
        # Titles are at most 30 characters (the API's limit), yet a narrow screen may
        # wrap one onto three lines: beyond two lines the rest is elided.
        title_lines = [title_lines[0], ts.fit("".join(title_lines[1:]), width, layout.title_size, True)]
    per_page = layout.notice_lines_per_page(len(title_lines))
    pages = paginate(ts.wrap(notice.body, width, layout.body_size), per_page)
    return [NoticeSlide(notice, tuple(title_lines), tuple(lines), i + 1, len(pages)) for i, lines in enumerate(pages)]


def event_slides(events: list[Event], layout: Layout) -> list[EventsSlide]:
    if not events:
        return []
    fits = layout.event_rows_per_page
    # As few pages as fit, filled evenly: 8 rows at 7 a page show as 4 + 4, not 7 + 1.
    count = -(-len(events) // fits)
    small, extra = divmod(len(events), count)
    pages, start = [], 0
    for n in range(count):
        end = start + small + (1 if n < extra else 0)
        pages.append(events[start:end])
        start = end
    return [EventsSlide(tuple(page), n + 1, len(pages)) for n, page in enumerate(pages)]


def build_rotation(feed: Feed | None, now: datetime, layout: Layout, ts: Typesetter) -> tuple[list[Slide], bool]:
    """The slides to rotate through now, and whether they are urgent ones.

    Urgent notices preempt everything: while any is in its window, the rotation
    is those notices alone.
    """
    if feed is None:
        return [], False
    notices = feed.current_notices(now)
    urgent = [n for n in notices if n.urgent]
    if urgent:
        return [s for n in urgent for s in notice_slides(n, layout, ts)], True
    slides: list[Slide] = []
    if feed.screen.kind == "GALLERY":
        slides.extend(HonourSlide(h) for h in feed.honours)
    else:
        for notice in notices:
            slides.extend(notice_slides(notice, layout, ts))
        slides.extend(event_slides(feed.current_events(now), layout))
    return slides, False


def content_signature(feed: Feed | None, now: datetime) -> tuple[str, ...]:
    """Changes exactly when the set of items showing changes by the clock."""
    if feed is None:
        return ()
    return (
        feed.version,
        *(n.id for n in feed.current_notices(now)),
        *(e.id for e in feed.current_events(now)),
    )
