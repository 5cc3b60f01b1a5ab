"""Reading a cell of an uploaded sheet: one parser per kind of cell, each refusing in Chinese.

Excel hands over what the cell holds: text, an int, a float (every number
typed into a cell), a datetime for a date. A parser turns that into the value
the domain stores, or raises `CellProblem` with the sentence the uploader
reads next to the cell. Empty cells are None before any parser sees them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

Parser = Callable[[Any], Any]


class CellProblem(ValueError):
    """What is wrong with a cell, in Chinese."""


def empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text(value: Any) -> str:
    """Text as typed, trimmed; a number typed into a text column reads as its digits (12, not 12.0)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        raise CellProblem("应为文字，不是日期")
    return str(value).strip()


def _decimal(value: Any) -> Decimal:
    if isinstance(value, bool | datetime):
        raise CellProblem("应为数字")
    try:
        # Through str(): a float such as 299.9 stays 299.9.
        found = Decimal(str(value).strip().replace(",", ""))
    except InvalidOperation:
        raise CellProblem(f"“{value}”不是数字") from None
    if not found.is_finite():
        raise CellProblem(f"“{value}”不是数字")
    return found


def whole(value: Any) -> int:
    """A whole number (人数, 户数, 年度)."""
    found = _decimal(value)
    if found != found.to_integral_value():
        raise CellProblem(f"“{value}”应为整数")
    if abs(found) > 2**31 - 1:
        raise CellProblem(f"“{value}”过大")
    return int(found)


def measure(value: Any) -> Decimal:
    """A measure to one decimal (面积, 时长)."""
    found = _decimal(value)
    if found != found.quantize(Decimal("0.1")):
        raise CellProblem(f"“{value}”最多保留一位小数")
    return found


YES = ("是", "否")


def yes_no(value: Any) -> bool:
    """是 or 否 (也认 Y/N、TRUE/FALSE、1/0, as spreadsheets write them)."""
    found = text(value).upper()
    if found in ("是", "Y", "YES", "TRUE", "1", "√"):
        return True
    if found in ("否", "N", "NO", "FALSE", "0", "×"):
        return False
    raise CellProblem(f"“{value}”应填“是”或“否”")


def choice(labels: Mapping[str, str]) -> Parser:
    """One of a vocabulary: its Chinese label as the drop-down offers it, or its key (PRACTICE_STATION)."""
    by_label = {label: key for key, label in labels.items()}

    def parse(value: Any) -> str:
        found = text(value)
        if found in by_label:
            return by_label[found]
        if found in labels:
            return found
        raise CellProblem(f"“{found}”不在可选项中，请从下拉列表中选择")

    return parse
