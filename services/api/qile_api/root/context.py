"""Builds each request's context: the caller found from its token, and the root's knowledge of every type."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from qile_api.accounts.sql import principal_by_token_hash
from qile_api.graphql.context import Context
from qile_api.http.bearer import bearer_token
from qile_api.principals import visibility_of
from qile_api.root.targets import place
from qile_api.screens.auth import calling_screen_id
from qile_api.state import AppState
from qile_api.tokens import SESSION_TOKEN_PREFIX, hash_token


async def build_context(request: Request, response: Response) -> Context:
    app: AppState = request.app.state.qile
    bearer = bearer_token(request)
    staff = None
    if bearer and bearer.startswith(SESSION_TOKEN_PREFIX):
        # Staff requests pay one indexed lookup; screens and the public none.
        staff = await principal_by_token_hash(app.db, hash_token(bearer), app.clock())
    return Context(
        request=request,
        response=response,
        app=app,
        bearer=bearer,
        place=place,
        calling_screen_id=calling_screen_id,
        staff=staff,
        visibility=visibility_of(staff),
    )
