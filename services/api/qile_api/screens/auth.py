"""Screens authenticate with their own token (`Authorization: Bearer qs_…`), for GraphQL and plain routes.

The token's screen is looked up once per request (a loader keyed by the
token), however many fields ask: `IsScreen` first, then the resolver. The
lookup is answered from the process's memory while that is current
(`watch.py`, within a second of the database), else from the database.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Self

from starlette.requests import Request
from strawberry.dataloader import DataLoader
from strawberry.permission import BasePermission

from qile_api.db.database import Executor
from qile_api.graphql.context import Context, Info
from qile_api.graphql.errors import Unauthenticated
from qile_api.http.bearer import bearer_token
from qile_api.screens.sql import ScreenPrincipal
from qile_api.screens.watch import ScreenWatch
from qile_api.state import AppState
from qile_api.tokens import SCREEN_TOKEN_PREFIX, hash_token


async def _screen_of_token(state: AppState, db: Executor, token: str | None) -> ScreenPrincipal | None:
    if token is None or not token.startswith(SCREEN_TOKEN_PREFIX):
        return None
    return await state.held(ScreenWatch).principal(db, hash_token(token))


def remembered_screen(state: AppState, token: str | None) -> ScreenPrincipal | None:
    """The token's screen from memory alone (None: unknown here, or memory not current): no round trip."""
    if token is None or not token.startswith(SCREEN_TOKEN_PREFIX):
        return None
    return state.held(ScreenWatch).cached(hash_token(token))


class ScreenPrincipalByTokenLoader(DataLoader[str, ScreenPrincipal | None]):
    """The active screen a bearer token belongs to; a request carries one token, so one lookup."""

    @classmethod
    def for_request(cls, context: Context) -> Self:
        return cls(context.app, context.db)

    def __init__(self, state: AppState, db: Executor) -> None:
        async def load(tokens: Sequence[str]) -> list[ScreenPrincipal | None]:
            return [await _screen_of_token(state, db, token) for token in tokens]

        super().__init__(load_fn=load)


async def screen_of_request(context: Context) -> ScreenPrincipal | None:
    """The screen whose token came with the request; None for anyone else."""
    if context.bearer is None:
        return None
    return await context.loaders[ScreenPrincipalByTokenLoader].load(context.bearer)


async def calling_screen(info: Info) -> ScreenPrincipal | None:
    return await screen_of_request(info.context)


async def calling_screen_id(context: Context) -> int | None:
    """For `Context.calling_screen_id`: fields of other domains may name the screen asking."""
    principal = await screen_of_request(context)
    return principal.screen.id if principal is not None else None


async def signed_in_screen(info: Info) -> ScreenPrincipal:
    """The calling screen, behind `IsScreen`."""
    principal = await calling_screen(info)
    if principal is None:  # IsScreen let it through; a revoke raced us
        raise Unauthenticated("screen token is invalid or revoked")
    return principal


class IsScreen(BasePermission):
    message = "screen token is missing, invalid or revoked"
    error_extensions = {"code": "UNAUTHENTICATED"}  # noqa: RUF012  (strawberry reads it per class)

    async def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        return await calling_screen(info) is not None


async def screen_of(request: Request) -> ScreenPrincipal | None:
    """For plain routes: the active screen whose token is sent, with its community's path."""
    state: AppState = request.app.state.qile
    return await _screen_of_token(state, state.db, bearer_token(request))
