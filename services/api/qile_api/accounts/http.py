"""Authentication for plain HTTP endpoints (reports, media), with the same tokens as GraphQL."""

from __future__ import annotations

from starlette.requests import Request

from qile_api.accounts.sql import StaffPrincipal, principal_by_token_hash
from qile_api.screens.sql import ScreenPrincipal, screen_by_token_hash
from qile_api.state import AppState
from qile_api.tokens import SCREEN_TOKEN_PREFIX, SESSION_TOKEN_PREFIX, hash_token


def _bearer(request: Request) -> str:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


async def staff_of(request: Request) -> StaffPrincipal | None:
    state: AppState = request.app.state.qile
    token = _bearer(request)
    if not token.startswith(SESSION_TOKEN_PREFIX):
        return None
    return await principal_by_token_hash(state.db, hash_token(token), state.clock())


async def screen_of(request: Request) -> ScreenPrincipal | None:
    """The active screen whose token is sent, with its community's path."""
    state: AppState = request.app.state.qile
    token = _bearer(request)
    if not token.startswith(SCREEN_TOKEN_PREFIX):
        return None
    return await screen_by_token_hash(state.db, hash_token(token))
