"""The one CSV writer: text that a spreadsheet would run as a formula is written as text."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest

from qile_api.http.csv_cells import BOM, Cell, csv_text


def cells(*row: Cell) -> list[str]:
    text = csv_text([row])
    assert text.startswith(BOM)
    (parsed,) = csv.reader(io.StringIO(text[1:], newline=""))
    return parsed


@pytest.mark.parametrize(
    "text",
    ['=HYPERLINK("http://e.vil/","x")', "+1+1", "-1+1", "-3", "@SUM(A1)", "\t=1+1", "\r=1+1", "=", "-"],
)
def test_text_a_spreadsheet_would_evaluate_gets_a_leading_quote(text: str) -> None:
    assert cells(text) == ["'" + text]


@pytest.mark.parametrize("text", ["工盛社区", "3", "a=b", " =1+1", "'quoted", "", "1-2"])
def test_other_text_is_written_as_it_is(text: str) -> None:
    assert cells(text) == [text]


def test_numbers_we_compute_stay_numbers() -> None:
    # A measured value is ours, not a user's: a numeral, even a negative one, is never a formula.
    assert cells(-3, Decimal("-2.5"), Decimal("3E+2"), 0, None) == ["-3", "-2.5", "300", "0", ""]


def test_bad_cells_are_refused_rather_than_written() -> None:
    with pytest.raises(TypeError):
        csv_text([(True,)])
    with pytest.raises(ValueError, match="finite"):
        csv_text([(Decimal("NaN"),)])


def test_rows_end_with_crlf_and_the_bom_can_be_left_out() -> None:
    assert csv_text([("a", 1), ("b", 2)], bom=False) == "a,1\r\nb,2\r\n"
