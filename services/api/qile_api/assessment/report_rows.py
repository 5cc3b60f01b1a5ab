"""What the office's reports say, row by row: shared by the CSV and the workbook.

Pure: the communities are assessed already. The detailed rows (one per
community and criterion) are the same in both files; the summary (one row
per community, its criteria counted by status for each part of the
standard) is the workbook's first sheet.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal

from qile_api.assessment.engine import CommunityAssessment, Counts
from qile_api.assessment.rules import shown
from qile_api.assessment.sql import Criterion, ExportCommunity
from qile_api.assessment.vocabulary import STATUS_LABELS

Assessed = tuple[ExportCommunity, CommunityAssessment]
Row = tuple[str | int | Decimal | None, ...]

PLACE = ("区县", "街道/镇", "社区", "试点编号", "主题", "年度")

DETAIL_HEADER = (
    *PLACE,
    "部分",
    "标准项",
    "标准内容",
    "测量值",
    "标准值",
    "单位",
    "结果",
    "依据",
)

RATE = "达标率"

# The statuses in the order the summary counts them, with their Chinese names.
STATUS_ORDER = ("MET", "NOT_MET", "UNKNOWN")


def _place(community: ExportCommunity, year: int) -> Row:
    return (community.district, community.subdistrict, community.name, community.pilot_no, community.theme, year)


def detail_rows(rows: Sequence[Assessed]) -> Iterator[Row]:
    """One row per community and criterion, in the standard's order."""
    for community, assessed in rows:
        for part in assessed.parts:
            for result in part.results:
                c, o = result.criterion, result.outcome
                yield (
                    *_place(community, assessed.year),
                    f"{part.number}.{part.name}",
                    c.key,
                    c.description,
                    shown(o.measured) if o.measured is not None else None,
                    shown(c.threshold) if c.threshold is not None else None,
                    c.unit,
                    STATUS_LABELS[o.status],
                    "；".join(e.label for e in o.evidence),
                )


def parts_of(criteria: Sequence[Criterion]) -> list[tuple[int, str]]:
    """The standard's parts (number, name), in order: the summary's column groups."""
    return sorted({(c.part, c.part_name) for c in criteria})


def summary_header(parts: Sequence[tuple[int, str]]) -> tuple[str, ...]:
    """Where the community is, then 达标/未达标/数据不足 for each part, then for all, then the share met."""
    groups = [f"{number}.{name}" for number, name in parts]
    return (
        *PLACE,
        *(f"{group} {STATUS_LABELS[s]}" for group in groups for s in STATUS_ORDER),
        *(f"合计 {STATUS_LABELS[s]}" for s in STATUS_ORDER),
        RATE,
    )


def _counted(counts: Counts) -> tuple[int, int, int]:
    return counts.met, counts.not_met, counts.unknown


def summary_rows(rows: Sequence[Assessed], parts: Sequence[tuple[int, str]]) -> Iterator[Row]:
    """One row per community: its criteria counted by status in each part, then together."""
    for community, assessed in rows:
        by_part = {p.number: p.counts for p in assessed.parts}
        yield (
            *_place(community, assessed.year),
            *(n for number, _ in parts for n in _counted(by_part.get(number, Counts()))),
            *_counted(assessed.counts),
            # A share (0 to 1), shown as a percentage by the column's format.
            assessed.counts.progress.quantize(Decimal("0.001")),
        )
