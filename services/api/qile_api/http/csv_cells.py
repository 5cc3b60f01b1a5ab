"""CSV for spreadsheets, with every text cell defused against formula injection.

Excel, LibreOffice and WPS treat a cell starting with `=`, `+`, `-` or `@`
(also after a leading tab or carriage return) as a formula: a team named
`=HYPERLINK("http://e.vil/","x")` would become a live link in the office's
spreadsheet. Following OWASP's CSV-injection rule, such a text cell is
written with a leading single quote, which the spreadsheet shows as text and
hides. Every CSV the project writes goes through `csv_text`, so no writer can
forget it.

Only numbers the project computes itself (`int`, `Decimal`) are written as
they are: a plain numeral such as `-3` is a value, never a formula, and must
stay a number for the office's sums. Any `str`, whoever wrote it, is text and
is defused, even when it looks like a number.

(`defusedcsv` was considered: it does not cover tab and carriage return, it
lets text such as `-3` through and rewrites `|` inside cells.)
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

# Excel on the office's machines reads a CSV without a byte order mark as GBK.
BOM = "\ufeff"

Cell = str | int | Decimal | None

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def defuse(text: str) -> str:
    """Text that a spreadsheet cannot take for a formula."""
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def cell(value: Cell) -> str:
    """One cell as written: numbers as numerals, text defused, None empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        # bool is an int to Python but not a number to a reader of the sheet.
        raise TypeError("write a label, not a bool, into a CSV cell")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"not a finite number: {value}")
        return format(value, "f")  # 300, not 3E+2
    return defuse(value)


def csv_text(rows: Iterable[Sequence[Cell]], *, bom: bool = True) -> str:
    """The whole CSV (CRLF line ends, as spreadsheets expect), BOM first unless told otherwise."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows([cell(value) for value in row] for row in rows)
    return (BOM if bom else "") + out.getvalue()
