"""The disk cache: the last good feed and its images, so a screen never goes blank.

Every write goes to a temporary file in the same folder, is flushed to disk and
then renamed over the old one: a power cut leaves either the old or the new
file, never half of one. Reading is forgiving: a corrupt file is logged, set
aside and treated as absent.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from qile_kiosk.feed import Feed, FeedError, parse_feed

log = logging.getLogger(__name__)

_SHA256 = re.compile(r"^[0-9a-f]{64}$")


# Names of the temporary files atomic_write renames into place.
_TEMPORARY = ".*.tmp"


def atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@dataclass(frozen=True)
class CachedFeed:
    feed: Feed
    fetched_at: datetime


class FeedCache:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.feed_path = root / "feed.json"
        self.media_dir = root / "media"

    def remove_leftovers(self) -> int:
        """At start: remove what writes cut off by a power cut or a kill left behind.

        Such a temporary file is never renamed into place nor read, and each one
        of a large feed or photo would stay for good: a screen switched off at
        the wall every evening would fill its card over the years."""
        removed = 0
        for folder in (self.root, self.media_dir):
            for path in folder.glob(_TEMPORARY) if folder.is_dir() else ():
                with contextlib.suppress(OSError):
                    path.unlink()
                    removed += 1
        if removed:
            log.info("removed %d temporary file(s) left by an interrupted write", removed)
        return removed

    def save(self, feed: Feed, fetched_at: datetime) -> None:
        blob = json.dumps({"fetchedAt": fetched_at.isoformat(), "feed": feed.raw}, ensure_ascii=False)
        # The raw feed still holds the items parsing left out, which may hold a
        # lone surrogate (not encodable as UTF-8): written as its JSON escape
        # (\ud800), the file stays valid UTF-8 JSON and reads back the same.
        atomic_write(self.feed_path, blob.encode("utf-8", "backslashreplace"))

    def load(self) -> CachedFeed | None:
        try:
            blob = self.feed_path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            log.warning("cannot read cached feed %s: %s", self.feed_path, exc)
            return None
        try:
            data = json.loads(blob)
            if not isinstance(data, dict) or not isinstance(data.get("fetchedAt"), str):
                raise FeedError("cache: no fetchedAt")
            fetched_at = datetime.fromisoformat(data["fetchedAt"])
            return CachedFeed(feed=parse_feed(data.get("feed")), fetched_at=fetched_at)
        except (ValueError, UnicodeDecodeError) as exc:  # JSONDecodeError and FeedError are ValueErrors
            log.warning("cached feed %s is corrupt (%s); ignoring it", self.feed_path, exc)
            self._set_aside()
            return None

    def _set_aside(self) -> None:
        # Keep the bad file for a post-mortem, out of the way of the next load.
        with contextlib.suppress(OSError):
            os.replace(self.feed_path, self.feed_path.with_suffix(".corrupt"))

    # Images, stored by content hash: the name is the check.
    def image_path(self, sha256: str) -> Path | None:
        if not _SHA256.match(sha256):
            return None
        return self.media_dir / sha256

    def has_image(self, sha256: str) -> bool:
        path = self.image_path(sha256)
        return path is not None and path.is_file()

    def save_image(self, sha256: str, data: bytes) -> bool:
        """Store image bytes if they hash to sha256; False (logged) when they don't."""
        path = self.image_path(sha256)
        if path is None or hashlib.sha256(data).hexdigest() != sha256:
            log.warning("image %s: content does not match its hash; not cached", sha256[:12])
            return False
        atomic_write(path, data)
        return True

    def discard_image(self, sha256: str) -> None:
        """Forget a stored image (found corrupt): missing, it is fetched again."""
        path = self.image_path(sha256)
        if path is not None:
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)

    def verify_images(self, wanted: set[str]) -> list[str]:
        """Discard stored images whose bytes no longer match their name; their hashes.

        At start only: a power cut mid-write or a failing SD card leaves a photo
        that would otherwise never be fetched again (the feed is unchanged).
        """
        bad: list[str] = []
        for sha256 in sorted(wanted):
            path = self.image_path(sha256)
            if path is None or not path.is_file():
                continue
            try:
                ok = hashlib.sha256(path.read_bytes()).hexdigest() == sha256
            except OSError:
                ok = False
            if not ok:
                log.warning("cached image %s is corrupt; fetching it again", sha256[:12])
                self.discard_image(sha256)
                bad.append(sha256)
        return bad

    def prune_images(self, keep: set[str]) -> None:
        """Remove images no feed refers to any more, so the disk never fills up."""
        if not self.media_dir.is_dir():
            return
        for path in self.media_dir.iterdir():
            if path.name not in keep:
                path.unlink(missing_ok=True)
