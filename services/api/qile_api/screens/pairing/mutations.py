"""Pairing mutations: the kiosk starts and redeems (no token yet), an ADMIN claims."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from urllib.parse import urlencode

import strawberry
from strawberry import relay

from qile_api.graphql.context import Info
from qile_api.graphql.describe import COMMUNITY_INPUT, INPUT_ARG, errors_field
from qile_api.graphql.ids import region_pk
from qile_api.graphql.payloads import MutationError, errors_of
from qile_api.graphql.permissions import ADMINS
from qile_api.http.addresses import client_address
from qile_api.limits import SCREEN_LOCATION, SCREEN_NAME
from qile_api.problems import Refused
from qile_api.screens.admin import check_registration, register_screen
from qile_api.screens.pairing import flow
from qile_api.screens.pairing import sql as pairing_sql
from qile_api.screens.pairing.flow import PairingStatus
from qile_api.screens.types import Screen, ScreenKind


@strawberry.type(description="A pairing code for a kiosk to show, and the secret it keeps.")
class ScreenPairingStartPayload:
    code: str | None = strawberry.field(description="Show it large on screen, e.g. 7K4Q2M.")
    secret: str | None = strawberry.field(description="Keep it; redeem the code with it. Never shown on screen.")
    expires_at: datetime | None = strawberry.field(description="When the code stops working.")
    claim_url: str | None = strawberry.field(
        description="The console page where an ADMIN claims this code, the code filled in "
        "(…/console/admin/screens?pair=7K4Q2M): the screen shows it as a QR code. On the "
        "API's public address (as events' publicUrl)."
    )
    errors: list[MutationError] = errors_field()


# The console's screens page (services/console/src/router.ts); `?pair=` opens its claim form filled.
CLAIM_PAGE = "/console/admin/screens"


def claim_url(info: Info, code: str) -> str:
    return f"{info.context.public_base}{CLAIM_PAGE}?{urlencode({'pair': code})}"


@strawberry.input(description="The kiosk's pairing code and the secret that came with it.")
class ScreenPairingRedeemInput:
    code: str = strawberry.field(description="The code from screenPairingStart.")
    secret: str = strawberry.field(description="The secret from screenPairingStart.")


@strawberry.type(description="Whether staff have claimed the code, and then the screen's token.")
class ScreenPairingRedeemPayload:
    status: PairingStatus = strawberry.field(description="Where the pairing stands.")
    token: str | None = strawberry.field(description="The screen's bearer token, when CLAIMED; sent this once.")
    errors: list[MutationError] = errors_field()


@strawberry.input(description="A code a kiosk shows, and the screen it becomes.")
class ScreenPairingClaimInput:
    code: str = strawberry.field(description="As the screen shows it; case, spaces and dashes do not matter.")
    community: relay.GlobalID = strawberry.field(description=COMMUNITY_INPUT)
    kind: ScreenKind = strawberry.field(description="What it shows: notices and events, or honours.")
    name: str = strawberry.field(
        description=SCREEN_NAME.describe("Its name, e.g. 大厅东屏; unique within the community.")
    )
    location: str = strawberry.field(default="", description=SCREEN_LOCATION.describe("Where it stands."))


@strawberry.type(description="What `screenPairingClaim` did: the screen registered, or why not.")
class ScreenPairingClaimPayload:
    screen: Screen | None = strawberry.field(description="The screen registered; the kiosk collects its token.")
    errors: list[MutationError] = errors_field()


@strawberry.type
class PairingMutations:
    @strawberry.mutation(
        description="A kiosk without a token asks for a pairing code; limited per address.",
    )
    async def screen_pairing_start(self, info: Info) -> ScreenPairingStartPayload:
        ctx = info.context
        try:
            async with ctx.db.transaction() as tx:
                started = await flow.start_pairing(
                    tx,
                    address=client_address(ctx.request),
                    now=ctx.now(),
                    minutes=ctx.settings.pairing_code_minutes,
                    per_hour=ctx.settings.pairing_per_address_per_hour,
                )
        except Refused as refused:
            return ScreenPairingStartPayload(
                code=None, secret=None, expires_at=None, claim_url=None, errors=errors_of(refused)
            )
        return ScreenPairingStartPayload(
            code=started.code,
            secret=started.secret,
            expires_at=started.expires_at,
            claim_url=claim_url(info, started.code),
            errors=[],
        )

    @strawberry.mutation(description="The kiosk asks whether its code was claimed; the token comes once.")
    async def screen_pairing_redeem(
        self, info: Info, input: Annotated[ScreenPairingRedeemInput, INPUT_ARG]
    ) -> ScreenPairingRedeemPayload:
        ctx = info.context
        async with ctx.db.transaction() as tx:
            result = await flow.redeem(
                tx, code=input.code, secret=input.secret, now=ctx.now(), minutes=ctx.settings.pairing_code_minutes
            )
        return ScreenPairingRedeemPayload(status=result.status, token=result.token, errors=[])

    @strawberry.mutation(
        permission_classes=ADMINS,
        description="Claim the code a screen shows: registers the screen; the screen then collects its token.",
    )
    async def screen_pairing_claim(
        self, info: Info, input: Annotated[ScreenPairingClaimInput, INPUT_ARG]
    ) -> ScreenPairingClaimPayload:
        ctx = info.context
        staff = ctx.staff
        assert staff is not None
        community_id = region_pk(input.community)
        now = ctx.now()
        try:
            async with ctx.db.transaction() as tx:
                # What is wrong with the screen is said before what is wrong with the code.
                await check_registration(tx, community_id, input.name, input.location)
                found = await flow.open_pairing_for_claim(tx, input.code, now)
                # No token yet: the screen cannot poll until it redeems the code.
                row, _ = await register_screen(
                    tx,
                    actor_id=staff.id,
                    community_id=community_id,
                    kind=input.kind.value,
                    name=input.name,
                    location=input.location,
                    action="screenPairingClaim",
                    issue_token=False,
                )
                await pairing_sql.mark_claimed(tx, found.id, row.id, staff.id, now)
        except Refused as refused:
            return ScreenPairingClaimPayload(screen=None, errors=errors_of(refused))
        return ScreenPairingClaimPayload(screen=Screen.from_row(row), errors=[])
