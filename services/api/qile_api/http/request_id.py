"""Each request's id: the caller's (a proxy's) when it is a short safe token, else a new one.

The id is returned in `X-Request-Id` and stamped on every log line written
while the request runs, so a screen's or a person's complaint ("the request
with id … failed") leads to its lines. nginx can pass its own `$request_id`
(32 hex digits) so its log and ours share it. Anything else a caller sends
there (long, or with characters a log reader or terminal might act on) is
replaced, never logged.
"""

from __future__ import annotations

import re
import secrets

from starlette.datastructures import Headers

HEADER = "X-Request-Id"
_SAFE = re.compile(r"[A-Za-z0-9._-]{1,64}")


def request_id(headers: Headers) -> str:
    offered = headers.get(HEADER)
    if offered is not None and _SAFE.fullmatch(offered):
        return offered
    # The shape nginx's $request_id has: 128 random bits in hex.
    return secrets.token_hex(16)
