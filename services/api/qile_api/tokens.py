"""Bearer tokens: random, shown once, stored only as a hash.

A token carries 256 random bits, so a plain SHA-256 is enough to make the
stored value useless to whoever reads the database; a slow password hash
would only slow every request. The prefix tells a screen's token (qs_)
from a staff session's (qu_) without a lookup.
"""

from __future__ import annotations

import hashlib
import secrets

SCREEN_TOKEN_PREFIX = "qs_"
SESSION_TOKEN_PREFIX = "qu_"


def new_token(prefix: str) -> tuple[str, bytes]:
    token = prefix + secrets.token_urlsafe(32)
    return token, hash_token(token)


def hash_token(token: str) -> bytes:
    return hashlib.sha256(token.encode()).digest()
