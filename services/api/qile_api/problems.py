"""Expected failures, as every layer names them: a code, the input field and a Chinese message.

A missing field, a stale version or a refused transition is no fault: the
code that finds it returns a `Problem` or raises `Refused`, which rolls the
surrounding transaction back. Domains, SQL modules, the CLI and the GraphQL
layer all speak this one type; `graphql.payloads` turns it into the schema's
`MutationError`, the CLI into a line on standard error. Nothing here knows
about GraphQL, so the domains below it need not either.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class ErrorCode(Enum):
    """Why something asked for was not done (the schema describes each value)."""

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


@dataclass(frozen=True)
class Problem:
    """One problem with what was asked; `field` is the input's field name (`title`, `displayEnd`), or None."""

    code: ErrorCode
    message: str
    field: str | None = None


def problem(code: ErrorCode, message: str, field: str | None = None) -> Problem:
    return Problem(code, message, field)


class Refused(Exception):
    """Raised inside a transaction to roll it back and report its problems."""

    def __init__(self, *problems: Problem) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = list(problems)
