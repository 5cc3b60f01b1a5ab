"""Tells the request's record which GraphQL operation it ran and how that went."""

from __future__ import annotations

from collections.abc import Iterator

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

from qile_api.db.errors import SERVICE_UNAVAILABLE, TIMEOUT
from qile_api.observability.requests import ERROR, OK, REFUSED, note_operation

# Coded, but not the caller's doing: the database failed them.
_FAILURE_CODES = frozenset({SERVICE_UNAVAILABLE, TIMEOUT})


def outcome(errors: list[GraphQLError]) -> str:
    """ok; refused (every error carries a code: bad input, no permission, a limit); error (a fault, an outage)."""
    if not errors:
        return OK
    codes = [(error.extensions or {}).get("code") for error in errors]
    return ERROR if any(code is None or code in _FAILURE_CODES for code in codes) else REFUSED


class OperationObserver(SchemaExtension):
    def on_operation(self) -> Iterator[None]:
        yield
        context = self.execution_context
        # Execution errors land here too (strawberry copies them), before masking.
        errors = context.pre_execution_errors or (context.result.errors if context.result else None) or []
        note_operation(context.operation_name, outcome(errors))
