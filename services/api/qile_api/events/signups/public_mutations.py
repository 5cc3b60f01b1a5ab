"""The residents' own mutations: anonymous by design (the resident page and any client may call them).

Expected refusals come back in the payload in Chinese, ready for a phone's
screen. Abuse is held off by limits per address and per number
(`QILE_SIGNUP_PER_ADDRESS_PER_HOUR`, `QILE_SIGNUP_PER_MOBILE_PER_HOUR`).
"""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry import relay

from qile_api.events.signups import registration, sql
from qile_api.events.signups.registration import SignUpForm
from qile_api.events.signups.types import SignUpReceipt, load_public_event
from qile_api.events.types import Event
from qile_api.graphql.context import Info
from qile_api.graphql.describe import INPUT_ARG, errors_field
from qile_api.graphql.ids import pk_of
from qile_api.graphql.payloads import MutationError, errors_of
from qile_api.http.addresses import client_address
from qile_api.limits import SIGN_UP_NAME
from qile_api.problems import ErrorCode, Refused, problem

_EVENT = "The event's global ID (from its page or the screen's QR code)."


@strawberry.input(description="A resident signing up for an event (报名). Only the name and the number are kept.")
class EventSignUpInput:
    event: relay.GlobalID = strawberry.field(description=_EVENT)
    name: str = strawberry.field(description=SIGN_UP_NAME.describe("姓名, as the resident gives it."))
    mobile: str = strawberry.field(
        description="A mainland China mobile number as typed (spaces, dashes, +86 allowed); shown to staff masked."
    )
    people: int = strawberry.field(
        default=1, description="How many people come with this sign-up, the resident included."
    )
    consent: bool = strawberry.field(
        description="The resident agreed to the notice saying what is collected, why and for how long (required)."
    )
    screen: relay.GlobalID | None = strawberry.field(
        default=None, description="The Screen whose QR code brought the resident here (the page's `s`), if any."
    )


@strawberry.input(description="A resident cancelling their sign-up with the code they were shown.")
class EventSignUpCancelInput:
    event: relay.GlobalID = strawberry.field(description=_EVENT)
    code: str = strawberry.field(description="The 6-character code shown when signing up.")


@strawberry.type(description="What signing up did: the receipt with the code to keep, or why not.")
class EventSignUpPayload:
    sign_up: SignUpReceipt | None = strawberry.field(description="The sign-up as the resident should keep it.")
    errors: list[MutationError] = errors_field()


@strawberry.type(description="What cancelling did: the event (its places left), or why not.")
class EventSignUpCancelPayload:
    event: Event | None = strawberry.field(description="The event, its places freed.")
    errors: list[MutationError] = errors_field()


def _pk(gid: relay.GlobalID | None, type_name: str) -> int | None:
    """The row a resident's link names, if it names one of `type_name`: anonymous callers get no English
    errors about ID types; a wrong kind of ID is simply nothing (the event not found, the screen left out)."""
    return pk_of(gid) if gid is not None and gid.type_name == type_name else None


def _no_event() -> list[MutationError]:
    return errors_of([problem(ErrorCode.NOT_FOUND, registration.NOT_FOUND, "event")])


async def _screen_id(info: Info, screen: relay.GlobalID | None) -> int | None:
    """The screen that brought the resident; an unknown one is left out (a QR code outlives a screen)."""
    pk = _pk(screen, "Screen")
    return pk if pk is not None and await sql.screen_exists(info.context.db, pk) else None


@strawberry.type
class PublicSignUpMutations:
    @strawberry.mutation(
        description="报名: sign up for an event whose sign-up is open, with consent. Anyone may call it; "
        "the same number signing up again updates its sign-up (same code)."
    )
    async def event_sign_up(self, info: Info, input: Annotated[EventSignUpInput, INPUT_ARG]) -> EventSignUpPayload:
        ctx = info.context
        event_id = _pk(input.event, "Event")
        if event_id is None:
            return EventSignUpPayload(sign_up=None, errors=_no_event())
        form = SignUpForm(event_id, input.name, input.mobile, input.people, input.consent)
        problems, mobile = registration.check_form(form, ctx.settings.signup_max_people)
        if problems or mobile is None:
            return EventSignUpPayload(sign_up=None, errors=errors_of(problems))
        now = ctx.now()
        screen_id = await _screen_id(info, input.screen)
        try:
            await registration.count_attempts(
                ctx.db,
                [
                    ("address:" + client_address(ctx.request), ctx.settings.signup_per_address_per_hour),
                    (registration.mobile_key(mobile, ctx.app.media_key), ctx.settings.signup_per_mobile_per_hour),
                ],
                now,
            )
            form = SignUpForm(event_id, input.name, input.mobile, input.people, input.consent, screen_id)
            receipt = await registration.sign_up(
                ctx.db, form, mobile, name=input.name.strip(), now=now, timezone=ctx.settings.timezone
            )
        except Refused as refused:
            return EventSignUpPayload(sign_up=None, errors=errors_of(refused))
        return EventSignUpPayload(sign_up=SignUpReceipt(row=receipt.sign_up, merged=receipt.merged), errors=[])

    @strawberry.mutation(
        description="取消报名: cancel a sign-up with its code, until the event ends. Anyone may call it."
    )
    async def event_sign_up_cancel(
        self, info: Info, input: Annotated[EventSignUpCancelInput, INPUT_ARG]
    ) -> EventSignUpCancelPayload:
        ctx = info.context
        event_id = _pk(input.event, "Event")
        if event_id is None:
            return EventSignUpCancelPayload(event=None, errors=_no_event())
        try:
            # Codes are guessed per address: the same limit as signing up.
            address = "address:" + client_address(ctx.request)
            await registration.count_attempts(ctx.db, [(address, ctx.settings.signup_per_address_per_hour)], ctx.now())
            await registration.cancel(ctx.db, event_id, input.code, now=ctx.now())
        except Refused as refused:
            return EventSignUpCancelPayload(event=None, errors=errors_of(refused))
        return EventSignUpCancelPayload(event=await load_public_event(info, event_id), errors=[])
