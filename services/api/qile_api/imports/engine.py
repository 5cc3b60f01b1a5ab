"""Running an import: all or nothing, with every problem reported by row and column.

The file is read (sheets.reader: size, structure, rows), then every row is
parsed and applied inside one transaction, the way the matching mutation
would write it. Rows keep being checked after a problem, so that one upload
reports everything wrong with the file at once; if anything was wrong (or it
was a trial run), the transaction is rolled back and nothing changed. A
successful import adds one audit entry of its own (rows, what it created,
the file's digest) beside the entry of each record it created.
"""

from __future__ import annotations

import asyncio
import hashlib
from dataclasses import dataclass
from datetime import datetime

import asyncpg

from qile_api.audit.sql import log_entry
from qile_api.db.database import Database
from qile_api.imports.kinds import ImportKind, RowProblem, aborted
from qile_api.imports.layout import Problem
from qile_api.principals import StaffPrincipal
from qile_api.problems import Refused
from qile_api.sheets.reader import WorkbookRefused, read_table

# More problems than this are not listed: a sheet in the wrong layout would say the same thing thousands of times.
MAX_PROBLEMS = 200


@dataclass(frozen=True)
class Report:
    rows: int  # data rows read
    created: int
    existing: int  # rows naming what was there already (the community list)
    problems: tuple[Problem, ...]
    committed: bool


_CONFLICT = "保存时与已有数据冲突（可能有人同时录入），请稍后重新导入"


class _Undo(Exception):
    """Rolls the import's transaction back (problems, or a trial run)."""


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_rows: int


async def run_import(
    db: Database, kind: ImportKind, staff: StaffPrincipal, data: bytes, *, now: datetime, limits: Limits, dry_run: bool
) -> Report:
    """Import `data` (an .xlsx) as `kind` for `staff`; a file refused outright is one problem on row 0."""
    try:
        # Unzipping and parsing is CPU work: off the event loop that screens' polls share.
        table = await asyncio.to_thread(read_table, data, max_bytes=limits.max_bytes, max_rows=limits.max_rows)
    except WorkbookRefused as exc:
        return Report(0, 0, 0, (Problem(0, None, str(exc)),), False)
    problems: list[Problem] = []
    rows = created = existing = 0
    try:
        async with db.transaction() as tx:
            prepared = await kind.prepare(tx, staff, now)
            layout = prepared.layout
            positions = layout.positions(table.header)
            for number, values in table.rows:
                if layout.is_hint_row(values, positions):
                    continue
                rows += 1
                row, found = layout.read(number, values, positions)
                if not found:
                    try:
                        if await prepared.apply(tx, number, row):
                            created += 1
                        else:
                            existing += 1
                    except RowProblem as exc:
                        found = [Problem(number, exc.column, exc.message)]
                    except (Refused, asyncpg.IntegrityConstraintViolationError) as exc:
                        if not isinstance(exc, Refused) or aborted(exc):
                            # A constraint the checks did not foresee (someone saved the same thing meanwhile):
                            # the transaction cannot go on, and nothing of the file is kept.
                            problems.append(Problem(number, None, _CONFLICT))
                            raise _Undo from None
                        found = [Problem(number, layout.column_of(p.field), p.message) for p in exc.problems]
                problems.extend(found)
            if rows == 0:
                problems.append(Problem(0, None, "没有数据行：请从第3行起填写（第2行为填写说明）"))
            if problems or dry_run:
                raise _Undo
            await log_entry(
                tx,
                account_id=staff.id,
                action=kind.action,
                object_type="Import",
                object_id=None,
                region_id=staff.scope_region_id,
                after={
                    "rows": rows,
                    "created": created,
                    "existing": existing,
                    "bytes": len(data),
                    "sha256": hashlib.sha256(data).hexdigest(),
                },
            )
    except WorkbookRefused as exc:
        return Report(0, 0, 0, (Problem(1, None, str(exc)),), False)
    except _Undo:
        listed = problems[:MAX_PROBLEMS]
        if len(problems) > MAX_PROBLEMS:
            listed.append(Problem(0, None, f"另有{len(problems) - MAX_PROBLEMS}处问题未列出，请先改正以上问题"))
        return Report(rows, created, existing, tuple(listed), False)
    return Report(rows, created, existing, (), True)
