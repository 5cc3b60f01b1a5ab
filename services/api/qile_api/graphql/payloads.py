"""Typed errors inside mutation payloads.

Expected failures (a missing field, a stale version, a refused transition)
are data: every mutation returns its object and a list of these. Top-level
GraphQL errors are left for malformed requests, missing permissions and
faults.
"""

from __future__ import annotations

from enum import Enum

import strawberry


@strawberry.enum(description="Why a mutation did not do what was asked.")
class ErrorCode(Enum):
    REQUIRED = "REQUIRED"
    INVALID = "INVALID"
    TOO_LONG = "TOO_LONG"
    NOT_FOUND = "NOT_FOUND"
    OUT_OF_SCOPE = "OUT_OF_SCOPE"
    CONFLICT = "CONFLICT"
    INVALID_TRANSITION = "INVALID_TRANSITION"
    SELF_APPROVAL = "SELF_APPROVAL"
    CONSENT_REQUIRED = "CONSENT_REQUIRED"
    INVALID_IMAGE = "INVALID_IMAGE"
    IMAGE_TOO_LARGE = "IMAGE_TOO_LARGE"
    INVALID_CREDENTIALS = "INVALID_CREDENTIALS"
    THROTTLED = "THROTTLED"
    DUPLICATE = "DUPLICATE"
    WEAK_PASSWORD = "WEAK_PASSWORD"


@strawberry.type(description="One problem with a mutation's input; `message` is Chinese, for staff.")
class MutationError:
    code: ErrorCode
    field: str | None
    message: str


class MutationFailed(Exception):
    """Raised inside a mutation's transaction to roll it back and report errors."""

    def __init__(self, *errors: MutationError) -> None:
        super().__init__(", ".join(e.message for e in errors))
        self.errors = list(errors)


def error(code: ErrorCode, message: str, field: str | None = None) -> MutationError:
    return MutationError(code=code, field=field, message=message)
