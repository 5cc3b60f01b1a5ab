"""Short-lived signed links to images, for staff opening them in a browser.

A browser follows `<img src>` and links without our bearer header, so a
staff member could not open a draft's photo or a screenshot from the
console. Staff therefore get `url`s carrying an expiry and an HMAC over the
image and that expiry: the link opens the image until then, for whoever
holds it (like the staff member's screen would show it), and cannot be
bent to another image or a later time. The key is one secret every API
process shares (`app_secrets`, or QILE_MEDIA_URL_KEY).
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime

# Links are valid for at least this long, and end on a 5-minute boundary so
# that repeated queries give the same URL and the browser's cache works.
TTL_SECONDS = 15 * 60
_STEP = 5 * 60


def _signature(key: bytes, sha256: str, expires: int) -> str:
    return hmac.new(key, f"{sha256}:{expires}".encode(), hashlib.sha256).hexdigest()[:32]


def signed_path(key: bytes, sha256: str, now: datetime) -> str:
    expires = (int(now.timestamp()) + TTL_SECONDS + _STEP - 1) // _STEP * _STEP
    return f"/media/{sha256}?exp={expires}&sig={_signature(key, sha256, expires)}"


def valid_link(key: bytes, sha256: str, expires: str | None, signature: str | None, now: datetime) -> int | None:
    """Seconds the link has left, or None when it is not a valid, current link."""
    if not expires or not signature or not (expires.isascii() and expires.isdigit()) or len(expires) > 12:
        return None
    left = int(expires) - int(now.timestamp())
    if left <= 0 or not hmac.compare_digest(_signature(key, sha256, int(expires)), signature):
        return None
    return left
