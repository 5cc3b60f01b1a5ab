"""SQL for pairing codes (screens/pairing/flow.py says how a pairing goes)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from qile_api.db.database import Executor


@dataclass(frozen=True)
class PairingRow:
    id: int
    code: str
    secret_hash: bytes
    expires_at: datetime
    claimed_at: datetime | None
    screen_id: int | None


async def lock_starts_from(db: Executor, address: str) -> None:
    """One start at a time per address (until the transaction ends), so its count cannot be raced past."""
    await db.execute("SELECT pg_advisory_xact_lock(hashtext('qile-pairing:' || $1))", address)


async def delete_pairings_expired_before(db: Executor, before: datetime) -> None:
    await db.execute("DELETE FROM screen_pairings WHERE expires_at < $1", before)


async def count_starts_since(db: Executor, address: str, since: datetime) -> int:
    return int(
        await db.fetchval(
            "SELECT count(*) FROM screen_pairings WHERE address = $1 AND created_at > $2", address, since
        )
    )


async def insert_pairing(
    db: Executor, *, code: str, secret_hash: bytes, address: str, now: datetime, expires_at: datetime
) -> bool:
    """Store a new pairing; False when the code is taken already."""
    inserted = await db.fetchval(
        """INSERT INTO screen_pairings (code, secret_hash, address, created_at, expires_at)
        VALUES ($1, $2, $3, $4, $5) ON CONFLICT (code) DO NOTHING RETURNING id""",
        code,
        secret_hash,
        address,
        now,
        expires_at,
    )
    return inserted is not None


async def lock_pairing(db: Executor, code: str) -> PairingRow | None:
    row = await db.fetchrow(
        """SELECT id, code, secret_hash, expires_at, claimed_at, screen_id
        FROM screen_pairings WHERE code = $1 FOR UPDATE""",
        code,
    )
    if row is None:
        return None
    return PairingRow(**{k: row[k] for k in PairingRow.__dataclass_fields__})


async def mark_claimed(db: Executor, pairing_id: int, screen_id: int, account_id: int, now: datetime) -> None:
    await db.execute(
        "UPDATE screen_pairings SET claimed_at = $2, claimed_by = $3, screen_id = $4 WHERE id = $1",
        pairing_id,
        now,
        account_id,
        screen_id,
    )


async def mark_redeemed(db: Executor, pairing_id: int, now: datetime) -> None:
    await db.execute("UPDATE screen_pairings SET redeemed_at = $2 WHERE id = $1", pairing_id, now)
