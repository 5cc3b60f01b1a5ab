"""What the rotation holds: slides built from the feed for one layout.

Pagination depends on the font and the layout, so slides are built with the
typesetter: a long notice becomes several slides, never text cut off.
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


def notice_width(layout: Layout) -> int:
    return layout.body.w - 2 * layout.px(40)


def notice_lines_per_page(layout: Layout, ts: Typesetter, title_lines: int) -> int:
    """Body lines that fit under the label and a title of title_lines lines."""
    title_block = title_lines * ts.line_step(layout.title_size)
    label_block = ts.line_step(layout.small_size) + layout.gap
    room = layout.body.h - 2 * layout.px(32) - label_block - title_block - layout.gap
    return max(1, room // ts.line_step(layout.body_size))


def notice_slides(notice: Notice, layout: Layout, ts: Typesetter) -> list[NoticeSlide]:
    width = notice_width(layout)
    title_lines = ts.wrap(notice.title, width, layout.title_size, bold=True)
    if len(title_lines) > 2:
        # Titles are at most 30 characters (qile_api/limits.py); beyond two lines the rest is elided.
        title_lines = [title_lines[0], ts.fit("".join(title_lines[1:]), width, layout.title_size, True)]
    per_page = notice_lines_per_page(layout, ts, len(title_lines))
    pages = paginate(ts.wrap(notice.body, width, layout.body_size), per_page)
    return [NoticeSlide(notice, tuple(title_lines), tuple(lines), i + 1, len(pages)) for i, lines in enumerate(pages)]


def event_rows_per_page(layout: Layout, ts: Typesetter) -> int:
    header = ts.line_step(layout.title_size) + ts.line_step(layout.small_size)
    row = event_row_height(layout, ts)
    return max(1, (layout.body.h - header - layout.gap) // row)


def event_row_height(layout: Layout, ts: Typesetter) -> int:
    # Portrait rows stack date, title and venue; landscape rows are one table line.
    if layout.portrait:
        return 2 * ts.line_step(layout.body_size) + ts.line_step(layout.small_size) + layout.px(16)
    return round(ts.line_step(layout.body_size) * 1.15)


def event_slides(events: list[Event], layout: Layout, ts: Typesetter) -> list[EventsSlide]:
    if not events:
        return []
    fits = event_rows_per_page(layout, ts)
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
        slides.extend(event_slides(feed.current_events(now), layout, ts))
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
