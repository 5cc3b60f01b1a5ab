"""What the rotation holds: slides built from the feed for one layout.

Pagination depends on the font and the layout, so slides are built with the
typesetter: nothing the API accepts is cut. Text wraps (titles and names
balanced), grows to fill a card when short, shrinks to the reading floor to
stay on one card, and otherwise pages at body size. How much fits is the
Layout's to say, which the renderer draws with too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from qile_kiosk.feed import SHANGHAI, ActivityPhoto, Event, Feed, Honour, Notice, Photo
from qile_kiosk.layout import Layout, line_step
from qile_kiosk.textwrap_zh import balance, paginate
from qile_kiosk.typeset import Typesetter

# A title takes at most this many lines before it steps down a size.
TITLE_LINES = 3
NAME_LINES = 2
LARGE_EVENT_MARK = "★"


@dataclass(frozen=True)
class EventRow:
    event: Event
    title_lines: tuple[str, ...]
    venue_lines: tuple[str, ...]


@dataclass(frozen=True)
class NoticeSlide:
    notice: Notice
    title_lines: tuple[str, ...]
    lines: tuple[str, ...]
    page: int
    pages: int
    title_size: int = 0
    size: int = 0  # the body's size: larger than body size when a short notice fills its card
    # Portrait: the coming events (with their codes) under a card that ends with its text.
    below: tuple[EventRow, ...] = ()

    @property
    def key(self) -> str:
        return f"notice:{self.notice.id}:{self.page}"

    @property
    def item_id(self) -> str:
        return self.notice.id


@dataclass(frozen=True)
class EventsSlide:
    rows: tuple[EventRow, ...]
    page: int
    pages: int
    qr: bool = False  # each row carries its event's code (rows without an address leave its place light)

    @property
    def events(self) -> tuple[Event, ...]:
        return tuple(r.event for r in self.rows)

    @property
    def key(self) -> str:
        return f"events:{self.page}:" + ",".join(e.id for e in self.events)

    @property
    def item_id(self) -> str:
        return "events"


@dataclass(frozen=True)
class HonourSlide:
    honour: Honour
    name_lines: tuple[str, ...] = ()
    name_size: int = 0
    lines: tuple[str, ...] = ()
    size: int = 0
    page: int = 1
    pages: int = 1

    @property
    def key(self) -> str:
        return f"honour:{self.honour.id}:{self.page}"

    @property
    def item_id(self) -> str:
        return self.honour.id


@dataclass(frozen=True)
class PosterSlide:
    """A notice's or event's poster, whole on the screen, its title small at the edge.

    `fallback` is what shows instead if the image cannot be drawn after all
    (its text slide): a broken image never blanks the screen.
    """

    item_id: str
    title: str
    photo: Photo
    fallback: NoticeSlide | EventsSlide

    @property
    def key(self) -> str:
        return f"poster:{self.item_id}:{self.photo.sha256[:12]}"


@dataclass(frozen=True)
class PhotoSlide:
    """A community activity photo on a gallery, with its caption."""

    photo: ActivityPhoto

    @property
    def key(self) -> str:
        return f"photo:{self.photo.id}:{self.photo.photo.sha256[:12]}"

    @property
    def item_id(self) -> str:
        return self.photo.id


Slide = NoticeSlide | EventsSlide | HonourSlide | PosterSlide | PhotoSlide
# Whether an image is in the cache and decodes (images.ImageStore.usable).
Usable = Callable[[str], bool]


def fitted_lines(
    ts: Typesetter, text: str, width: int, sizes: tuple[int, ...], most: int, bold: bool = False
) -> tuple[list[str], int]:
    """Balanced lines at the first size that needs at most `most` lines (else the last size's)."""
    lines: list[str] = []
    for size in sizes:
        lines = balance(ts.clean(text, bold), width, ts.measurer(size, bold))
        if len(lines) <= most:
            return lines, size
    return lines, sizes[-1]


def notice_slides(notice: Notice, layout: Layout, ts: Typesetter) -> list[NoticeSlide]:
    block = layout.notice_block(notice.urgent)
    width = block.box.w
    title_lines, title_size = fitted_lines(ts, notice.title, width, layout.title_sizes, TITLE_LINES, bold=True)
    n = len(title_lines)
    # Short text grows to fill its card; long text pages at body size.
    for size in layout.notice_body_sizes:
        lines = ts.wrap(notice.body, width, size, separate=True)
        per_page = block.lines_per_page(n, title_size, size)
        if len(paginate(lines, per_page)) == 1:
            break
    pages = paginate(lines, per_page)
    return [
        NoticeSlide(notice, tuple(title_lines), tuple(page), i + 1, len(pages), title_size, size)
        for i, page in enumerate(pages)
    ]


def event_row(event: Event, layout: Layout, ts: Typesetter, qr: bool = False) -> EventRow:
    title_w, venue_w = layout.event_cell_widths(qr)
    title = event.title + (f" {LARGE_EVENT_MARK}" if event.large_scale else "")
    venue = f"地点：{event.venue}" if layout.portrait else event.venue
    return EventRow(
        event,
        tuple(ts.wrap(title, title_w, layout.body_size)),
        tuple(ts.wrap(venue, venue_w, layout.label_size)),
    )


def notice_text_bottom(slide: NoticeSlide, layout: Layout) -> int:
    """Where a notice's last line ends in its card."""
    block = layout.notice_block(False)
    return block.lines_top(len(slide.title_lines), slide.title_size) + len(slide.lines) * line_step(slide.size)


def with_events_below(slide: NoticeSlide, events: list[Event], layout: Layout, ts: Typesetter) -> NoticeSlide:
    """Portrait: the coming events that fit under the notice's text, with their codes (none: as it was).

    A portrait card is tall; a short notice would leave most of it empty."""
    top = layout.below_rows_top(layout.notice_card(notice_text_bottom(slide, layout)).bottom)
    room, gap = layout.body.bottom - top + layout.event_row_gap, layout.event_row_gap
    rows: list[EventRow] = []
    for event in events:
        if not event.public_url:
            continue
        row = event_row(event, layout, ts, qr=True)
        room -= layout.event_row_height(len(row.title_lines), len(row.venue_lines), qr=True) + gap
        if room < 0:
            break
        rows.append(row)
    return replace(slide, below=tuple(rows)) if rows else slide


def event_slides(events: list[Event], layout: Layout, ts: Typesetter) -> list[EventsSlide]:
    if not events:
        return []
    # The API gives each event its resident page's address; a feed without any (an older
    # API, or a cache from before) keeps the schedule without the codes' column.
    qr = any(e.public_url for e in events)
    rows = [event_row(e, layout, ts, qr) for e in events]
    gap, room = layout.event_row_gap, layout.event_rows_room
    heights = [layout.event_row_height(len(r.title_lines), len(r.venue_lines), qr) + gap for r in rows]
    pages = even_pages(heights, room + gap)
    out, start = [], 0
    for n, size in enumerate(pages):
        out.append(EventsSlide(tuple(rows[start : start + size]), n + 1, len(pages), qr))
        start += size
    return out


def even_pages(heights: list[int], room: int) -> list[int]:
    """Rows per page: as few pages as the rows need, filled evenly (7 rows where 6 fit: 3 + 4, not 6 + 1)."""
    greedy = _greedy(heights, room)
    pages: list[int] = []
    i, remaining = 0, sum(heights)
    for left in range(len(greedy), 0, -1):
        # Each page takes rows until it holds its share of what remains.
        target, used, n = remaining / left, 0, 0
        while i + n < len(heights):
            h = heights[i + n]
            if n and (used + h > room or (left > 1 and used + h / 2 >= target)):
                break
            used, n = used + h, n + 1
        pages.append(n)
        i, remaining = i + n, remaining - used
    # Uneven heights may defeat the shares: then as many as fit, page by page.
    return pages if i == len(heights) else greedy


def _greedy(heights: list[int], room: int) -> list[int]:
    pages: list[int] = []
    used, count = 0, 0
    for h in heights:
        if count and used + h > room:
            pages.append(count)
            used, count = 0, 0
        used, count = used + h, count + 1
    pages.append(count)
    return pages


def honour_slides(honour: Honour, layout: Layout, ts: Typesetter) -> list[HonourSlide]:
    width = layout.honour_text_box.w
    name_lines, name_size = fitted_lines(ts, honour.subject_name, width, layout.honour_name_sizes, NAME_LINES, True)
    n = len(name_lines)
    # A citation shrinks to the reading floor to stay on one card, then pages at body size.
    for size in layout.honour_citation_sizes:
        lines = ts.wrap(honour.citation, width, size, separate=True)
        if len(paginate(lines, layout.honour_lines_per_page(n, name_size, size))) == 1:
            break
    else:
        size = layout.body_size
        lines = ts.wrap(honour.citation, width, size, separate=True)
    pages = paginate(lines, layout.honour_lines_per_page(n, name_size, size))
    return [
        HonourSlide(honour, tuple(name_lines), name_size, tuple(page), size, i + 1, len(pages))
        for i, page in enumerate(pages)
    ]


def urgent_rotation(urgent: list[NoticeSlide], rest: list[Slide]) -> list[Slide]:
    """The urgent notices' pages before each of the other slides: they hold most of the time,
    and the rest of the rotation keeps a share."""
    if not rest:
        return list(urgent)
    out: list[Slide] = []
    for slide in rest:
        out.extend(urgent)
        out.append(slide)
    return out


def _nothing_usable(_sha256: str) -> bool:
    return False


def poster_of(item: Notice | Event, usable: Usable) -> Photo | None:
    """The item's poster when it can be shown (in the cache, decodable); None: its text instead."""
    image = item.image
    return image.photo if image is not None and image.poster and usable(image.photo.sha256) else None


def bulletin_slides(feed: Feed, now: datetime, layout: Layout, ts: Typesetter, usable: Usable) -> list[Slide]:
    """A bulletin's rotation but for urgent notices: each notice as its poster or its text, then the
    schedule, then the coming events' posters."""
    out: list[Slide] = []
    events = feed.current_events(now)
    for notice in feed.current_notices(now):
        if notice.urgent:
            continue
        text = notice_slides(notice, layout, ts)
        if layout.portrait:
            # A portrait card ends with its text: the coming events (and their codes) fill the rest.
            text = [with_events_below(page, events, layout, ts) for page in text]
        poster = poster_of(notice, usable)
        out.extend([PosterSlide(notice.id, notice.title, poster, text[0])] if poster else text)
    out.extend(event_slides(events, layout, ts))
    for event in events:
        if poster := poster_of(event, usable):
            when = event.starts_at.astimezone(SHANGHAI)
            title = f"{event.title} · {when.month}月{when.day}日 {when:%H:%M}"
            out.append(PosterSlide(event.id, title, poster, event_slides([event], layout, ts)[0]))
    return out


def gallery_slides(feed: Feed, layout: Layout, ts: Typesetter, usable: Usable) -> list[Slide]:
    """Honours, then the activity photos that can be shown (a photo without pixels has no slide)."""
    out: list[Slide] = [s for honour in feed.honours for s in honour_slides(honour, layout, ts)]
    out.extend(PhotoSlide(p) for p in feed.photos if usable(p.photo.sha256))
    return out


def build_rotation(
    feed: Feed | None, now: datetime, layout: Layout, ts: Typesetter, usable: Usable = _nothing_usable
) -> tuple[list[Slide], bool]:
    """The slides to rotate through now, and whether an urgent notice is among them.

    An urgent notice in its window takes the whole screen on BULLETIN and GALLERY
    boards alike, every other slide; the rest of the rotation keeps the slides
    between, unless staff asked for exclusive display. Posters and photos show
    only when `usable` finds their image in the cache.
    """
    if feed is None:
        return [], False
    urgent = [n for n in feed.current_notices(now) if n.urgent]
    if feed.screen.kind == "GALLERY":
        rest = gallery_slides(feed, layout, ts, usable)
    else:
        rest = bulletin_slides(feed, now, layout, ts, usable)
    if not urgent:
        return rest, False
    urgent_slides = [s for n in urgent for s in notice_slides(n, layout, ts)]
    if any(n.exclusive for n in urgent):
        return list(urgent_slides), True
    return urgent_rotation(urgent_slides, rest), True


def content_signature(feed: Feed | None, now: datetime) -> tuple[str, ...]:
    """Changes exactly when the set of items showing changes by the clock."""
    if feed is None:
        return ()
    return (
        feed.version,
        *(n.id for n in feed.current_notices(now)),
        *(e.id for e in feed.current_events(now)),
    )
