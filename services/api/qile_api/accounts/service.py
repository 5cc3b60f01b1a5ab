"""Account rules shared by the GraphQL mutations, the CLI and bootstrap."""

from __future__ import annotations

import dataclasses
import math
import re
from asyncio import sleep, to_thread
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import asyncpg

from qile_api.accounts import sql
from qile_api.accounts.passwords import hashed, password_problem, verify_password
from qile_api.audit.sql import log_entry
from qile_api.db.database import Database, Executor
from qile_api.editing import versioned
from qile_api.editing.sql import lock_row
from qile_api.fields import Field, FieldMap
from qile_api.limits import DISPLAY_NAME
from qile_api.principals import StaffPrincipal
from qile_api.problems import ErrorCode, Problem, Refused, problem
from qile_api.regions.sql import city_id, region_exists
from qile_api.settings import Settings
from qile_api.tokens import SESSION_TOKEN_PREFIX, new_token

USERNAME = re.compile(r"^[a-z0-9_.-]{3,32}$")
ROLES = ("EDITOR", "REVIEWER", "ADMIN")

# What an ADMIN sets on an account (accountCreate, accountUpdate); the
# username and password have rules of their own.
ACCOUNT_FIELDS = FieldMap(
    Field("role"),
    Field("scope", column="scope_region_id"),
    Field("display_name", text=DISPLAY_NAME, required=False),
)


async def _account_problems(db: Executor, row: Mapping[str, Any]) -> list[Problem]:
    problems = ACCOUNT_FIELDS.problems(row)
    if row.get("role") not in ROLES:
        problems.append(problem(ErrorCode.INVALID, "未知角色", "role"))
    return [*problems, *await region_exists(db, row.get("scope_region_id"))]


async def create_account(
    db: Executor,
    *,
    actor_id: int | None,
    username: str,
    password: str,
    role: str,
    scope_region_id: int,
    display_name: str = "",
) -> sql.AccountRow:
    """Validate and insert (`accountCreate`); raises Refused with every problem found.

    The username as typed: stored trimmed and in lower case, whoever creates it (GraphQL, the CLI).
    """
    username = username.strip().lower()
    values = ACCOUNT_FIELDS.values({"role": role, "scope": scope_region_id, "display_name": display_name})
    problems = []
    if not USERNAME.match(username):
        problems.append(problem(ErrorCode.INVALID, "用户名须为3–32位小写字母、数字或 _ . -", "username"))
    if (weak := password_problem(password)) is not None:
        problems.append(problem(ErrorCode.WEAK_PASSWORD, weak, "password"))
    if problems := [*problems, *await _account_problems(db, values)]:
        raise Refused(*problems)
    values |= {"username": username, "password_hash": await hashed(password)}
    taken = problem(ErrorCode.DUPLICATE, f"用户名 {username} 已被使用", "username")
    row = await versioned.create(
        db, sql.ACCOUNT_TABLE, actor_id=actor_id, action="accountCreate", values=values, duplicate=taken
    )
    return sql.AccountRow.from_record(row)


async def _change(
    db: Database,
    *,
    actor_id: int | None,
    action: str,
    account_id: int,
    version: int,
    changes: Mapping[str, Any],
) -> sql.AccountRow:
    """Change an account at `version`, audited as `action`; a disable or a new password ends its sessions.

    The GraphQL mutations and `qile-api user …` both come here, so an account
    changed either way is checked, changed and audited the same.
    """
    async with db.transaction() as tx:

        async def checked(before: asyncpg.Record) -> Mapping[str, Any]:
            if problems := await _account_problems(tx, {**dict(before), **changes}):
                raise Refused(*problems)
            return changes

        row = await versioned.write(
            tx, sql.ACCOUNT_TABLE, actor_id=actor_id, action=action, row_id=account_id, version=version, change=checked
        )
        if changes.get("disabled") or "password_hash" in changes:
            await sql.revoke_sessions_of(tx, account_id)
    return sql.AccountRow.from_record(row)


