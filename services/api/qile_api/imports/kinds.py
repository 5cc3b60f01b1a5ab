"""What every import is made of: a sheet's layout, and what one parsed row does inside the import's transaction."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import asyncpg

from qile_api.db.database import Executor
from qile_api.imports.layout import Layout
from qile_api.principals import StaffPrincipal
from qile_api.problems import Refused


class RowProblem(ValueError):
    """What stops one row, and the column it lies in (None: the row as a whole)."""

    def __init__(self, column: str | None, message: str) -> None:
        super().__init__(message)
        self.column = column
        self.message = message


def aborted(refused: Refused) -> bool:
    """Whether a refusal comes from a statement the database refused (a unique constraint), not from a check.

    The write path turns such a refusal into its Chinese problem, but PostgreSQL
    has aborted the import's transaction by then: no later row can be written.
    """
    return isinstance(refused.__cause__, asyncpg.PostgresError)


# Applies one parsed row (and its number) inside the import's transaction: True when it created
# something, False when what it names was there already. Raises RowProblem, or
# Refused with the same problems the matching mutation gives.
Apply = Callable[[Executor, int, dict[str, Any]], Awaitable[bool]]


@dataclass(frozen=True)
class Prepared:
    """An import made ready for one caller: the layout, the caller's own drop-downs, and what a row does."""

    layout: Layout
    apply: Apply
    # Drop-down lists that depend on the caller, by column key (their communities …), for the template.
    choices: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class ImportKind:
    key: str  # the template's file name: facilities → /reports/templates/facilities.xlsx
    label: str  # what it imports, in Chinese: 设施
    action: str  # the mutation, and the audit entry of a whole import: facilitiesImport
    prepare: Callable[[Executor, StaffPrincipal, datetime], Awaitable[Prepared]]
