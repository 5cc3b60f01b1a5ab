"""Pairing a kiosk by code instead of copying tokens.

1. The kiosk, without any token, starts a pairing: it gets a short code to
   show on screen and a long secret it keeps to itself.
2. An ADMIN types the code in, choosing the community, kind and name: that
   creates the screen, still without a token.
3. The kiosk redeems the code with its secret and receives the screen's
   token. The token is generated at that moment and only its hash is kept,
   so it is shown exactly once. If that answer is lost on the way, the kiosk
   may redeem again within the pairing window: it then gets a new token and
   the previous one stops working, so at most one token is ever valid.

Codes expire after `pairing_code_minutes` and are single-use: a claimed code
can never be claimed again. Starts are limited per address.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

import strawberry

from qile_api.db.database import Executor
from qile_api.editing import versioned
from qile_api.editing.sql import lock_row
from qile_api.graphql.describe import describe_values
from qile_api.problems import ErrorCode, Refused, problem
from qile_api.screens.pairing import sql
from qile_api.screens.sql import SCREEN_TABLE
from qile_api.screens.tokens import new_screen_token
from qile_api.tokens import hash_token

# No 0/O, 1/I/L: the code is read off a screen and typed by hand.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 6
SECRET_PREFIX = "qp_"
# Expired pairings are kept a day for rate limiting, then deleted.
_KEEP = timedelta(days=1)


@strawberry.enum(description="PENDING: not claimed yet, ask again. CLAIMED: here is the token. EXPIRED: start over.")
class PairingStatus(Enum):
    PENDING = "PENDING"
    CLAIMED = "CLAIMED"
    EXPIRED = "EXPIRED"


describe_values(
    PairingStatus,
    {
        PairingStatus.PENDING: "Not claimed yet: ask again in a few seconds.",
        PairingStatus.CLAIMED: "Claimed by staff: here is the token.",
        PairingStatus.EXPIRED: "The code expired or was used: start over.",
    },
)


@dataclass(frozen=True)
class PairingStarted:
    code: str
    secret: str
    expires_at: datetime


@dataclass(frozen=True)
class Redeemed:
    status: PairingStatus
    token: str | None
    screen_id: int | None


def normalise_code(code: str) -> str:
    """What staff type: any case, spaces and dashes ignored."""
    return "".join(ch for ch in code.upper() if ch not in " -")


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


async def start_pairing(db: Executor, *, address: str, now: datetime, minutes: int, per_hour: int) -> PairingStarted:
    """A fresh code and secret; raises Refused(THROTTLED) past the address's limit."""
    await sql.lock_starts_from(db, address)
    await sql.delete_pairings_expired_before(db, now - _KEEP)
    if await sql.count_starts_since(db, address, now - timedelta(hours=1)) >= per_hour:
        raise Refused(problem(ErrorCode.THROTTLED, "配对请求过于频繁，请稍后再试"))
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    expires_at = now + timedelta(minutes=minutes)
    for _ in range(10):
        code = new_code()
        if await sql.insert_pairing(
            db, code=code, secret_hash=hash_token(secret), address=address, now=now, expires_at=expires_at
        ):
            return PairingStarted(code=code, secret=secret, expires_at=expires_at)
    # 31^6 codes against at most a day's worth of pairings: practically unreachable.
    raise RuntimeError("no free pairing code")


async def open_pairing_for_claim(db: Executor, code: str, now: datetime) -> sql.PairingRow:
    """The pairing an ADMIN may claim now, locked; Refused otherwise."""
    found = await sql.lock_pairing(db, normalise_code(code))
    if found is None:
        raise Refused(problem(ErrorCode.NOT_FOUND, "配对码不存在，请核对屏幕上的配对码", "code"))
    if found.claimed_at is not None:
        raise Refused(problem(ErrorCode.INVALID_TRANSITION, "该配对码已被使用", "code"))
    if found.expires_at <= now:
        raise Refused(problem(ErrorCode.INVALID_TRANSITION, "配对码已过期，请在屏幕上重新获取", "code"))
    return found


async def redeem(db: Executor, *, code: str, secret: str, now: datetime, minutes: int) -> Redeemed:
    """The kiosk's question "has staff claimed my code yet?"; issues the token when so."""
    found = await sql.lock_pairing(db, normalise_code(code))
    # A wrong secret looks exactly like an unknown code: it tells a guesser nothing.
    if found is None or not hmac.compare_digest(found.secret_hash, hash_token(secret)):
        return Redeemed(PairingStatus.EXPIRED, None, None)
    if found.claimed_at is None or found.screen_id is None:
        status = PairingStatus.PENDING if found.expires_at > now else PairingStatus.EXPIRED
        return Redeemed(status, None, None)
    # A claim made just before the code expired still leaves time to collect.
    if now >= found.claimed_at + timedelta(minutes=minutes):
        return Redeemed(PairingStatus.EXPIRED, None, found.screen_id)
    screen = await lock_row(db, SCREEN_TABLE, found.screen_id)
    if screen is None or screen["status"] != "ACTIVE":
        # Decommissioned between claim and redeem.
        return Redeemed(PairingStatus.EXPIRED, None, found.screen_id)
    token, token_hash = new_screen_token()
    # The kiosk knows no version: holding the code and its secret is its right to the token.
    await versioned.rewrite(
        db,
        SCREEN_TABLE,
        screen,
        actor_id=None,
        action="screenPairingRedeem",
        change={"token_hash": token_hash},
        stamped=("token_issued_at",),
    )
    await sql.mark_redeemed(db, found.id, now)
    return Redeemed(PairingStatus.CLAIMED, token, found.screen_id)
