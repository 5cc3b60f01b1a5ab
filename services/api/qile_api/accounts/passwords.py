"""Password hashing with Argon2id (argon2-cffi's defaults, RFC 9106)."""

from __future__ import annotations

from asyncio import to_thread

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()

# Verified against when the username is unknown, so that a miss costs the
# same time as a wrong password and timing does not reveal who exists.
_DUMMY_HASH = _hasher.hash("not a password anyone has")

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 128


def hash_password(password: str) -> str:
    return _hasher.hash(password)


async def hashed(password: str) -> str:
    """`hash_password` off the event loop: Argon2 takes tens of milliseconds, which screens' polls must not wait."""
    return await to_thread(hash_password, password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def password_problem(password: str) -> str | None:
    """Why a new password is refused, in Chinese for staff; None when acceptable."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"密码至少需要{MIN_PASSWORD_LENGTH}个字符"
    if len(password) > MAX_PASSWORD_LENGTH:
        return f"密码不能超过{MAX_PASSWORD_LENGTH}个字符"
    return None
