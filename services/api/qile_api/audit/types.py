"""GraphQL type for audit entries."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry import relay
from strawberry.scalars import JSON

from qile_api.audit.sql import AuditRow


@strawberry.type(description="One recorded mutation: who, what, which object, before and after, when.")
class AuditEntry:
    row: strawberry.Private[AuditRow]

    @strawberry.field(description="When it happened.")
    def at(self) -> datetime:
        return self.row.at

    @strawberry.field(
        description="The account that acted; null for the system and the command line (bootstrap, `qile-api …`)."
    )
    def username(self) -> str | None:
        return self.row.username

    @strawberry.field(description="The mutation, e.g. noticeApprove.")
    def action(self) -> str:
        return self.row.action

    @strawberry.field(description="The kind of object it changed, e.g. Notice, Account, Screen.")
    def object_type(self) -> str:
        return self.row.object_type

    @strawberry.field(description="The object's global ID, when it has one.")
    def object_id(self) -> relay.GlobalID | None:
        if self.row.object_id is None:
            return None
        return relay.GlobalID(self.row.object_type, str(self.row.object_id))

    @strawberry.field(
        description="What the object is called: an account's username, a screen's name, an item's title; "
        "as recorded, or as it is now when the entry recorded nothing."
    )
    def object_label(self) -> str | None:
        return self.row.object_label

    @strawberry.field(description="The object before the change, as stored (never a secret); null for a creation.")
    def before(self) -> JSON | None:
        return self.row.before  # type: ignore[no-any-return]

    @strawberry.field(description="The object after the change, as stored (never a secret); null for a deletion.")
    def after(self) -> JSON | None:
        return self.row.after  # type: ignore[no-any-return]
