"""Staff reading an event's sign-ups and where its residents came from."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry
from strawberry import relay

from qile_api.accounts.dataloaders import AccountByIdLoader
from qile_api.accounts.types import Account
from qile_api.events.signups import sql
from qile_api.events.signups.sql import SignUpFilter
from qile_api.events.signups.types import ScreenScans, SignUp
from qile_api.graphql.context import Info
from qile_api.graphql.ids import node_pk
from qile_api.graphql.pagination import (
    AfterArg,
    BeforeArg,
    Connection,
    FirstArg,
    LastArg,
    Page,
    paginate,
    plain_key,
    typed_key,
)
from qile_api.graphql.permissions import ADMINS, STAFF_IN_SCOPE

EventArg = Annotated[relay.GlobalID, strawberry.argument(description="The event (inside your scope).")]


def event_pk(event: relay.GlobalID) -> int:
    found = node_pk(event, "Event", "event")
    assert found is not None
    return found


@strawberry.type
class SignUpQueries:
    @strawberry.field(
        permission_classes=STAFF_IN_SCOPE,
        description="An event's sign-ups in the order residents signed up, numbers masked (138****5678) "
        "unless you may contact residents; `search` finds names, for checking in at the door.",
    )
    async def event_sign_ups(
        self,
        info: Info,
        event: EventArg,
        search: Annotated[str | None, strawberry.argument(description="Part of a resident's name.")] = None,
        first: FirstArg = None,
        after: AfterArg = None,
        last: LastArg = None,
        before: BeforeArg = None,
    ) -> Connection[SignUp]:
        ctx = info.context
        f = SignUpFilter(event_id=event_pk(event), search=search or "")
        page = Page.of(ctx.settings, first, after, last, before)
        key = typed_key(page.cursor, (datetime, int))
        return await paginate(
            page,
            lambda limit, backward: sql.sign_up_page(ctx.db, f, key, limit, backward),
            lambda: sql.sign_up_count(ctx.db, f),
            lambda row: SignUp(id=row.id, row=row),
            lambda row: plain_key(row.created_at, row.id),
        )

    @strawberry.field(
        permission_classes=STAFF_IN_SCOPE,
        description="How often the event's page was opened from each screen's QR code, and the sign-ups "
        "made through it, most opened first: which boards bring people.",
    )
    async def event_scans(self, info: Info, event: EventArg) -> list[ScreenScans]:
        return [
            ScreenScans(screen_id=c.screen_id, opens=c.opens, sign_ups=c.sign_ups, people=c.people)
            for c in await sql.scans_of_event(info.context.db, event_pk(event))
        ]

    @strawberry.field(
        permission_classes=ADMINS,
        description="The accounts in your scope that may see residents' full mobile numbers "
        "(granted with `accountResidentMobilesSet`), for the accounts page (ADMIN).",
    )
    async def accounts_seeing_resident_mobiles(self, info: Info) -> list[Account]:
        staff = info.context.staff
        assert staff is not None
        ids = await sql.contact_right_holders(info.context.db, staff.scope_region_id)
        rows = await info.context.loaders[AccountByIdLoader].load_many(ids)
        return [Account.from_row(r) for r in rows if r is not None]
