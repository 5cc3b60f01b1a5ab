"""The per-request context: database, loaders, clock and the caller."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TypeAlias

from starlette.requests import Request
from starlette.responses import Response
from strawberry.types import Info as StrawberryInfo

from qile_api.accounts.dataloaders import AccountByIdLoader, SignInLockByUsernameLoader
from qile_api.accounts.sql import StaffPrincipal, principal_by_token_hash
from qile_api.assessment.dataloaders import AssessmentByCommunityYearLoader
from qile_api.content.dataloaders import ContentByIdLoader
from qile_api.content.sql import PUBLIC, Visibility
from qile_api.db.database import Database
from qile_api.devices.dataloaders import HeartbeatByScreenIdLoader, ScreenshotByScreenIdLoader
from qile_api.events.sql import EVENTS, EventRow
from qile_api.honours.sql import HONOURS, HonourRow
from qile_api.media.dataloaders import MediaBySha256Loader
from qile_api.notices.sql import NOTICES, NoticeRow
from qile_api.records.dataloaders import FacilitiesByCommunityIdLoader, TeamsByCommunityIdLoader
from qile_api.regions.dataloaders import RegionByIdLoader, RegionsByParentIdLoader
from qile_api.screens.dataloaders import ScreenPrincipalByIdLoader
from qile_api.screens.sql import ScreenPrincipal
from qile_api.settings import Settings
from qile_api.state import AppState
from qile_api.themes.dataloaders import ThemeByKeyLoader
from qile_api.tokens import SCREEN_TOKEN_PREFIX, SESSION_TOKEN_PREFIX, bearer_from, hash_token


class NoticeByIdLoader(ContentByIdLoader[NoticeRow]):
    pass


class HonourByIdLoader(ContentByIdLoader[HonourRow]):
    pass


class EventByIdLoader(ContentByIdLoader[EventRow]):
    pass


@dataclass
class Loaders:
    region_by_id: RegionByIdLoader
    account_by_id: AccountByIdLoader
    sign_in_lock_by_username: SignInLockByUsernameLoader
    regions_by_parent_id: RegionsByParentIdLoader
    theme_by_key: ThemeByKeyLoader
    media_by_sha256: MediaBySha256Loader
    notice_by_id: NoticeByIdLoader
    honour_by_id: HonourByIdLoader
    event_by_id: EventByIdLoader
    facilities_by_community_id: FacilitiesByCommunityIdLoader
    teams_by_community_id: TeamsByCommunityIdLoader
    assessment_by_community_year: AssessmentByCommunityYearLoader
    heartbeat_by_screen_id: HeartbeatByScreenIdLoader
    screenshot_by_screen_id: ScreenshotByScreenIdLoader
    screen_principal_by_id: ScreenPrincipalByIdLoader

    @classmethod
    def build(cls, db: Database, vis: Visibility, now: datetime, timezone: str) -> Loaders:
        return cls(
            region_by_id=RegionByIdLoader(db),
            account_by_id=AccountByIdLoader(db),
            sign_in_lock_by_username=SignInLockByUsernameLoader(db, now),
            regions_by_parent_id=RegionsByParentIdLoader(db),
            theme_by_key=ThemeByKeyLoader(db),
            media_by_sha256=MediaBySha256Loader(db),
            notice_by_id=NoticeByIdLoader(db, NOTICES, NoticeRow.from_record, vis),
            honour_by_id=HonourByIdLoader(db, HONOURS, HonourRow.from_record, vis),
            event_by_id=EventByIdLoader(db, EVENTS, EventRow.from_record, vis),
            facilities_by_community_id=FacilitiesByCommunityIdLoader(db),
            teams_by_community_id=TeamsByCommunityIdLoader(db),
            # Assessed as of the request's instant, in the city's time zone.
            assessment_by_community_year=AssessmentByCommunityYearLoader(db, now, timezone),
            heartbeat_by_screen_id=HeartbeatByScreenIdLoader(db),
            screenshot_by_screen_id=ScreenshotByScreenIdLoader(db),
            screen_principal_by_id=ScreenPrincipalByIdLoader(db),
        )


_UNSET = object()


@dataclass
class Context:
    request: Request
    response: Response
    app: AppState
    loaders: Loaders
    bearer: str | None
    staff: StaffPrincipal | None = None
    visibility: Visibility = PUBLIC
    _screen: object = field(default=_UNSET, repr=False)

    @property
    def db(self) -> Database:
        return self.app.db

    @property
    def settings(self) -> Settings:
        return self.app.settings

    def now(self) -> datetime:
        return self.app.clock()

    async def screen(self) -> ScreenPrincipal | None:
        """The screen whose token came with the request, looked up once."""
        if self._screen is _UNSET:
            principal = None
            if self.bearer and self.bearer.startswith(SCREEN_TOKEN_PREFIX):
                principal = await self.app.watch.principal(self.db, hash_token(self.bearer))
            self._screen = principal
        return self._screen  # type: ignore[return-value]


def bearer_token(request: Request) -> str | None:
    return bearer_from(request.headers)


async def build_context(request: Request, response: Response) -> Context:
    app: AppState = request.app.state.qile
    bearer = bearer_token(request)
    staff = None
    if bearer and bearer.startswith(SESSION_TOKEN_PREFIX):
        # Staff requests pay one indexed lookup; screens and the public none.
        staff = await principal_by_token_hash(app.db, hash_token(bearer), app.clock())
    visibility = Visibility(scope_region_id=staff.scope_region_id) if staff else PUBLIC
    return Context(
        request=request,
        response=response,
        app=app,
        loaders=Loaders.build(app.db, visibility, app.clock(), app.settings.timezone),
        bearer=bearer,
        staff=staff,
        visibility=visibility,
    )


Info: TypeAlias = StrawberryInfo[Context, None]
