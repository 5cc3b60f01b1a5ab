"""Queries about staff: who am I, and (for admins) the accounts in my scope."""

from __future__ import annotations

import strawberry

from qile_api.accounts.dataloaders import AccountByIdLoader
from qile_api.accounts.sql import accounts_in_scope
from qile_api.accounts.types import Account
from qile_api.graphql.context import Info
from qile_api.graphql.permissions import ADMINS


@strawberry.type
class AccountQueries:
    @strawberry.field(description="The signed-in staff account; null when not signed in.")
    async def me(self, info: Info) -> Account | None:
        staff = info.context.staff
        row = await info.context.loaders[AccountByIdLoader].load(staff.id) if staff else None
        return Account.from_row(row) if row else None

    @strawberry.field(permission_classes=ADMINS, description="Accounts in the caller's scope (ADMIN).")
    async def accounts(self, info: Info) -> list[Account]:
        staff = info.context.staff
        assert staff is not None
        return [Account.from_row(r) for r in await accounts_in_scope(info.context.db, staff.scope_region_id)]