async def update_account(
    db: Database, *, actor_id: int | None, account_id: int, version: int, changes: Mapping[str, Any]
) -> sql.AccountRow:
    """`accountUpdate`: role, scope or name (`ACCOUNT_FIELDS` columns)."""
    return await _change(
        db, actor_id=actor_id, action="accountUpdate", account_id=account_id, version=version, changes=changes
    )


async def set_disabled(
    db: Database, *, actor_id: int | None, account_id: int, version: int, disabled: bool
) -> sql.AccountRow:
    """`accountDisable` (its sessions end) or `accountEnable`."""
    action = "accountDisable" if disabled else "accountEnable"
    changes = {"disabled": disabled}
    return await _change(db, actor_id=actor_id, action=action, account_id=account_id, version=version, changes=changes)


async def reset_password(
    db: Database, *, actor_id: int | None, account_id: int, version: int, password: str, field: str = "password"
) -> sql.AccountRow:
    """`accountResetPassword`: a new password, and the account's sessions end."""
    if (weak := password_problem(password)) is not None:
        raise Refused(problem(ErrorCode.WEAK_PASSWORD, weak, field))
    # Hashed before the row is locked.
    changes = {"password_hash": await hashed(password)}
    return await _change(
        db, actor_id=actor_id, action="accountResetPassword", account_id=account_id, version=version, changes=changes
    )


async def bootstrap_admin(db: Database, spec: str) -> sql.AccountRow | None:
    """Create the city administrator from "username:password" while no account exists."""
    username, sep, password = spec.partition(":")
    if not sep:
        raise ValueError("QILE_BOOTSTRAP_ADMIN must look like username:password")
    async with db.transaction() as tx:
        # Two processes starting together must not both create it.
        await sql.lock_accounts(tx)
        if await sql.count_accounts(tx):
            return None
        city = await city_id(tx)
        if city is None:
            raise ValueError("load the reference data (qile-api seed) before creating accounts")
        return await create_account(
            tx,
            actor_id=None,
            username=username,
            password=password,
            role="ADMIN",
            scope_region_id=city,
            display_name="市级管理员",
        )


@dataclass(frozen=True)
class Session:
    token: str
    account: sql.AccountRow
    expires_at: datetime


_BAD_LOGIN = "用户名或密码错误"
# Usernames are at most 32 characters: a longer one names no account, and
# keying its counter on a prefix keeps rows small whatever is sent.
_USERNAME_KEY_CHARS = 64


def _minutes_until(until: datetime, now: datetime) -> int:
    return max(1, math.ceil((until - now).total_seconds() / 60))


def _refusal(reservation: sql.Reservation, now: datetime) -> Problem | None:
    """Why an attempt is refused before its password is looked at; the same for known and unknown usernames."""
    if not reservation.address_allowed:
        minutes = _minutes_until(reservation.address_until, now)
        return problem(ErrorCode.THROTTLED, f"此网络地址登录失败次数过多，请{minutes}分钟后再试")
    if not reservation.pair_allowed:
        minutes = _minutes_until(reservation.locked_until or now, now)
        return problem(
            ErrorCode.THROTTLED,
            f"登录失败次数过多，此账号在当前网络已暂时锁定：请{minutes}分钟后再试，或请管理员解除锁定",
        )
    return None


@dataclass(frozen=True)
class Proof:
    """An account whose password was just checked, with the hash it matched.

    The check runs outside any transaction (Argon2 is slow): whoever acts on
    it re-reads the hash under a row lock (`sql.still_signs_in`), so a reset
    or a disable committed meanwhile wins.
    """

    account: sql.AccountRow
    password_hash: str


