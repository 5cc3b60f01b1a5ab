"""Assessing communities against the standard: load once, judge in memory.

`assess` is pure (criteria + records → results), so the rules can be tested
without a database; `assess_communities` loads the criteria and the records
of any number of communities in a fixed number of round trips.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from qile_api.assessment.rules import Outcome, Status, evaluate
from qile_api.assessment.sql import CommunityFacts, Criterion, all_criteria, load_facts
from qile_api.db.database import Executor

MIN_YEAR, MAX_YEAR = 2000, 2100


@dataclass(frozen=True)
class CriterionResult:
    criterion: Criterion
    outcome: Outcome


@dataclass(frozen=True)
class Counts:
    met: int = 0
    not_met: int = 0
    unknown: int = 0

    @classmethod
    def of(cls, statuses: Sequence[Status]) -> Counts:
        return cls(statuses.count("MET"), statuses.count("NOT_MET"), statuses.count("UNKNOWN"))

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.met + other.met, self.not_met + other.not_met, self.unknown + other.unknown)

    @property
    def total(self) -> int:
        return self.met + self.not_met + self.unknown

    @property
    def progress(self) -> Decimal:
        """Share of criteria met, 0 to 1: what "progress" sorts by."""
        return Decimal(self.met) / Decimal(self.total) if self.total else Decimal(0)


@dataclass(frozen=True)
class PartResult:
    number: int
    name: str
    results: tuple[CriterionResult, ...]

    @property
    def counts(self) -> Counts:
        return Counts.of([r.outcome.status for r in self.results])


@dataclass(frozen=True)
class CommunityAssessment:
    community_id: int
    year: int
    parts: tuple[PartResult, ...]
    facts: CommunityFacts

    @property
    def results(self) -> list[CriterionResult]:
        return [r for p in self.parts for r in p.results]

    @property
    def counts(self) -> Counts:
        return Counts.of([r.outcome.status for r in self.results])


def assess(community_id: int, year: int, criteria: Sequence[Criterion], facts: CommunityFacts) -> CommunityAssessment:
    """Judge every criterion; parts in their order, criteria in theirs."""
    parts: dict[int, tuple[str, list[CriterionResult]]] = {}
    for c in sorted(criteria, key=lambda c: (c.part, c.position, c.key)):
        parts.setdefault(c.part, (c.part_name, []))[1].append(CriterionResult(c, evaluate(c, facts)))
    return CommunityAssessment(
        community_id=community_id,
        year=year,
        parts=tuple(PartResult(n, name, tuple(rs)) for n, (name, rs) in sorted(parts.items())),
        facts=facts,
    )


def current_year(now: datetime, timezone: str) -> int:
    """The year it is in the city: what `year` means when a caller leaves it out."""
    return now.astimezone(ZoneInfo(timezone)).year


def year_bounds(year: int, timezone: str) -> tuple[datetime, datetime]:
    """1 January to 1 January in the city's time zone: a New Year's Eve event belongs to its year."""
    tz = ZoneInfo(timezone)
    return datetime(year, 1, 1, tzinfo=tz), datetime(year + 1, 1, 1, tzinfo=tz)


async def assess_communities(
    db: Executor, community_ids: Sequence[int], year: int, *, now: datetime, timezone: str
) -> dict[int, CommunityAssessment]:
    """Assess each community for `year` as things stand at `now`, in seven round trips."""
    ids = list(dict.fromkeys(community_ids))
    criteria = await all_criteria(db)
    if not ids:
        return {}
    start, end = year_bounds(year, timezone)
    facts = await load_facts(db, ids, year_start=start, year_end=end, now=now, year=year)
    return {i: assess(i, year, criteria, facts[i]) for i in ids}
