"""The per-request context every resolver gets: the caller, the clock, the database and the request's loaders.

It knows no domain. Each domain owns its loaders (`<domain>/dataloaders.py`)
and asks for them by class, `info.context.loaders[RegionByIdLoader]`: the
registry builds a loader on first use, once per request, so batches and
caches never outlive the request. What only the composition root knows
(where an object of any type lies in the region tree, for the permission
checks) comes in as `place`; `qile_api.root.context` builds the context.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol, Self, TypeAlias, TypeVar, cast

from starlette.requests import Request
from starlette.responses import Response
from strawberry import relay
from strawberry.types import Info as StrawberryInfo

from qile_api.db.database import Database
from qile_api.principals import PUBLIC, StaffPrincipal, Visibility
from qile_api.settings import Settings
from qile_api.state import AppState


class RequestLoader(Protocol):
    """A loader the registry can build: it says how to make itself from the request's context."""

    @classmethod
    def for_request(cls, context: Context) -> Self: ...


L = TypeVar("L", bound=RequestLoader)


class Loaders:
    """The request's loaders by class, each built on first use."""

    def __init__(self, context: Context) -> None:
        self._context = context
        self._built: dict[type, object] = {}

    def __getitem__(self, kind: type[L]) -> L:
        found = self._built.get(kind)
        if found is None:
            found = self._built[kind] = kind.for_request(self._context)
        return cast(L, found)


# The region paths of what a global ID names (an object touches one region,
# a content revision two); empty when it names nothing that lies in the tree.
Placer: TypeAlias = Callable[["Context", relay.GlobalID], Awaitable[list[tuple[int, ...]]]]

# The id of the screen whose token came with the request (None for anyone
# else): the screens domain knows tokens, and fields of other domains (an
# event's public address names the screen that shows it) may ask.
ScreenOf: TypeAlias = Callable[["Context"], Awaitable[int | None]]


@dataclass
class Context:
    request: Request
    response: Response
    app: AppState
    bearer: str | None
    place: Placer
    calling_screen_id: ScreenOf
    staff: StaffPrincipal | None = None
    visibility: Visibility = PUBLIC
    loaders: Loaders = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.loaders = Loaders(self)

    @property
    def db(self) -> Database:
        return self.app.db

    @property
    def settings(self) -> Settings:
        return self.app.settings

    @property
    def public_base(self) -> str:
        """Where phones reach the API (QR codes: a resident page, the page that claims a screen):
        the `public_url` setting, else the address this request came to; no trailing slash."""
        return (self.settings.public_url or str(self.request.base_url)).rstrip("/")

    def now(self) -> datetime:
        return self.app.clock()


Info: TypeAlias = StrawberryInfo[Context, None]
