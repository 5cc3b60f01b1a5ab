"""Typed errors inside mutation payloads.

Expected failures (a missing field, a stale version, a refused transition)
are data: every mutation returns its object and a list of these, made from
the `qile_api.problems` the domains raise or return. Top-level GraphQL
errors are left for malformed requests, missing permissions and faults.
"""

from __future__ import annotations

from collections.abc import Iterable

import strawberry

from qile_api.graphql.describe import describe_values
from qile_api.problems import ErrorCode, Problem, Refused

# The domains' own codes, as the schema shows them (strawberry marks the enum in place).
strawberry.enum(ErrorCode, description="Why a mutation did not do what was asked.")


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


def errors_of(refused: Refused | Iterable[Problem]) -> list[MutationError]:
    """The problems of a refusal (or a list of them), as a payload's `errors`."""
    found = refused.problems if isinstance(refused, Refused) else refused
    return [MutationError(code=p.code, field=p.field, message=p.message) for p in found]
