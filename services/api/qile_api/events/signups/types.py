"""GraphQL types for sign-ups: the resident's receipt, the staff's list, attendance and scans."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry import relay
from strawberry.permission import PermissionExtension

from qile_api.events.dataloaders import EventByIdLoader
from qile_api.events.signups.dataloaders import SignUpByIdLoader
from qile_api.events.signups.mobile import mask_mobile
from qile_api.events.signups.permissions import CanContactResidents
from qile_api.events.signups.sql import AttendanceRow, SignUpRow
from qile_api.graphql.context import Info
from qile_api.graphql.describe import describe_values
from qile_api.graphql.ids import node_pks
from qile_api.regions.scope import staff_visible

if TYPE_CHECKING:
    from qile_api.events.types import Event
    from qile_api.screens.types import Screen

LazyEvent = Annotated["Event", strawberry.lazy("qile_api.events.types")]
LazyScreen = Annotated["Screen", strawberry.lazy("qile_api.screens.types")]


async def load_public_event(info: Info, event_id: int) -> Event | None:
    from qile_api.events.types import Event

    row = await info.context.loaders[EventByIdLoader].load(event_id)
    return Event.from_row(row) if row is not None else None


@strawberry.enum(description="Whether residents can sign up for an event now; `signUpStateLabel` is the Chinese.")
class SignUpState(Enum):
    NONE = "NONE"
    NOT_YET_OPEN = "NOT_YET_OPEN"
    OPEN = "OPEN"
    FULL = "FULL"
    CLOSED = "CLOSED"


SIGN_UP_STATE_LABELS = {
    SignUpState.NONE: "无需报名",
    SignUpState.NOT_YET_OPEN: "报名未开始",
    SignUpState.OPEN: "报名中",
    SignUpState.FULL: "名额已满",
    SignUpState.CLOSED: "报名已截止",
}
describe_values(
    SignUpState,
    {
        SignUpState.NONE: "The event takes no sign-ups (no window): 无需报名.",
        SignUpState.NOT_YET_OPEN: "Sign-up opens later (`signUpOpensAt`): 报名未开始.",
        SignUpState.OPEN: "Residents can sign up now: 报名中.",
        SignUpState.FULL: "Within the window, but every place is taken: 名额已满.",
        SignUpState.CLOSED: "The window has closed: 报名已截止.",
    },
)


@strawberry.type(description="A sign-up as the resident is shown it: keep the code to check in or cancel.")
class SignUpReceipt:
    row: strawberry.Private[SignUpRow]
    merged: bool = strawberry.field(
        description="True when this number had signed up already: that sign-up was updated, its code kept."
    )

    @strawberry.field(description="The 6-character code (报名码): shown at the door, and to cancel.")
    def code(self) -> str:
        return self.row.code

    @strawberry.field(description="The name signed up.")
    def name(self) -> str:
        return self.row.name

    @strawberry.field(description="How many people this sign-up counts.")
    def people(self) -> int:
        return self.row.people

    @strawberry.field(description="The event signed up for.")
    async def event(self, info: Info) -> LazyEvent | None:
        return await load_public_event(info, self.row.event_id)


@strawberry.type(description="A resident's sign-up, for staff whose scope holds the event.")
class SignUp(relay.Node):
    id: relay.NodeID[int]
    row: strawberry.Private[SignUpRow]

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Any]:
        ids = node_pks(node_ids)
        rows = [r for r in await info.context.loaders[SignUpByIdLoader].load_many(ids) if r is not None]
        visible = await staff_visible(info, ids, rows, lambda r: r.id, lambda r: r.region_id)
        return [cls(id=r.id, row=r) if r else None for r in visible]

    @strawberry.field(description="The name the resident gave.")
    def name(self) -> str:
        return self.row.name

    @strawberry.field(description="The mobile number masked, e.g. 138****5678: what every staff member sees.")
    def mobile_masked(self) -> str:
        return mask_mobile(self.row.mobile)

    @strawberry.field(
        description="The full mobile number, for staff with the right to contact residents "
        "(`accountResidentMobilesSet`); null for everyone else.",
        extensions=[PermissionExtension(permissions=[CanContactResidents()], fail_silently=True)],
    )
    def mobile(self) -> str | None:
        return self.row.mobile

    @strawberry.field(description="How many people the sign-up counts, the resident included.")
    def people(self) -> int:
        return self.row.people

    @strawberry.field(description="When the resident signed up.")
    def signed_up_at(self) -> datetime:
        return self.row.created_at

    @strawberry.field(description="When staff checked the resident in; null until then.")
    def checked_in_at(self) -> datetime | None:
        return self.row.checked_in_at

    @strawberry.field(description="How many of them came, as checked in; null until then.")
    def checked_in_people(self) -> int | None:
        return self.row.checked_in_people


@strawberry.type(description="Who came to an event, as counted at the door (签到).")
class EventAttendance:
    row: strawberry.Private[AttendanceRow]

    @strawberry.field(description="People checked in with their sign-up codes or names.")
    def checked_in(self) -> int:
        return self.row.checked_in

    @strawberry.field(description="People who came without signing up (现场参与), as counted.")
    def walk_ins(self) -> int:
        return self.row.walk_ins

    @strawberry.field(description="A staff member's correction of the count, which wins; null: none.")
    def corrected(self) -> int | None:
        return self.row.corrected

    @strawberry.field(description="The count that stands: the correction, else check-ins plus walk-ins.")
    def participants(self) -> int:
        return self.row.participants

    @strawberry.field(description="Send it back with a correction (`eventAttendanceCorrect`).")
    def version(self) -> int:
        return self.row.version


@strawberry.type(description="How often an event's page was opened from one screen's QR code, and who signed up.")
class ScreenScans:
    screen_id: strawberry.Private[int]
    opens: int = strawberry.field(description="Times the page was opened from this screen's QR code.")
    sign_ups: int = strawberry.field(description="Sign-ups made on the page opened from this screen's code.")
    people: int = strawberry.field(
        description="The people those sign-ups bring (each sign-up's head count added up): "
        "how many people this screen brought."
    )

    @strawberry.field(description="The screen whose QR code was scanned (null if it is not yours to see).")
    async def screen(self, info: Info) -> LazyScreen | None:
        from qile_api.screens.types import Screen

        (found,) = await Screen.resolve_nodes(info=info, node_ids=[str(self.screen_id)])
        return found  # type: ignore[no-any-return]
