"""The screen feed as typed values, parsed defensively from the API's JSON.

A feed whose envelope (version, screen) does not parse is a FeedError: the
caller logs it and keeps the content it had. One notice, honour or event that
does not parse is left out, and the rest of the feed is shown: one bad item
must not blank a screen, least of all during an outage, when the cached feed
is all it has. Parsing is strict about shape so garbage never reaches drawing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

log = logging.getLogger(__name__)

T = TypeVar("T")

SHANGHAI = ZoneInfo("Asia/Shanghai")
BRAND = "里仁为美·齐乐融融"


class FeedError(ValueError):
    """The response is not a feed we can show."""


@dataclass(frozen=True)
class Photo:
    url: str
    width: int
    height: int
    sha256: str


@dataclass(frozen=True)
class Image:
    """A notice's or event's image: a poster gets a slide of its own; a photo is a gallery's."""

    poster: bool
    photo: Photo


@dataclass(frozen=True)
class ActivityPhoto:
    """A community activity photo for a gallery, with its caption."""

    id: str
    caption: str
    happened_at: datetime
    photo: Photo


@dataclass(frozen=True)
class Notice:
    id: str
    title: str
    body: str
    category_label: str
    priority: int
    urgent: bool
    display_start: datetime
    display_end: datetime | None
    # Urgent and shown alone: the rest of the rotation waits (staff's choice; else it keeps a share).
    exclusive: bool = False
    image: Image | None = None

    def showing(self, now: datetime) -> bool:
        return self.display_start <= now and (self.display_end is None or now < self.display_end)


@dataclass(frozen=True)
class Honour:
    id: str
    title: str
    subject_kind: str
    subject_name: str
    citation: str
    year: int
    photo: Photo | None


@dataclass(frozen=True)
class Event:
    id: str
    title: str
    category_label: str
    venue: str
    starts_at: datetime
    ends_at: datetime
    organiser: str
    large_scale: bool
    # The resident page (sign-up), its address naming this screen: what the event's QR code opens.
    public_url: str | None = None
    image: Image | None = None


@dataclass(frozen=True)
class ScreenInfo:
    name: str
    kind: str  # BULLETIN or GALLERY
    location: str
    community: str
    theme_label: str | None
    theme_name: str | None
    subdistrict: str
    district: str


@dataclass(frozen=True)
class Feed:
    version: str
    brand: str
    screen: ScreenInfo
    notices: tuple[Notice, ...] = ()
    honours: tuple[Honour, ...] = ()
    events: tuple[Event, ...] = ()
    photos: tuple[ActivityPhoto, ...] = ()
    generated_at: datetime | None = None
    valid_until: datetime | None = None
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def current_notices(self, now: datetime) -> list[Notice]:
        """What to show now by the local clock: windows end even while offline."""
        return [n for n in self.notices if n.showing(now)]

    def current_events(self, now: datetime) -> list[Event]:
        return sorted((e for e in self.events if e.ends_at > now), key=lambda e: e.starts_at)


