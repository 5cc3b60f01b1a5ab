"""SQL for staff accounts, sessions and failed-login records."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import asyncpg

from qile_api.db.database import Executor

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


@dataclass(frozen=True)
class StaffPrincipal:
    """The signed-in account, with its scope's path in the region tree."""

    account: AccountRow
    scope_path: tuple[int, ...]
    session_id: int

    @property
    def id(self) -> int:
        return self.account.id

    @property
    def role(self) -> str:
        return self.account.role

    @property
    def scope_region_id(self) -> int:
        return self.account.scope_region_id


async def count_accounts(db: Executor) -> int:
    return int(await db.fetchval("SELECT count(*) FROM accounts"))


async def account_by_username(db: Executor, username: str) -> tuple[AccountRow, str] | None:
    row = await db.fetchrow(f"SELECT {_COLUMNS}, a.password_hash FROM accounts a WHERE a.username = $1", username)
    return (AccountRow.from_record(row), row["password_hash"]) if row else None


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


async def insert_account(
    db: Executor, *, username: str, display_name: str, password_hash: str, role: str, scope_region_id: int
) -> AccountRow:
    row = await db.fetchrow(
        f"""INSERT INTO accounts AS a (username, display_name, password_hash, role, scope_region_id)
        VALUES ($1, $2, $3, $4, $5) RETURNING {_COLUMNS}""",
        username,
        display_name,
        password_hash,
        role,
        scope_region_id,
    )
    assert row is not None
    return AccountRow.from_record(row)


async def update_account(
    db: Executor,
    account_id: int,
    *,
    role: str | None = None,
    scope_region_id: int | None = None,
    display_name: str | None = None,
    disabled: bool | None = None,
    password_hash: str | None = None,
) -> AccountRow | None:
    row = await db.fetchrow(
        f"""UPDATE accounts a SET role = coalesce($2, role), scope_region_id = coalesce($3, scope_region_id),
               display_name = coalesce($4, display_name), disabled = coalesce($5, disabled),
               password_hash = coalesce($6, password_hash), version = version + 1, updated_at = now()
        WHERE a.id = $1 RETURNING {_COLUMNS}""",
        account_id,
        role,
        scope_region_id,
        display_name,
        disabled,
        password_hash,
    )
    return AccountRow.from_record(row) if row else None


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
    """One indexed query: the live session, its enabled account and scope path."""
    row = await db.fetchrow(
        f"""SELECT {_COLUMNS}, s.id AS session_id, r.path
        FROM sessions s JOIN accounts a ON a.id = s.account_id JOIN regions r ON r.id = a.scope_region_id
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND NOT a.disabled""",
        token_hash,
        now,
    )
    if row is None:
        return None
    return StaffPrincipal(AccountRow.from_record(row), tuple(row["path"]), row["session_id"])


# Failed logins -------------------------------------------------------------


@dataclass(frozen=True)
class FailureState:
    failures: int
    locked_until: datetime | None


async def failure_states(db: Executor, keys: Sequence[tuple[str, str]]) -> list[FailureState]:
    rows = await db.fetch(
        """SELECT k.kind, k.key, f.failures, f.locked_until
        FROM unnest($1::text[], $2::text[]) AS k(kind, key)
        LEFT JOIN login_failures f ON f.kind = k.kind AND f.key = k.key""",
        [k for k, _ in keys],
        [v for _, v in keys],
    )
    return [FailureState(r["failures"] or 0, r["locked_until"]) for r in rows]


async def record_failure(
    db: Executor, kind: str, key: str, now: datetime, window: timedelta, lock_after: int, lock_for: timedelta
) -> int:
    """Count a failure (restarting the count after a quiet window); lock when too many."""
    failures = await db.fetchval(
        """INSERT INTO login_failures AS f (kind, key, failures, last_failure_at)
        VALUES ($1, $2, 1, $3)
        ON CONFLICT (kind, key) DO UPDATE SET
            failures = CASE WHEN f.last_failure_at < $3 - $4::interval THEN 1 ELSE f.failures + 1 END,
            last_failure_at = $3
        RETURNING failures""",
        kind,
        key,
        now,
        window,
    )
    if failures >= lock_after:
        await db.execute(
            "UPDATE login_failures SET locked_until = $3 WHERE kind = $1 AND key = $2", kind, key, now + lock_for
        )
    return int(failures)


async def clear_failures(db: Executor, kind: str, key: str) -> None:
    await db.execute("DELETE FROM login_failures WHERE kind = $1 AND key = $2", kind, key)


# Changing one's own password ----------------------------------------------


async def password_hash_of(db: Executor, account_id: int) -> str | None:
    value = await db.fetchval("SELECT password_hash FROM accounts WHERE id = $1 FOR UPDATE", account_id)
    return str(value) if value is not None else None


async def revoke_other_sessions(db: Executor, account_id: int, keep_session_id: int) -> None:
    await db.execute(
        "UPDATE sessions SET revoked_at = now() WHERE account_id = $1 AND id <> $2 AND revoked_at IS NULL",
        account_id,
        keep_session_id,
    )
