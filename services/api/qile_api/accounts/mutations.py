"""Sign-in and account management."""

from __future__ import annotations

from collections.abc import Awaitable
from dataclasses import replace
from datetime import datetime
from typing import Annotated

import strawberry
from strawberry import relay

from qile_api.accounts import service, sql
from qile_api.accounts.passwords import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, password_problem
from qile_api.accounts.types import Account, Role
from qile_api.audit.sql import log_entry
from qile_api.editing.mutations import item_pk, signed_in
from qile_api.graphql.context import Info
from qile_api.graphql.describe import INPUT_ARG, VERSION_INPUT, errors_field
from qile_api.graphql.given import given
from qile_api.graphql.ids import pk_of
from qile_api.graphql.payloads import MutationError, errors_of
from qile_api.graphql.permissions import ADMINS, STAFF
from qile_api.http.addresses import client_address
from qile_api.limits import DISPLAY_NAME
from qile_api.problems import ErrorCode, Refused, problem


@strawberry.input(description="A staff member's credentials.")
class LoginInput:
    username: str = strawberry.field(description="The account's username (case does not matter).")
    password: str = strawberry.field(description="Its password.")


@strawberry.type(description="What `login` did: a session token, or why not.")
class LoginPayload:
    token: str | None = strawberry.field(description="Send as `Authorization: Bearer …`; shown once.")
    expires_at: datetime | None = strawberry.field(description="When the session ends; sign in again then.")
    account: Account | None = strawberry.field(description="The account signed in.")
    errors: list[MutationError] = errors_field()


@strawberry.type(description="What `logout` did.")
class LogoutPayload:
    ok: bool = strawberry.field(description="True: the session's token no longer works.")
    errors: list[MutationError] = errors_field()


_USERNAME = "3 to 32 lowercase letters, digits, _ . or -; unique."
_PASSWORD = f"At least {MIN_PASSWORD_LENGTH} and at most {MAX_PASSWORD_LENGTH} characters."
_ROLE = "What it may do: EDITOR, REVIEWER or ADMIN."
_SCOPE = "Where it acts: a City, District, Subdistrict or Community inside yours."
_DISPLAY_NAME = DISPLAY_NAME.describe("The person's name (姓名).")


@strawberry.input(description="A new staff account.")
class AccountCreateInput:
    username: str = strawberry.field(description=_USERNAME)
    password: str = strawberry.field(description=_PASSWORD)
    role: Role = strawberry.field(description=_ROLE)
    scope: relay.GlobalID = strawberry.field(description=_SCOPE)
    display_name: str = strawberry.field(default="", description=_DISPLAY_NAME)


@strawberry.input(description="Changes to an account: only the fields given change.")
class AccountUpdateInput:
    id: relay.GlobalID = strawberry.field(description="The account's global ID.")
    version: int = strawberry.field(description=VERSION_INPUT)
    role: Role | None = strawberry.field(default=None, description=_ROLE)
    scope: relay.GlobalID | None = strawberry.field(default=None, description=_SCOPE)
    display_name: str | None = strawberry.field(default=None, description=_DISPLAY_NAME)


@strawberry.input(description="Which account, at which version.")
class AccountRefInput:
    id: relay.GlobalID = strawberry.field(description="The account's global ID.")
    version: int = strawberry.field(description=VERSION_INPUT)


@strawberry.input(description="A new password for an account; its sessions end.")
class AccountResetPasswordInput:
    id: relay.GlobalID = strawberry.field(description="The account's global ID.")
    version: int = strawberry.field(description=VERSION_INPUT)
    password: str = strawberry.field(description="The new password. " + _PASSWORD)


@strawberry.input(description="Which account to unlock.")
class AccountUnlockInput:
    id: relay.GlobalID = strawberry.field(description="The account's global ID.")


@strawberry.input(description="Your current password and the new one.")
class AccountChangePasswordInput:
    current_password: str = strawberry.field(description="Your password now (asked again, like a sign-in).")
    new_password: str = strawberry.field(description="The new password. " + _PASSWORD)


@strawberry.type(description="What an account mutation did: the account as it now is, or why not.")
class AccountPayload:
    account: Account | None = strawberry.field(description="The account after the change.")
    errors: list[MutationError] = errors_field()


def _region_pk(gid: relay.GlobalID) -> int:
    if gid.type_name not in {"City", "District", "Subdistrict", "Community"}:
        raise Refused(problem(ErrorCode.INVALID, "范围必须是市、区县、街道/镇或社区", "scope"))
    return pk_of(gid)


async def _payload(op: Awaitable[sql.AccountRow]) -> AccountPayload:
    try:
        return AccountPayload(account=Account.from_row(await op), errors=[])
    except Refused as refused:
        return AccountPayload(account=None, errors=errors_of(refused))


async def _set_disabled(info: Info, input: AccountRefInput, disabled: bool) -> sql.AccountRow:
    return await service.set_disabled(
        info.context.db,
        actor_id=signed_in(info).id,
        account_id=item_pk(input.id, "Account"),
        version=input.version,
        disabled=disabled,
    )


