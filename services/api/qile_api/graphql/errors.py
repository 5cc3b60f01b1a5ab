"""Errors the client is meant to see, and the rule for masking the rest.

Expected failures carry a machine-readable `code` in `extensions`; anything
else that escapes a resolver is a fault and reaches the client only as
"Unexpected error." (the details go to the log). A database outage or
statement timeout is no fault of the request: it keeps its coded message
(`SERVICE_UNAVAILABLE`, `TIMEOUT`); the GraphQL view logs it as one
warning line (`root/app.py`), and `QileSchema` leaves it out of the fault log.
"""

from __future__ import annotations

from typing import Any

from graphql import GraphQLError

from qile_api.db.errors import DatabaseError


class QileError(Exception):
    """An expected error, shown to the caller as it is."""

    code = "BAD_REQUEST"

    def __init__(self, message: str, *, code: str | None = None, field: str | None = None) -> None:
        super().__init__(message)
        self.code = code or self.code
        self.field = field
        self.extensions: dict[str, Any] = {"code": self.code}
        if field:
            self.extensions["field"] = field


class BadUserInput(QileError):
    code = "BAD_USER_INPUT"


class Unauthenticated(QileError):
    code = "UNAUTHENTICATED"


def should_mask_error(error: GraphQLError) -> bool:
    original = error.original_error
    if original is None:
        # Syntax and validation errors: about the request, safe to show.
        return False
    return not isinstance(original, QileError | GraphQLError | DatabaseError)