async def check_password(
    db: Database, settings: Settings, username: str, password: str, address: str, now: datetime
) -> Proof | None:
    """The active account these credentials prove (and the hash they matched), or None.

    Throttled per (username, address) and per address.

    The attempt is counted (and refused when over a limit) before the
    password is checked, in one statement, so concurrent attempts cannot
    slip past the limit; the caller takes the count back on success
    (`forgive`). Sign-in and a password change share these counters, so a
    session left open on a shared computer cannot be used to guess its
    owner's password any faster than the sign-in form allows.
    """
    key = username.lower()[:_USERNAME_KEY_CHARS]
    reservation = await sql.reserve_login_attempt(
        db,
        username=key,
        address=address,
        now=now,
        window=timedelta(minutes=settings.login_window_minutes),
        lock_after=settings.login_lock_after,
        lock_for=timedelta(minutes=settings.login_lock_minutes),
        address_limit=settings.login_address_limit,
    )
    if (refused := _refusal(reservation, now)) is not None:
        raise Refused(refused)
    if (earlier := reservation.failures - 1) > 0:
        # Each recent failure of this pair doubles the wait before we even look.
        await sleep(min(settings.login_delay_ms * 2 ** (earlier - 1), 5000) / 1000)

    found = await sql.account_by_username(db, key)
    account, password_hash = found if found else (None, None)
    # Argon2 takes tens of milliseconds of CPU: off the event loop, so other
    # requests (screens' polls among them) are not held while it runs.
    right = await to_thread(verify_password, password_hash, password)
    if not right or account is None or password_hash is None or account.disabled:
        return None  # the attempt stays counted as a failure
    return Proof(account, password_hash)


async def forgive(db: Executor, username: str, address: str) -> None:
    """Take back the attempt `check_password` counted, once it proved right."""
    await sql.release_login_attempt(db, username.lower()[:_USERNAME_KEY_CHARS], address)


async def login(db: Database, settings: Settings, username: str, password: str, address: str, now: datetime) -> Session:
    """Check credentials with throttling; the error never says whether the user exists."""
    proof = await check_password(db, settings, username, password, address, now)
    if proof is None:
        raise Refused(problem(ErrorCode.INVALID_CREDENTIALS, _BAD_LOGIN))
    account = proof.account

    token, token_hash = new_token(SESSION_TOKEN_PREFIX)
    expires_at = now + timedelta(hours=settings.session_ttl_hours)
    async with db.transaction() as tx:
        # A reset or disable committed since the check has ended the
        # account's sessions: this one must not begin after it, with the old password.
        if not await sql.still_signs_in(tx, account.id, proof.password_hash):
            raise Refused(problem(ErrorCode.INVALID_CREDENTIALS, _BAD_LOGIN))
        await forgive(tx, username, address)
        await sql.insert_session(tx, account.id, token_hash, expires_at)
        await log_entry(
            tx,
            account_id=account.id,
            action="login",
            object_type="Account",
            object_id=account.id,
            region_id=account.scope_region_id,
        )
    return Session(token=token, account=account, expires_at=expires_at)


async def change_own_password(
    db: Database, *, staff: StaffPrincipal, proof: Proof, new_password: str, address: str
) -> sql.AccountRow | None:
    """`accountChangePassword`, the current password proved: None when a reset or disable since has won.

    The caller's other sessions end; the one it asked from stays signed in.
    """
    # Hashed before the row is locked.
    new_hash = await hashed(new_password)
    async with db.transaction() as tx:
        # Locks the row: a reset committed since the check wins over this change.
        if not await sql.still_signs_in(tx, staff.id, proof.password_hash):
            return None
        await forgive(tx, staff.username, address)
        before = await lock_row(tx, sql.ACCOUNT_TABLE, staff.id)
        assert before is not None
        row = await versioned.rewrite(
            tx,
            sql.ACCOUNT_TABLE,
            before,
            actor_id=staff.id,
            action="accountChangePassword",
            change={"password_hash": new_hash},
        )
        await sql.revoke_other_sessions(tx, staff.id, staff.session_id)
    return sql.AccountRow.from_record(row)


async def unlock_account(db: Executor, *, actor_id: int | None, account: sql.AccountRow) -> None:
    """Lift the account's sign-in locks at every address and forget its failures (audited)."""
    cleared = await sql.clear_login_failures_of(db, account.username)
    await log_entry(
        db,
        account_id=actor_id,
        action="accountUnlock",
        object_type="Account",
        object_id=account.id,
        region_id=account.scope_region_id,
        # Which addresses had failed or were locked: worth keeping when looking into an attack.
        before={"loginFailures": [dataclasses.asdict(c) for c in cleared]},
    )
