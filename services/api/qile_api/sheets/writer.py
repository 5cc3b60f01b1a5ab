"""Every .xlsx the project writes goes through here: exports and import templates.

Text is always written as text. openpyxl stores a `str` starting with `=` as
a formula, so a team named `=HYPERLINK("http://e.vil/","x")` would become a
live link in the office's workbook; here every text cell is typed a string
(Excel then shows it as typed and never evaluates it, with no quote to add,
unlike a CSV). Numbers the project computes stay numbers, for the office's
sums. Written in openpyxl's write-only mode: rows stream out, so a city's
detailed sheet does not sit in memory as cell objects.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, cast

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.datavalidation import DataValidation

Value = str | int | float | Decimal | date | None

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# The hidden sheet templates keep their drop-down lists on (a list typed into
# the validation itself is limited to 255 characters).
CHOICES_SHEET = "选项"
# How many data rows of a template carry the drop-down lists.
TEMPLATE_ROWS = 2000

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_HINT_FONT = Font(italic=True, color="808080")
_WRAP = Alignment(wrap_text=True, vertical="top")


@dataclass(frozen=True)
class Column:
    header: str
    width: float = 14
    # Templates: what to type, shown in the hint row under the header.
    hint: str = ""
    # Templates: the values a cell may take, offered as a drop-down list.
    choices: tuple[str, ...] = ()
    # Numbers: how Excel shows them (e.g. "0.0%").
    number_format: str | None = None


@dataclass(frozen=True)
class Sheet:
    title: str
    columns: Sequence[Column]
    rows: Iterable[Sequence[Value]] = ()
    # Templates: a hint row under the header, and drop-down lists.
    template: bool = False
    # Exports: a filter button on each header.
    autofilter: bool = False


def _cell(ws: WriteOnlyWorksheet, value: Value, column: Column | None = None) -> Cell:
    if isinstance(value, bool):
        # bool is an int to Python but not a number to a reader of the sheet.
        raise TypeError("write a label, not a bool, into a sheet cell")
    if isinstance(value, Decimal) and not value.is_finite():
        raise ValueError(f"not a finite number: {value}")
    # The stubs leave out Decimal and date, which openpyxl writes as numbers and dates.
    cell = WriteOnlyCell(ws, value=cast(Any, value))
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula, whatever it starts with
    elif column is not None and column.number_format and value is not None:
        cell.number_format = column.number_format
    return cell


def _styled(ws: WriteOnlyWorksheet, text: str, font: Font) -> Cell:
    cell = _cell(ws, text or None)
    cell.font = font
    cell.alignment = _WRAP
    return cell


def _choices_range(index: int, count: int) -> str:
    letter = get_column_letter(index + 1)
    return f"'{CHOICES_SHEET}'!${letter}$1:${letter}${count}"


def _add_sheet(wb: Workbook, sheet: Sheet, lists: list[tuple[str, ...]]) -> None:
    ws = wb.create_sheet(sheet.title)
    header_rows = 2 if sheet.template else 1
    for i, column in enumerate(sheet.columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = column.width
    ws.freeze_panes = f"A{header_rows + 1}"
    last = get_column_letter(max(len(sheet.columns), 1))
    if sheet.template:
        for i, column in enumerate(sheet.columns, start=1):
            if not column.choices:
                continue
            if column.choices not in lists:
                lists.append(column.choices)
            letter = get_column_letter(i)
            rule = DataValidation(
                type="list",
                formula1=_choices_range(lists.index(column.choices), len(column.choices)),
                allow_blank=True,
                showErrorMessage=True,
                errorTitle=column.header,
                error=f"请从下拉列表中选择{column.header}",
            )
            rule.add(f"{letter}{header_rows + 1}:{letter}{header_rows + TEMPLATE_ROWS}")
            ws.data_validations.append(rule)
    ws.append([_styled(ws, c.header, _HEADER_FONT) for c in sheet.columns])
    if sheet.template:
        ws.append([_styled(ws, c.hint, _HINT_FONT) for c in sheet.columns])
    count = 0
    for row in sheet.rows:
        ws.append([_cell(ws, v, c) for v, c in zip(row, sheet.columns, strict=True)])
        count += 1
    if sheet.autofilter:
        ws.auto_filter.ref = f"A1:{last}{count + 1}"


def workbook_bytes(sheets: Sequence[Sheet]) -> bytes:
    """The .xlsx file: the sheets in order, then (templates) the hidden sheet of drop-down lists."""
    wb = Workbook(write_only=True)
    lists: list[tuple[str, ...]] = []
    for sheet in sheets:
        _add_sheet(wb, sheet, lists)
    if lists:
        choices = wb.create_sheet(CHOICES_SHEET)
        choices.sheet_state = "hidden"
        for i in range(max(len(values) for values in lists)):
            choices.append([_cell(choices, values[i] if i < len(values) else None) for values in lists])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
