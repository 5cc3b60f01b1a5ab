"""Staff authentication for plain HTTP endpoints (reports, media), with the same tokens as GraphQL."""

from __future__ import annotations

from starlette.requests import Request

from qile_api.accounts.sql import principal_by_token_hash
from qile_api.http.bearer import bearer_token
from qile_api.principals import StaffPrincipal
from qile_api.state import AppState
from qile_api.tokens import SESSION_TOKEN_PREFIX, hash_token


async def staff_of(request: Request) -> StaffPrincipal | None:
    state: AppState = request.app.state.qile
    token = bearer_token(request)
    if token is None or not token.startswith(SESSION_TOKEN_PREFIX):
        return None
    return await principal_by_token_hash(state.db, hash_token(token), state.clock())
