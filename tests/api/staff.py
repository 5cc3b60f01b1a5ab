"""Staff accounts for tests: made straight in the database, signed in for real or not."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache

from qile_api.accounts.passwords import hash_password
from qile_api.db.database import Database
from qile_api.tokens import SESSION_TOKEN_PREFIX, new_token
from tests.api import factories as f

PASSWORD = "correct horse battery"


@lru_cache(maxsize=1)
def _password_hash() -> str:
    # Argon2 is slow on purpose; one hash serves every test account.
    return hash_password(PASSWORD)


async def account(db: Database, username: str, role: str, scope: str) -> int:
    value = await db.fetchval(
        """INSERT INTO accounts (username, display_name, password_hash, role, scope_region_id)
        VALUES ($1, $1, $2, $3, $4) RETURNING id""",
        username,
        _password_hash(),
        role,
        await f.region_id(db, scope),
    )
    return int(value)


async def session(db: Database, account_id: int) -> str:
    """A live session token without going through `login` (that has its own tests)."""
    token, token_hash = new_token(SESSION_TOKEN_PREFIX)
    await db.execute(
        "INSERT INTO sessions (account_id, token_hash, expires_at) VALUES ($1, $2, $3)",
        account_id,
        token_hash,
        datetime(2100, 1, 1, tzinfo=UTC),
    )
    return token


async def staff(db: Database, username: str, role: str, scope: str) -> str:
    return await session(db, await account(db, username, role, scope))
