"""Where a paired kiosk keeps the token it received.

The token arrives once, from the pairing; losing it means pairing again, so
it is written atomically and readable by the kiosk's user only.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from qile_kiosk.cache import atomic_write

log = logging.getLogger(__name__)


class TokenStore:
    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> str | None:
        try:
            token = self.path.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        except OSError as exc:
            log.error("cannot read the stored token %s: %s", self.path, exc)
            return None
        return token or None

    def save(self, token: str) -> None:
        atomic_write(self.path, token.encode())
        try:
            os.chmod(self.path, 0o600)
        except OSError as exc:
            log.warning("cannot restrict %s: %s", self.path, exc)

    def clear(self) -> None:
        try:
            self.path.unlink(missing_ok=True)
        except OSError as exc:
            log.error("cannot remove the revoked token %s: %s", self.path, exc)
