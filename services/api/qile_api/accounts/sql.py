"""SQL for staff accounts, sessions and failed-login records."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import asyncpg

from qile_api.db.database import Executor
from qile_api.db.query import fetch_ids
from qile_api.editing.sql import Table
from qile_api.principals import StaffPrincipal

_COLUMNS = "a.id, a.username, a.display_name, a.role, a.scope_region_id, a.disabled, a.version, a.created_at"


@dataclass(frozen=True)
class AccountRow:
    id: int
    username: str
    display_name: str
    role: str
    scope_region_id: int
    disabled: bool
    version: int
    created_at: datetime

    @classmethod
    def from_record(cls, r: asyncpg.Record) -> AccountRow:
        return cls(**{k: r[k] for k in cls.__dataclass_fields__})


# What ADMINs change (accountUpdate, accountDisable …), and what a password change rewrites.
ACCOUNT_TABLE: Table[AccountRow] = Table(
    name="accounts",
    columns=_COLUMNS,
    type_name="Account",
    label="账号",
    from_record=AccountRow.from_record,
    region_column="scope_region_id",
    alias="a",
)


async def count_accounts(db: Executor) -> int:
    return int(await db.fetchval("SELECT count(*) FROM accounts"))


async def account_by_username(db: Executor, username: str) -> tuple[AccountRow, str] | None:
    row = await db.fetchrow(f"SELECT {_COLUMNS}, a.password_hash FROM accounts a WHERE a.username = $1", username)
    return (AccountRow.from_record(row), row["password_hash"]) if row else None


async def still_signs_in(db: Executor, account_id: int, password_hash: str) -> bool:
    """The account still has the password just checked and is enabled; locked until the transaction ends.

    A password reset or a disable waits for this lock, or this sees it.
    """
    found = await db.fetchval(
        "SELECT true FROM accounts WHERE id = $1 AND password_hash = $2 AND NOT disabled FOR UPDATE",
        account_id,
        password_hash,
    )
    return bool(found)


async def accounts_by_ids(db: Executor, ids: Sequence[int]) -> list[AccountRow]:
    rows = await db.fetch(f"SELECT {_COLUMNS} FROM accounts a WHERE a.id = ANY($1::bigint[])", list(ids))
    return [AccountRow.from_record(r) for r in rows]


async def accounts_in_scope(db: Executor, scope_region_id: int) -> list[AccountRow]:
    rows = await db.fetch(
        f"""SELECT {_COLUMNS} FROM accounts a JOIN regions r ON r.id = a.scope_region_id
        WHERE $1 = ANY(r.path) ORDER BY a.id""",
        scope_region_id,
    )
    return [AccountRow.from_record(r) for r in rows]


async def lock_accounts(db: Executor) -> None:
    """Hold every account still until the transaction ends (creating the first one)."""
    await db.execute("LOCK TABLE accounts IN EXCLUSIVE MODE")


async def revoke_sessions_of(db: Executor, account_id: int) -> None:
    await db.execute("UPDATE sessions SET revoked_at = now() WHERE account_id = $1 AND revoked_at IS NULL", account_id)


async def insert_session(db: Executor, account_id: int, token_hash: bytes, expires_at: datetime) -> None:
    await db.execute(
        "INSERT INTO sessions (account_id, token_hash, expires_at) VALUES ($1, $2, $3)",
        account_id,
        token_hash,
        expires_at,
    )


async def revoke_session(db: Executor, session_id: int) -> None:
    await db.execute("UPDATE sessions SET revoked_at = now() WHERE id = $1", session_id)


async def principal_by_token_hash(db: Executor, token_hash: bytes, now: datetime) -> StaffPrincipal | None:
    """One indexed query: the live session and its enabled account."""
    row = await db.fetchrow(
        f"""SELECT {_COLUMNS}, s.id AS session_id
        FROM sessions s JOIN accounts a ON a.id = s.account_id
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND NOT a.disabled""",
        token_hash,
        now,
    )
    if row is None:
        return None
    return StaffPrincipal(
        id=row["id"],
        username=row["username"],
        display_name=row["display_name"],
        role=row["role"],
        scope_region_id=row["scope_region_id"],
        session_id=row["session_id"],
    )


# Sign-in throttling ------------------------------------------------------------


@dataclass(frozen=True)
class Reservation:
    """What counting one sign-in attempt decided, before its password is checked."""

    address_allowed: bool
    # When the address's window ends (its count starts again).
    address_until: datetime
    # Whether this attempt may check its password; None when the address refused it first.
    pair_allowed: bool | None
    # Attempts of this (username, address) not proven right, this one included.
    failures: int
    locked_until: datetime | None


async def reserve_login_attempt(
    db: Executor,
    *,
    username: str,
    address: str,
    now: datetime,
    window: timedelta,
    lock_after: int,
    lock_for: timedelta,
    address_limit: int,
) -> Reservation:
    """Count an attempt against its address and its (username, address), and decide, in one statement.

    The attempt is counted as a failure before the password is looked at (a
    right password takes it back), and the row locks of the upserts order
    concurrent attempts: however many arrive at once, at most `lock_after`
    of them are let through for one pair, and at most `address_limit` for
    one address per window. An attempt the address refuses is not counted
    for its pair, so a busy address cannot push a staff member towards a lock.
    """
    row = await db.fetchrow(
        """
        WITH addr AS (
            INSERT INTO login_address_failures AS a (address, failures, window_started_at)
            VALUES ($2, 1, $3)
            ON CONFLICT (address) DO UPDATE SET
                failures = CASE WHEN a.window_started_at <= $3 - $4::interval THEN 1
                                ELSE least(a.failures + 1, $7 + 1) END,
                window_started_at = CASE WHEN a.window_started_at <= $3 - $4::interval THEN $3
                                         ELSE a.window_started_at END
            RETURNING failures <= $7 AS allowed, window_started_at + $4::interval AS until
        ),
        pair AS (
            INSERT INTO login_failures AS f (username, address, failures, last_failure_at, locked_until)
            SELECT $1, $2, 1, $3, CASE WHEN $5 <= 1 THEN $3 + $6::interval END FROM addr WHERE addr.allowed
            ON CONFLICT (username, address) DO UPDATE SET
                failures = CASE
                    WHEN f.locked_until > $3 THEN least(f.failures + 1, $5 + 1)
                    -- A lock that has run out, or a quiet window: start again.
                    WHEN f.locked_until IS NOT NULL OR f.last_failure_at <= $3 - $4::interval THEN 1
                    ELSE least(f.failures + 1, $5 + 1) END,
                locked_until = CASE
                    WHEN f.locked_until > $3 THEN f.locked_until
                    WHEN f.locked_until IS NOT NULL OR f.last_failure_at <= $3 - $4::interval
                        THEN CASE WHEN $5 <= 1 THEN $3 + $6::interval END
                    -- The last attempt allowed starts the lock; a right password lifts it.
                    WHEN f.failures + 1 >= $5 THEN $3 + $6::interval
                    END,
                last_failure_at = $3
            RETURNING failures, locked_until
        )
        SELECT addr.allowed AS address_allowed, addr.until AS address_until,
               pair.failures <= $5 AS pair_allowed, coalesce(pair.failures, 0) AS failures, pair.locked_until
        FROM addr LEFT JOIN pair ON true
        """,
        username,
        address,
        now,
        window,
        lock_after,
        lock_for,
        address_limit,
    )
    assert row is not None
    return Reservation(
        address_allowed=row["address_allowed"],
        address_until=row["address_until"],
        pair_allowed=row["pair_allowed"],
        failures=int(row["failures"]),
        locked_until=row["locked_until"],
    )


async def release_login_attempt(db: Executor, username: str, address: str) -> None:
    """A right password: forget this pair's failures and take its attempt back from the address's count.

    Other usernames at the address keep their counts.
    """
    await db.execute("DELETE FROM login_failures WHERE username = $1 AND address = $2", username, address)
    await db.execute(
        "UPDATE login_address_failures SET failures = greatest(failures - 1, 0) WHERE address = $1", address
    )


@dataclass(frozen=True)
class LoginFailures:
    address: str
    failures: int
    locked_until: datetime | None


async def clear_login_failures_of(db: Executor, username: str) -> list[LoginFailures]:
    """Lift every lock and forget every failure of `username`, at every address; returns what was there."""
    rows = await db.fetch(
        "DELETE FROM login_failures WHERE username = $1 RETURNING address, failures, locked_until", username
    )
    return [LoginFailures(r["address"], r["failures"], r["locked_until"]) for r in sorted(rows, key=lambda r: r[0])]


async def sign_in_locks(db: Executor, usernames: Sequence[str], now: datetime) -> dict[str, datetime]:
    """Until when each username's sign-in stays locked, at the address locked longest; unlocked ones left out."""
    rows = await db.fetch(
        """SELECT username, max(locked_until) AS until FROM login_failures
        WHERE username = ANY($1::text[]) AND locked_until > $2 GROUP BY username""",
        list(usernames),
        now,
    )
    return {r["username"]: r["until"] for r in rows}


async def revoke_other_sessions(db: Executor, account_id: int, keep_session_id: int) -> None:
    await db.execute(
        "UPDATE sessions SET revoked_at = now() WHERE account_id = $1 AND id <> $2 AND revoked_at IS NULL",
        account_id,
        keep_session_id,
    )


async def account_regions(db: Executor, account_id: int) -> list[int]:
    """The region a account lies in (for the scope check); none when there is no such account."""
    return await fetch_ids(db, "SELECT ARRAY[scope_region_id] FROM accounts WHERE id = $1", account_id)
