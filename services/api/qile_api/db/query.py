"""A small builder for WHERE clauses with bound parameters.

Filters are optional and combine freely; building the clause here keeps each
list query one statement with every value bound, never interpolated.
"""

from __future__ import annotations

from typing import Any

from qile_api.db.database import Executor


class Conditions:
    def __init__(self) -> None:
        self.args: list[Any] = []
        self._parts: list[str] = []

    def param(self, value: Any) -> str:
        self.args.append(value)
        return f"${len(self.args)}"

    def add(self, template: str, *values: Any) -> None:
        """Add a condition; each `{}` in the template becomes a bound parameter."""
        self._parts.append(template.format(*(self.param(v) for v in values)))

    @property
    def sql(self) -> str:
        return " AND ".join(self._parts) if self._parts else "true"


def seek(descending: bool, backward: bool) -> tuple[str, str]:
    """The comparison with the cursor and the ORDER BY direction of a keyset page.

    Forward pages read the list in its order, after the cursor; backward
    pages (`last`/`before`) read it the other way, before the cursor, and
    the caller turns the rows round.
    """
    reverse = descending != backward
    return ("<" if reverse else ">"), ("DESC" if reverse else "ASC")


async def fetch_ids(db: Executor, query: str, *args: Any) -> list[int]:
    """The ids in the array a one-row query returns, nulls left out; none when there is no row."""
    found = await db.fetchval(query, *args)
    return [int(i) for i in found or () if i is not None]


async def advisory_xact_lock(db: Executor, key: int, *, wait: bool) -> bool:
    """The advisory lock `key` for this transaction: one process does a periodic job at a time.

    Without `wait`, False at once when another process holds it (that one is doing the job).
    """
    if wait:
        await db.execute("SELECT pg_advisory_xact_lock($1)", key)
        return True
    return bool(await db.fetchval("SELECT pg_try_advisory_xact_lock($1)", key))
