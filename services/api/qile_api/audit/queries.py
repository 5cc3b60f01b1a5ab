"""The audit log, for ADMINs, limited to their scope."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry
from strawberry import relay

from qile_api.audit.sql import AuditFilter, audit_count, audit_page
from qile_api.audit.types import AuditEntry
from qile_api.graphql.context import Info
from qile_api.graphql.ids import node_pk, pk_of
from qile_api.graphql.pagination import AfterArg, BeforeArg, Connection, FirstArg, LastArg, Page, paginate, typed_key
from qile_api.graphql.permissions import ADMINS
from qile_api.graphql.times import require_offset


@strawberry.input(description="Which entries to list; every field given narrows the list.")
class AuditFilterInput:
    action: str | None = strawberry.field(default=None, description="e.g. noticeApprove.")
    object: relay.GlobalID | None = strawberry.field(default=None, description="Entries about this object only.")
    account: relay.GlobalID | None = strawberry.field(default=None, description="Entries by this account only.")
    object_type: str | None = strawberry.field(
        default=None, description="Entries about objects of this type only, e.g. Account, Screen, Notice."
    )
    since: datetime | None = strawberry.field(default=None, description="Entries at or after this instant.")
    until: datetime | None = strawberry.field(default=None, description="Entries before this instant.")


@strawberry.type
class AuditQueries:
    @strawberry.field(permission_classes=ADMINS, description="Newest first; what happened inside your scope.")
    async def audit_log(
        self,
        info: Info,
        first: FirstArg = None,
        after: AfterArg = None,
        last: LastArg = None,
        before: BeforeArg = None,
        filter: Annotated[AuditFilterInput | None, strawberry.argument(description="Narrows the list.")] = None,
    ) -> Connection[AuditEntry]:
        ctx = info.context
        assert ctx.staff is not None
        f = filter or AuditFilterInput()
        require_offset(f.since, "filter.since")
        require_offset(f.until, "filter.until")
        audit_filter = AuditFilter(
            scope_region_id=ctx.staff.scope_region_id,
            action=f.action,
            object_type=f.object.type_name if f.object else f.object_type,
            object_id=pk_of(f.object) if f.object else None,
            account_id=node_pk(f.account, "Account", "filter.account"),
            since=f.since,
            until=f.until,
        )
        page = Page.of(ctx.settings, first, after, last, before)
        key = typed_key(page.cursor, (int,))
        return await paginate(
            page,
            lambda limit, backward: audit_page(ctx.db, audit_filter, key[0] if key else None, limit, backward),
            lambda: audit_count(ctx.db, audit_filter),
            lambda row: AuditEntry(row=row),
            lambda row: [row.id],
        )
