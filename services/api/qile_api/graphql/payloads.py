"""Typed errors inside mutation payloads.

Expected failures (a missing field, a stale version, a refused transition)
are data: every mutation returns its object and a list of these. Top-level
GraphQL errors are left for malformed requests, missing permissions and
faults.
"""

from __future__ import annotations

from enum import Enum

import strawberry

from qile_api.graphql.describe import describe_values


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


describe_values(
    ErrorCode,
    {
        ErrorCode.REQUIRED: "A required field is empty.",
        ErrorCode.INVALID: "A value is not one the field accepts (out of range, in the past, of the wrong kind …).",
        ErrorCode.TOO_LONG: "A text is longer than its field allows (each field's description says how long).",
        ErrorCode.NOT_FOUND: "What the input names does not exist (or is not yours to see).",
        ErrorCode.OUT_OF_SCOPE: "What the input names lies outside your scope.",
        ErrorCode.CONFLICT: "Someone changed the object since you read it: read it again, then retry.",
        ErrorCode.INVALID_TRANSITION: "The object's state does not allow this step (e.g. approving a draft).",
        ErrorCode.SELF_APPROVAL: "A reviewer may not approve what they submitted themselves.",
        ErrorCode.CONSENT_REQUIRED: "An honour naming a person or household needs their recorded consent first.",
        ErrorCode.INVALID_IMAGE: "The file is not an image the API reads (JPEG, PNG or WebP).",
        ErrorCode.IMAGE_TOO_LARGE: "The image is larger than allowed, in bytes or pixels.",
        ErrorCode.INVALID_CREDENTIALS: "Wrong username or password (which of the two is not said).",
        ErrorCode.THROTTLED: "Too many attempts: wait the minutes the message says.",
        ErrorCode.DUPLICATE: "Something with the same name or key is there already.",
        ErrorCode.WEAK_PASSWORD: "The new password is too short or too long.",
    },
)


@strawberry.type(description="One problem with a mutation's input; `message` is Chinese, for staff.")
class MutationError:
    code: ErrorCode = strawberry.field(description="What kind of problem it is.")
    field: str | None = strawberry.field(
        description="The input field it concerns (its name in the input, e.g. `title`); null for the whole input."
    )
    message: str = strawberry.field(description="The problem in Chinese, ready to show next to the field.")


class MutationFailed(Exception):
    """Raised inside a mutation's transaction to roll it back and report errors."""

    def __init__(self, *errors: MutationError) -> None:
        super().__init__(", ".join(e.message for e in errors))
        self.errors = list(errors)


def error(code: ErrorCode, message: str, field: str | None = None) -> MutationError:
    return MutationError(code=code, field=field, message=message)
