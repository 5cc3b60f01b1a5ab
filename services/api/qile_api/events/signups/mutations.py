"""Staff mutations on sign-ups: the right to contact residents (check-in comes with attendance.py)."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry import relay

from qile_api.accounts.sql import ACCOUNT_TABLE, AccountRow
from qile_api.accounts.types import Account
from qile_api.audit.sql import log_entry
from qile_api.editing.mutations import item_pk, signed_in
from qile_api.editing.sql import lock_row
from qile_api.events.signups import sql
from qile_api.graphql.context import Info
from qile_api.graphql.describe import ID_INPUT, INPUT_ARG, errors_field
from qile_api.graphql.payloads import MutationError, errors_of
from qile_api.graphql.permissions import ADMINS
from qile_api.problems import ErrorCode, problem


@strawberry.input(description="Grant or withdraw an account's right to see residents' full mobile numbers.")
class AccountResidentMobilesInput:
    id: relay.GlobalID = strawberry.field(description=ID_INPUT + " (an Account inside your scope)")
    granted: bool = strawberry.field(description="True: may see and export full numbers; false: masked only.")


@strawberry.type(description="What changing the contact right did.")
class AccountResidentMobilesPayload:
    account: Account | None = strawberry.field(description="The account.")
    sees_resident_mobiles: bool = strawberry.field(description="Whether it may now see residents' full numbers.")
    errors: list[MutationError] = errors_field()


@strawberry.type
class SignUpStaffMutations:
    @strawberry.mutation(
        permission_classes=ADMINS,
        description="联系居民权限: let an account see and export residents' full mobile numbers, or stop it (audited).",
    )
    async def account_resident_mobiles_set(
        self, info: Info, input: Annotated[AccountResidentMobilesInput, INPUT_ARG]
    ) -> AccountResidentMobilesPayload:
        ctx = info.context
        admin = signed_in(info)
        async with ctx.db.transaction() as tx:
            found = await lock_row(tx, ACCOUNT_TABLE, item_pk(input.id, "Account"))
            if found is None:
                missing = problem(ErrorCode.NOT_FOUND, "账号不存在", "id")
                return AccountResidentMobilesPayload(
                    account=None, sees_resident_mobiles=False, errors=errors_of([missing])
                )
            account = AccountRow.from_record(found)
            if await sql.set_contact_right(tx, account.id, input.granted, admin.id, ctx.now()):
                await log_entry(
                    tx,
                    account_id=admin.id,
                    action="accountResidentMobilesSet",
                    object_type="Account",
                    object_id=account.id,
                    region_id=account.scope_region_id,
                    before={"username": account.username, "contactResidents": not input.granted},
                    after={"username": account.username, "contactResidents": input.granted},
                )
        return AccountResidentMobilesPayload(
            account=Account.from_row(account), sees_resident_mobiles=input.granted, errors=[]
        )
