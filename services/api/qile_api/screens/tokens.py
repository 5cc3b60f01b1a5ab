"""Screen tokens: random, shown once, stored only as a hash.

A token carries 256 random bits, so a plain SHA-256 is enough to make the
stored value useless to whoever reads the database; a slow password hash
would only slow every poll of every screen.
"""

from __future__ import annotations

import hashlib
import secrets

SCREEN_TOKEN_PREFIX = "qs_"


def new_screen_token() -> tuple[str, bytes]:
    token = SCREEN_TOKEN_PREFIX + secrets.token_urlsafe(32)
    return token, hash_token(token)


def hash_token(token: str) -> bytes:
    return hashlib.sha256(token.encode()).digest()
