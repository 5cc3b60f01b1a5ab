"""Account rules shared by the GraphQL mutations, the CLI and bootstrap."""

from __future__ import annotations

import dataclasses
import math
import re
from asyncio import sleep, to_thread
from dataclasses import dataclass
from datetime import datetime, timedelta

import asyncpg

from qile_api.accounts import sql
from qile_api.accounts.passwords import hash_password, password_problem, verify_password
from qile_api.audit.sql import record
from qile_api.content.validation import limited
from qile_api.db.database import Database, Executor
from qile_api.graphql.payloads import ErrorCode, MutationError, MutationFailed, error
from qile_api.limits import DISPLAY_NAME
from qile_api.settings import Settings
from qile_api.tokens import SESSION_TOKEN_PREFIX, new_token

USERNAME = re.compile(r"^[a-z0-9_.-]{3,32}$")
ROLES = ("EDITOR", "REVIEWER", "ADMIN")


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
    """Validate and insert; raises MutationFailed with every problem found."""
    problems = []
    if not USERNAME.match(username):
        problems.append(error(ErrorCode.INVALID, "用户名须为3–32位小写字母、数字或 _ . -", "username"))
    if (weak := password_problem(password)) is not None:
        problems.append(error(ErrorCode.WEAK_PASSWORD, weak, "password"))
    if role not in ROLES:
        problems.append(error(ErrorCode.INVALID, "未知角色", "role"))
    problems += limited({"v": display_name}, "v", "displayName", DISPLAY_NAME, required=False)
    if not await db.fetchval("SELECT true FROM regions WHERE id = $1 AND retired_at IS NULL", scope_region_id):
        problems.append(error(ErrorCode.NOT_FOUND, "范围（市、区县、街道/镇或社区）不存在或已撤销", "scope"))
    if problems:
        raise MutationFailed(*problems)
    try:
        account = await sql.insert_account(
            db,
            username=username,
            display_name=display_name,
            password_hash=await to_thread(hash_password, password),
            role=role,
            scope_region_id=scope_region_id,
        )
    except asyncpg.UniqueViolationError as exc:
        raise MutationFailed(error(ErrorCode.DUPLICATE, f"用户名 {username} 已被使用", "username")) from exc
    await record(
        db,
        account_id=actor_id,
        action="accountCreate",
        object_type="Account",
        object_id=account.id,
        region_id=scope_region_id,
        after=account,
    )
    return account


async def change_account(
    db: Executor, *, actor_id: int | None, action: str, before: sql.AccountRow, **changes: object
) -> sql.AccountRow:
    """Apply `changes` to an account, end its sessions when disabled or given a new password, audit as `action`.

    The GraphQL mutations (after their version check) and `qile-api user …` both
    come here, so an account changed either way leaves the same audit entry.
    """
    try:
        after = await sql.update_account(db, before.id, **changes)  # type: ignore[arg-type]
    except asyncpg.ForeignKeyViolationError as exc:
        raise MutationFailed(error(ErrorCode.NOT_FOUND, "范围（市、区县、街道/镇或社区）不存在", "scope")) from exc
    assert after is not None
    if changes.get("disabled") or "password_hash" in changes:
        await sql.revoke_sessions_of(db, before.id)
    await record(
        db,
        account_id=actor_id,
        action=action,
        object_type="Account",
        object_id=before.id,
        region_id=after.scope_region_id,
        previous_region_id=before.scope_region_id,
        before=before,
        after=after,
    )
    return after


async def bootstrap_admin(db: Database, spec: str) -> sql.AccountRow | None:
    """Create the city administrator from "username:password" while no account exists."""
    username, sep, password = spec.partition(":")
    if not sep:
        raise ValueError("QILE_BOOTSTRAP_ADMIN must look like username:password")
    async with db.transaction() as tx:
        # Two processes starting together must not both create it.
        await tx.execute("LOCK TABLE accounts IN EXCLUSIVE MODE")
        if await sql.count_accounts(tx):
            return None
        city = await tx.fetchval("SELECT id FROM regions WHERE level = 'CITY'")
        if city is None:
            raise ValueError("load the reference data (qile-api seed) before creating accounts")
        return await create_account(
            tx,
            actor_id=None,
            username=username,
            password=password,
            role="ADMIN",
            scope_region_id=int(city),
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


def _refusal(reservation: sql.Reservation, now: datetime) -> MutationError | None:
    """Why an attempt is refused before its password is looked at; the same for known and unknown usernames."""
    if not reservation.address_allowed:
        minutes = _minutes_until(reservation.address_until, now)
        return error(ErrorCode.THROTTLED, f"此网络地址登录失败次数过多，请{minutes}分钟后再试")
    if not reservation.pair_allowed:
        minutes = _minutes_until(reservation.locked_until or now, now)
        return error(
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
        raise MutationFailed(refused)
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
        raise MutationFailed(error(ErrorCode.INVALID_CREDENTIALS, _BAD_LOGIN))
    account = proof.account

    token, token_hash = new_token(SESSION_TOKEN_PREFIX)
    expires_at = now + timedelta(hours=settings.session_ttl_hours)
    async with db.transaction() as tx:
        # A reset or disable committed since the check has ended the
        # account's sessions: this one must not begin after it, with the old password.
        if not await sql.still_signs_in(tx, account.id, proof.password_hash):
            raise MutationFailed(error(ErrorCode.INVALID_CREDENTIALS, _BAD_LOGIN))
        await forgive(tx, username, address)
        await sql.insert_session(tx, account.id, token_hash, expires_at)
        await record(
            tx,
            account_id=account.id,
            action="login",
            object_type="Account",
            object_id=account.id,
            region_id=account.scope_region_id,
        )
    return Session(token=token, account=account, expires_at=expires_at)


async def unlock_account(db: Executor, *, actor_id: int | None, account: sql.AccountRow) -> None:
    """Lift the account's sign-in locks at every address and forget its failures (audited)."""
    cleared = await sql.clear_login_failures_of(db, account.username)
    await record(
        db,
        account_id=actor_id,
        action="accountUnlock",
        object_type="Account",
        object_id=account.id,
        region_id=account.scope_region_id,
        # Which addresses had failed or were locked: worth keeping when looking into an attack.
        before={"loginFailures": [dataclasses.asdict(c) for c in cleared]},
    )
