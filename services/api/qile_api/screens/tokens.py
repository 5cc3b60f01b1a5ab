"""Screen tokens (see qile_api.tokens)."""

from __future__ import annotations

from qile_api.tokens import SCREEN_TOKEN_PREFIX, hash_token, new_token

__all__ = ["SCREEN_TOKEN_PREFIX", "hash_token", "new_screen_token"]


def new_screen_token() -> tuple[str, bytes]:
    return new_token(SCREEN_TOKEN_PREFIX)