@strawberry.type
class AccountMutations:
    @strawberry.mutation(description="Sign in; slowed, then refused for a while, after repeated failures.")
    async def login(self, info: Info, input: Annotated[LoginInput, INPUT_ARG]) -> LoginPayload:
        ctx = info.context
        try:
            session = await service.login(
                ctx.db, ctx.settings, input.username, input.password, client_address(ctx.request), ctx.now()
            )
        except Refused as refused:
            return LoginPayload(token=None, expires_at=None, account=None, errors=errors_of(refused))
        return LoginPayload(
            token=session.token, expires_at=session.expires_at, account=Account.from_row(session.account), errors=[]
        )

    @strawberry.mutation(permission_classes=STAFF, description="End this session: its token stops working.")
    async def logout(self, info: Info) -> LogoutPayload:
        staff = signed_in(info)
        async with info.context.db.transaction() as tx:
            await sql.revoke_session(tx, staff.session_id)
            await log_entry(
                tx,
                account_id=staff.id,
                action="logout",
                object_type="Account",
                object_id=staff.id,
                region_id=staff.scope_region_id,
            )
        return LogoutPayload(ok=True, errors=[])

    @strawberry.mutation(permission_classes=ADMINS, description="Create a staff account inside your scope (ADMIN).")
    async def account_create(self, info: Info, input: Annotated[AccountCreateInput, INPUT_ARG]) -> AccountPayload:
        async def create() -> sql.AccountRow:
            async with info.context.db.transaction() as tx:
                return await service.create_account(
                    tx,
                    actor_id=signed_in(info).id,
                    username=input.username,
                    password=input.password,
                    role=input.role.value,
                    scope_region_id=_region_pk(input.scope),
                    display_name=input.display_name,
                )

        return await _payload(create())

    @strawberry.mutation(permission_classes=ADMINS, description="Change an account's role, scope or name (ADMIN).")
    async def account_update(self, info: Info, input: Annotated[AccountUpdateInput, INPUT_ARG]) -> AccountPayload:
        async def update() -> sql.AccountRow:
            changes = service.ACCOUNT_FIELDS.changes(given(input, scope=_region_pk))
            return await service.update_account(
                info.context.db,
                actor_id=signed_in(info).id,
                account_id=item_pk(input.id, "Account"),
                version=input.version,
                changes=changes,
            )

        return await _payload(update())

    @strawberry.mutation(permission_classes=ADMINS, description="Disable an account and end its sessions (ADMIN).")
    async def account_disable(self, info: Info, input: Annotated[AccountRefInput, INPUT_ARG]) -> AccountPayload:
        return await _payload(_set_disabled(info, input, True))

    @strawberry.mutation(permission_classes=ADMINS, description="Enable a disabled account again (ADMIN).")
    async def account_enable(self, info: Info, input: Annotated[AccountRefInput, INPUT_ARG]) -> AccountPayload:
        return await _payload(_set_disabled(info, input, False))

    @strawberry.mutation(
        permission_classes=ADMINS, description="Set a new password and end the account's sessions (ADMIN)."
    )
    async def account_reset_password(
        self, info: Info, input: Annotated[AccountResetPasswordInput, INPUT_ARG]
    ) -> AccountPayload:
        return await _payload(
            service.reset_password(
                info.context.db,
                actor_id=signed_in(info).id,
                account_id=item_pk(input.id, "Account"),
                version=input.version,
                password=input.password,
            )
        )

    @strawberry.mutation(
        permission_classes=ADMINS,
        description="Lift the account's sign-in locks at every address and forget its failed sign-ins (ADMIN).",
    )
    async def account_unlock(self, info: Info, input: Annotated[AccountUnlockInput, INPUT_ARG]) -> AccountPayload:
        async with info.context.db.transaction() as tx:
            found = await sql.accounts_by_ids(tx, [item_pk(input.id, "Account")])
            if not found:
                missing = problem(ErrorCode.NOT_FOUND, "账号不存在", "id")
                return AccountPayload(account=None, errors=errors_of([missing]))
            await service.unlock_account(tx, actor_id=signed_in(info).id, account=found[0])
        return AccountPayload(account=Account.from_row(found[0]), errors=[])

    @strawberry.mutation(
        permission_classes=STAFF,
        description="Change your own password; your other sessions end, this one stays signed in.",
    )
    async def account_change_password(
        self, info: Info, input: Annotated[AccountChangePasswordInput, INPUT_ARG]
    ) -> AccountPayload:
        staff = signed_in(info)
        if (weak := password_problem(input.new_password)) is not None:
            weak_one = problem(ErrorCode.WEAK_PASSWORD, weak, "newPassword")
            return AccountPayload(account=None, errors=errors_of([weak_one]))
        ctx = info.context
        address = client_address(ctx.request)
        try:
            # Asked again so that a session left open on a shared computer
            # cannot lock its owner out by choosing a new password; counted
            # like a sign-in, so it cannot be used to guess the password either.
            proved = await service.check_password(
                ctx.db, ctx.settings, staff.username, input.current_password, address, ctx.now()
            )
        except Refused as refused:
            refusals = [replace(p, field="currentPassword") for p in refused.problems]
            return AccountPayload(account=None, errors=errors_of(refusals))
        wrong = errors_of([problem(ErrorCode.INVALID_CREDENTIALS, "当前密码不正确", "currentPassword")])
        if proved is None or proved.account.id != staff.id:
            return AccountPayload(account=None, errors=wrong)
        after = await service.change_own_password(
            ctx.db, staff=staff, proof=proved, new_password=input.new_password, address=address
        )
        if after is None:
            return AccountPayload(account=None, errors=wrong)
        return AccountPayload(account=Account.from_row(after), errors=[])
