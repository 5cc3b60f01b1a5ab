"""What an import's sheet holds: its columns, how each cell is read, and the template made from them.

The template and the importer read the same `Layout`, so the headers the
template writes are the ones the importer looks for, the hint row it writes
is the one the importer skips, and a column's drop-down list offers what its
parser accepts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from qile_api.fields import camel
from qile_api.imports import cells
from qile_api.sheets import writer
from qile_api.sheets.reader import WorkbookRefused


@dataclass(frozen=True)
class Column:
    header: str  # the Chinese header, as the template writes it
    key: str  # the row's key for it
    parse: cells.Parser = cells.text
    required: bool = False
    hint: str = ""
    choices: tuple[str, ...] = ()  # a fixed drop-down list (vocabularies)
    width: float = 14

    @property
    def field(self) -> str:
        """The input field of the mutation doing the same (facilityCreate …) whose refusals belong here.

        A column's key is that field's name in its type's field map (`qile_api.fields`), so this is the
        name a `Problem` gives: indoor_area_m2 → indoorAreaM2.
        """
        return camel(self.key)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the file: a row (1 is the header) and its column, or the whole file (row 0)."""

    row: int
    column: str | None
    message: str


@dataclass(frozen=True)
class Layout:
    title: str  # the sheet's name in the template, e.g. 设施
    columns: tuple[Column, ...]
    # Keys whose drop-down list depends on the caller (communities of their scope …).
    scoped_choices: tuple[str, ...] = field(default=())

    def positions(self, header: Sequence[str]) -> dict[int, Column]:
        """Where each column is (by its header, in any order); refused when one is missing or unknown."""
        by_header = {c.header: c for c in self.columns}
        found: dict[int, Column] = {}
        unknown = []
        for i, name in enumerate(header):
            if not name:
                continue
            column = by_header.get(name)
            if column is None:
                unknown.append(name)
            elif column in found.values():
                raise WorkbookRefused(f"表头“{name}”出现了两次")
            else:
                found[i] = column
        missing = [c.header for c in self.columns if c.required and c not in found.values()]
        if missing or unknown:
            said = []
            if missing:
                said.append("缺少列：" + "、".join(f"“{m}”" for m in missing))
            if unknown:
                said.append("无法识别的列：" + "、".join(f"“{u}”" for u in unknown))
            expected = "、".join(c.header for c in self.columns)
            raise WorkbookRefused(f"{'；'.join(said)}。第1行应为表头：{expected}（请使用模板）")
        return found

    def is_hint_row(self, values: Sequence[Any], positions: Mapping[int, Column]) -> bool:
        """The template's hint row, left in place: every filled cell is its column's hint."""
        filled = [(i, v) for i, v in enumerate(values) if i in positions and not cells.empty(v)]
        return bool(filled) and all(cells.text(v) == positions[i].hint for i, v in filled)

    def read(
        self, number: int, values: Sequence[Any], positions: Mapping[int, Column]
    ) -> tuple[dict[str, Any], list[Problem]]:
        """A row's cells parsed by their columns (None where empty), and what was wrong with them."""
        row: dict[str, Any] = {c.key: None for c in self.columns}
        problems = []
        for i, column in positions.items():
            value = values[i] if i < len(values) else None
            if cells.empty(value):
                if column.required:
                    problems.append(Problem(number, column.header, f"请填写{column.header}"))
                continue
            try:
                row[column.key] = column.parse(value)
            except cells.CellProblem as exc:
                problems.append(Problem(number, column.header, str(exc)))
        return row, problems

    def column_of(self, field_name: str | None) -> str | None:
        """The header of the column a mutation's input field comes from (None: the row as a whole)."""
        for column in self.columns:
            if field_name == column.field:
                return column.header
        return None

    def template(self, choices: Mapping[str, tuple[str, ...]]) -> bytes:
        """The template: header, hint row, drop-down lists (`choices` adds the caller's own, by key)."""
        columns = [
            writer.Column(c.header, c.width, hint=c.hint, choices=choices.get(c.key, c.choices)) for c in self.columns
        ]
        return writer.workbook_bytes([writer.Sheet(self.title, columns, template=True)])