def _obj(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise FeedError(f"{where}: expected an object")
    return value


def _str(data: dict[str, Any], key: str, where: str) -> str:
    value = data.get(key)
    if not isinstance(value, str):
        raise FeedError(f"{where}.{key}: expected a string")
    try:
        # JSON may carry a lone surrogate (\ud800): a str that is no text. No
        # font can draw it and no file can store it as UTF-8; drawing it would
        # raise on every frame.
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise FeedError(f"{where}.{key}: not valid text ({exc.reason})") from None
    return value


def _int(data: dict[str, Any], key: str, where: str) -> int:
    value = data.get(key)
    if not isinstance(value, int) or isinstance(value, bool):
        raise FeedError(f"{where}.{key}: expected an integer")
    return value


def _bool(data: dict[str, Any], key: str, where: str) -> bool:
    value = data.get(key)
    if not isinstance(value, bool):
        raise FeedError(f"{where}.{key}: expected a boolean")
    return value


def _time(data: dict[str, Any], key: str, where: str, optional: bool = False) -> datetime | None:
    value = data.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise FeedError(f"{where}.{key}: expected a time")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as exc:
        raise FeedError(f"{where}.{key}: {exc}") from exc
    if parsed.tzinfo is None:
        # A naive time would compare wrongly with the local clock: refuse it.
        raise FeedError(f"{where}.{key}: time without offset")
    return parsed


def web_address(data: dict[str, Any], key: str, where: str) -> str | None:
    """A page a phone may open from a QR code: http(s) and ASCII, else none (no code drawn).

    Absent from APIs (and caches) older than the field: then too, none."""
    if data.get(key) is None:
        return None
    value = _str(data, key, where)
    if value.isascii() and value.startswith(("https://", "http://")) and value.isprintable():
        return value
    log.warning("%s.%s: not a web address, no QR code: %r", where, key, value[:80])
    return None


def _req_time(data: dict[str, Any], key: str, where: str) -> datetime:
    value = _time(data, key, where)
    assert value is not None
    return value


def parse_screen(data: dict[str, Any]) -> ScreenInfo:
    community = _obj(data.get("community"), "screen.community")
    theme = community.get("theme")
    theme_obj = _obj(theme, "screen.community.theme") if theme is not None else None
    kind = _str(data, "kind", "screen")
    if kind not in ("BULLETIN", "GALLERY"):
        raise FeedError(f"screen.kind: unknown kind {kind!r}")
    return ScreenInfo(
        name=_str(data, "name", "screen"),
        kind=kind,
        location=_str(data, "location", "screen"),
        community=_str(community, "name", "community"),
        theme_label=_str(theme_obj, "label", "theme") if theme_obj else None,
        theme_name=_str(theme_obj, "name", "theme") if theme_obj else None,
        subdistrict=_str(_obj(community.get("subdistrict"), "subdistrict"), "name", "subdistrict"),
        district=_str(_obj(community.get("district"), "district"), "name", "district"),
    )


def _notice(d: dict[str, Any]) -> Notice:
    w = "notice"
    return Notice(
        id=_str(d, "id", w),
        title=_str(d, "title", w),
        body=_str(d, "body", w),
        category_label=_str(d, "categoryLabel", w),
        priority=_int(d, "priority", w),
        urgent=_bool(d, "urgent", w),
        display_start=_req_time(d, "displayStart", w),
        display_end=_time(d, "displayEnd", w, optional=True),
        # Only from APIs that send it; absent means the rotation keeps its share.
        exclusive=_bool(d, "exclusive", w) if "exclusive" in d else False,
        image=_image(d, w),
    )


def _photo(value: Any, where: str) -> Photo:
    p = _obj(value, where)
    return Photo(
        url=_str(p, "url", where),
        width=_int(p, "width", where),
        height=_int(p, "height", where),
        sha256=_str(p, "sha256", where),
    )


def _image(d: dict[str, Any], where: str) -> Image | None:
    """An item's image; one that does not parse is left out, not the item (its text still shows)."""
    value = d.get("image")
    if value is None:
        return None
    try:
        i = _obj(value, f"{where}.image")
        return Image(poster=_bool(i, "poster", f"{where}.image"), photo=_photo(i.get("photo"), f"{where}.image"))
    except FeedError as exc:
        log.warning("%s %s: image left out (%s)", where, d.get("id"), exc)
        return None


def _activity_photo(d: dict[str, Any]) -> ActivityPhoto:
    w = "photo"
    return ActivityPhoto(
        id=_str(d, "id", w),
        caption=_str(d, "caption", w),
        happened_at=_req_time(d, "happenedAt", w),
        photo=_photo(_obj(d.get("image"), "photo.image").get("photo"), "photo.image.photo"),
    )


def _honour(d: dict[str, Any]) -> Honour:
    w = "honour"
    photo_data = d.get("photo")
    photo = _photo(photo_data, "honour.photo") if photo_data is not None else None
    return Honour(
        id=_str(d, "id", w),
        title=_str(d, "title", w),
        subject_kind=_str(d, "subjectKind", w),
        subject_name=_str(d, "subjectName", w),
        citation=_str(d, "citation", w),
        year=_int(d, "year", w),
        photo=photo,
    )


def _event(d: dict[str, Any]) -> Event:
    w = "event"
    return Event(
        id=_str(d, "id", w),
        title=_str(d, "title", w),
        category_label=_str(d, "categoryLabel", w),
        venue=_str(d, "venue", w),
        starts_at=_req_time(d, "startsAt", w),
        ends_at=_req_time(d, "endsAt", w),
        organiser=_str(d, "organiser", w),
        large_scale=_bool(d, "largeScale", w),
        public_url=web_address(d, "publicUrl", w),
        image=_image(d, w),
    )


def _items(d: dict[str, Any], key: str, parse: Callable[[dict[str, Any]], T], dropped: list[str]) -> tuple[T, ...]:
    """The items of one list that parse; what is wrong with each other one goes to `dropped`."""
    value = d.get(key)
    if not isinstance(value, list):
        raise FeedError(f"feed.{key}: expected a list")
    items: list[T] = []
    for i, item in enumerate(value):
        try:
            items.append(parse(_obj(item, f"{key}[{i}]")))
        except FeedError as exc:
            dropped.append(f"{key}[{i}] ({exc})")
    return tuple(items)


def parse_feed(data: Any) -> Feed:
    """A full feed (notModified false) from the `screenFeed` object, without the items that do not parse."""
    d = _obj(data, "screenFeed")
    dropped: list[str] = []
    feed = Feed(
        version=_str(d, "version", "feed"),
        brand=_str(d, "brand", "feed") or BRAND,
        screen=parse_screen(_obj(d.get("screen"), "screen")),
        notices=_items(d, "notices", _notice, dropped),
        honours=_items(d, "honours", _honour, dropped),
        events=_items(d, "events", _event, dropped),
        # Only from APIs that send it (older ones have no photos).
        photos=_items(d, "photos", _activity_photo, dropped) if "photos" in d else (),
        generated_at=_time(d, "generatedAt", "feed", optional=True),
        valid_until=_time(d, "validUntil", "feed", optional=True),
        raw=d,
    )
    if dropped:
        # One line per feed parsed (a new feed, or the cache at start), not per frame.
        log.warning("feed %s: left out %d malformed item(s): %s", feed.version, len(dropped), "; ".join(dropped))
    return feed
