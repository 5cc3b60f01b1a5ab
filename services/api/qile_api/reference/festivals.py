"""The traditional festivals of "我们的节日" on their dates in the Gregorian calendar.

春节, 元宵, 端午, 中秋 and 重阳 follow the Chinese lunar calendar (the 1st of the
1st month, the 15th of the 1st, the 5th of the 5th, the 15th of the 8th, the
9th of the 9th): their dates move by weeks from year to year, so they are
listed here rather than computed with a formula. Only demo content reads
them; a year outside the table has no festival dates (None).
"""

from __future__ import annotations

from datetime import date, timedelta

FESTIVALS = ("春节", "元宵", "端午", "中秋", "重阳")

# year: 春节 (month, day), 端午, 中秋, 重阳; 元宵 is 14 days after 春节.
# fmt: off
_LUNAR: dict[int, tuple[tuple[int, int], tuple[int, int], tuple[int, int], tuple[int, int]]] = {
    2024: ((2, 10), (6, 10), (9, 17), (10, 11)),
    2025: ((1, 29), (5, 31), (10, 6), (10, 29)),
    2026: ((2, 17), (6, 19), (9, 25), (10, 18)),
    2027: ((2, 6), (6, 9), (9, 15), (10, 8)),
    2028: ((1, 26), (5, 28), (10, 3), (10, 26)),
    2029: ((2, 13), (6, 16), (9, 22), (10, 16)),
    2030: ((2, 3), (6, 5), (9, 12), (10, 5)),
    2031: ((1, 23), (6, 24), (10, 1), (10, 24)),
    2032: ((2, 11), (6, 12), (9, 19), (10, 12)),
    2033: ((1, 31), (6, 1), (9, 8), (10, 1)),
    2034: ((2, 19), (6, 20), (9, 27), (10, 20)),
    2035: ((2, 8), (6, 10), (9, 16), (10, 9)),
    2036: ((1, 28), (5, 30), (10, 4), (10, 27)),
    2037: ((2, 15), (6, 18), (9, 24), (10, 17)),
    2038: ((2, 4), (6, 7), (9, 13), (10, 7)),
    2039: ((1, 24), (5, 27), (10, 2), (10, 26)),
    2040: ((2, 12), (6, 14), (9, 20), (10, 14)),
}
# fmt: on


def festival_date(name: str, year: int) -> date | None:
    """The festival's date in `year`, or None when the table does not reach that year."""
    if name not in FESTIVALS:
        raise ValueError(f"not a festival: {name}")
    row = _LUNAR.get(year)
    if row is None:
        return None
    spring, dragon_boat, mid_autumn, double_ninth = (date(year, m, d) for m, d in row)
    return {
        "春节": spring,
        "元宵": spring + timedelta(days=14),
        "端午": dragon_boat,
        "中秋": mid_autumn,
        "重阳": double_ninth,
    }[name]


def next_festival(after: date) -> tuple[str, date] | None:
    """The first festival falling after `after` (the day itself excluded), or None past the table."""
    found = [
        (day, name)
        for year in (after.year, after.year + 1)
        for name in FESTIVALS
        if (day := festival_date(name, year)) is not None and day > after
    ]
    if not found:
        return None
    day, name = min(found)
    return name, day
