"""When the API last answered, kept on disk: the offline mark's "最后联网" after a restart.

The feed cache knows when the content last changed; a screen that polled
"unchanged" for a day and then restarted during an outage would claim to
have been offline since that change. This file keeps the last answer of any
kind, written when its minute changes (the mark shows minutes), atomically.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from qile_kiosk.cache import atomic_write

log = logging.getLogger(__name__)


class LastContact:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._written: datetime | None = None

    def load(self) -> datetime | None:
        try:
            when = datetime.fromisoformat(self.path.read_text(encoding="ascii").strip())
        except FileNotFoundError:
            return None
        except (OSError, ValueError, UnicodeDecodeError) as exc:
            log.warning("last contact time unreadable (%s); using the cache's", exc)
            return None
        return when if when.tzinfo is not None else None

    def save(self, when: datetime) -> None:
        minute = when.replace(second=0, microsecond=0)
        if self._written is not None and self._written.replace(second=0, microsecond=0) == minute:
            return
        try:
            atomic_write(self.path, when.isoformat().encode("ascii"))
            self._written = when
        except OSError as exc:
            log.warning("cannot keep the last contact time: %s", exc)


def latest(*moments: datetime | None) -> datetime | None:
    known = [m for m in moments if m is not None]
    return max(known) if known else None
