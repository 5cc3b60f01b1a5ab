"""The rule evaluators the criteria table names in its `rule` column.

Each evaluator reads the criterion's `params` and `threshold` (data) and a
community's records, and answers MET, NOT_MET or UNKNOWN with the value it
measured and the records it rests on.

How UNKNOWN is decided, the same way in every rule: the rule computes the
lowest and the highest value the truth could have, given what is recorded.
MET when even the lowest reaches the threshold, NOT_MET when even the
highest falls short, UNKNOWN otherwise. A missing value (an area nobody
entered, a participant count not yet reported) widens the range; a register
with nothing in it at all (no facility, team, event … recorded for the
community) says nothing, so its rules are UNKNOWN. Missing data is never MET.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from qile_api.assessment.sql import CommunityFacts, Criterion, EventFact
from qile_api.assessment.vocabulary import (
    FACILITY_KINDS,
    RECOGNITION_LEVEL_LABELS,
    RECOGNITION_LEVELS,
    SELECTION_KINDS,
    label,
)
from qile_api.facilities.sql import FacilityRow

log = logging.getLogger(__name__)

Status = Literal["MET", "NOT_MET", "UNKNOWN"]
EvidenceKind = Literal["FACILITY", "TEAM", "EVENT", "SELECTION", "RECOGNITION", "ATTESTATION"]


@dataclass(frozen=True)
class Evidence:
    kind: EvidenceKind
    id: int
    label: str


@dataclass(frozen=True)
class Outcome:
    status: Status
    # None when the status is UNKNOWN: there is no one value to show.
    measured: Decimal | None
    evidence: tuple[Evidence, ...] = ()


UNKNOWN = Outcome("UNKNOWN", None)

Rule = Callable[[Criterion, CommunityFacts], Outcome]


def shown(value: Decimal) -> Decimal:
    """A number as people read it: 300, 299.9, 91.7 (rates to one decimal)."""
    rounded = value.quantize(Decimal("0.1")) if value != value.to_integral_value() else value
    return rounded.normalize()


def fmt(value: Decimal) -> str:
    """`shown` as text: 300, not 3E+2."""
    return format(shown(value), "f")


def judge(low: Decimal, high: Decimal | None, threshold: Decimal, evidence: Iterable[Evidence]) -> Outcome:
    """Compare the range [low, high] (high None: unbounded) with `threshold` (≥ meets)."""
    if low >= threshold:
        status: Status = "MET"
    elif high is not None and high < threshold:
        status = "NOT_MET"
    else:
        return Outcome("UNKNOWN", None, tuple(evidence))
    return Outcome(status, low, tuple(evidence))


def _keys(c: Criterion, name: str) -> set[str] | None:
    """A list-of-strings parameter; None when the criterion leaves it out."""
    value: Any = c.params.get(name)
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"params.{name} must be a list of strings")
    return set(value)


def _required_keys(c: Criterion, name: str) -> set[str]:
    keys = _keys(c, name)
    if not keys:
        raise ValueError(f"params.{name} is required")
    return keys


def _facility_label(f: FacilityRow, detail: str = "") -> str:
    kind = label(FACILITY_KINDS, f.kind)
    head = f.name if f.name == kind else f"{f.name}（{kind}）"
    return f"{head}：{detail}" if detail else head


_FACILITY_FIELDS = {"indoor": "indoor_area_m2", "outdoor": "outdoor_area_m2", "hours": "weekly_open_hours"}


def _facility_measure(c: Criterion, facts: CommunityFacts, field: str) -> Outcome:
    if c.threshold is None or not facts.facilities:
        return UNKNOWN
    kinds = _required_keys(c, "kinds")
    aggregate = c.params.get("aggregate", "sum")
    if aggregate not in ("sum", "max"):
        raise ValueError("params.aggregate must be sum or max")
    relevant = [f for f in facts.facilities if f.kind in kinds]
    values = [getattr(f, _FACILITY_FIELDS[field]) for f in relevant]
    known = [v for v in values if v is not None]
    missing = len(known) < len(values)
    low = sum(known, Decimal(0)) if aggregate == "sum" else max(known, default=Decimal(0))
    high = None if missing else low
    unit = c.unit
    evidence = [
        Evidence("FACILITY", f.id, _facility_label(f, f"{fmt(v)}{unit}" if v is not None else "未填写"))
        for f, v in zip(relevant, values, strict=True)
    ]
    return judge(low, high, c.threshold, evidence)


def facility_area_at_least(c: Criterion, facts: CommunityFacts) -> Outcome:
    """Indoor or outdoor area (params.field) of facilities of the kinds, summed or the largest."""
    field = c.params.get("field")
    if field not in ("indoor", "outdoor"):
        raise ValueError("params.field must be indoor or outdoor")
    return _facility_measure(c, facts, field)


def hours_at_least(c: Criterion, facts: CommunityFacts) -> Outcome:
    """Weekly opening hours of facilities of the kinds."""
    return _facility_measure(c, facts, "hours")


def facility_present(c: Criterion, facts: CommunityFacts) -> Outcome:
    """How many of the listed kinds have at least one facility (threshold: how many must)."""
    if c.threshold is None or not facts.facilities:
        return UNKNOWN
    kinds = _required_keys(c, "kinds")
    relevant = [f for f in facts.facilities if f.kind in kinds]
    present = Decimal(len({f.kind for f in relevant}))
    return judge(present, present, c.threshold, (Evidence("FACILITY", f.id, _facility_label(f)) for f in relevant))


def free_of_charge_share_at_least(c: Criterion, facts: CommunityFacts) -> Outcome:
    """Share (%) of facilities of the kinds that are free of charge."""
    if c.threshold is None:
        return UNKNOWN
    kinds = _required_keys(c, "kinds")
    relevant = [f for f in facts.facilities if f.kind in kinds]
    if not relevant:
        return UNKNOWN
    free = sum(1 for f in relevant if f.free_of_charge is True)
    unknown = sum(1 for f in relevant if f.free_of_charge is None)
    total = Decimal(len(relevant))
    evidence = [
        Evidence("FACILITY", f.id, _facility_label(f, {True: "免费", False: "收费", None: "未填写"}[f.free_of_charge]))
        for f in relevant
    ]
    return judge(Decimal(free * 100) / total, Decimal((free + unknown) * 100) / total, c.threshold, evidence)


def teams_with_members_at_least(c: Criterion, facts: CommunityFacts) -> Outcome:
    """How many teams of the kinds have at least params.min_members (and, if asked, run all year)."""
    if c.threshold is None or not facts.teams:
        return UNKNOWN
    kinds = _keys(c, "kinds")
    min_members = int(c.params.get("min_members", 0))
    all_year = bool(c.params.get("active_all_year", False))
    qualifying = [
        t
        for t in facts.teams
        if (kinds is None or t.kind in kinds) and t.members >= min_members and (t.active_all_year or not all_year)
    ]
    count = Decimal(len(qualifying))
    evidence = (Evidence("TEAM", t.id, f"{t.name}（{t.members}人）") for t in qualifying)
    return judge(count, count, c.threshold, evidence)


def _event_matches(e: EventFact, categories: set[str] | None, large_scale: Any) -> bool:
    return (categories is None or e.category in categories) and (large_scale is None or e.large_scale == large_scale)


def events_count(c: Criterion, facts: CommunityFacts) -> Outcome:
    """Events that took place in the year, filtered by category, scale and participants."""
    if c.threshold is None or not facts.events:
        return UNKNOWN
    categories = _keys(c, "categories")
    large_scale = c.params.get("large_scale")
    min_participants = c.params.get("min_participants")
    matching = [e for e in facts.events if _event_matches(e, categories, large_scale)]
    if min_participants is None:
        held = Decimal(len(matching))
        evidence = (Evidence("EVENT", e.id, f"{e.title}（{e.starts_at.date().isoformat()}）") for e in matching)
        return judge(held, held, c.threshold, evidence)
    # Participation: the door's count (check-ins) where recorded, else the reviewed head count.
    counted = [e for e in matching if e.turnout is not None and e.turnout >= int(min_participants)]
    unreported = sum(1 for e in matching if e.turnout is None)
    low = Decimal(len(counted))
    return judge(low, low + unreported, c.threshold, (Evidence("EVENT", e.id, _turnout_label(e)) for e in counted))


def _turnout_label(e: EventFact) -> str:
    """邻居节（2026-05-01，签到42人）: the event and the count it was judged on, and where that came from."""
    how = "签到" if e.checked_in is not None else "登记"
    return f"{e.title}（{e.starts_at.date().isoformat()}，{how}{e.turnout}人）"


def participation_rate_at_least(c: Criterion, facts: CommunityFacts) -> Outcome:
    """Households taking part in the selections (%): each kind (params.combine=each) or all together (total)."""
    if c.threshold is None or not facts.selections:
        return UNKNOWN
    kinds = _required_keys(c, "kinds")
    combine = c.params.get("combine", "each")
    by_kind = {s.kind: s for s in facts.selections if s.kind in kinds}
    evidence = [
        Evidence(
            "SELECTION",
            s.id,
            f"{label(SELECTION_KINDS, s.kind)}：{s.households_participating}/{s.households_eligible}户",
        )
        for s in by_kind.values()
    ]
    rates = [Decimal(s.households_participating * 100) / Decimal(s.households_eligible) for s in by_kind.values()]
    complete = len(by_kind) == len(kinds)
    if combine == "each":
        # An unrecorded selection could lie anywhere from 0 to 100 %.
        low = min(rates) if complete else Decimal(0)
        high = min(rates, default=Decimal(100))
        return judge(low, high, c.threshold, evidence)
    if combine == "total":
        if not complete:
            return Outcome("UNKNOWN", None, tuple(evidence))
        taking_part = sum(s.households_participating for s in by_kind.values())
        eligible = sum(s.households_eligible for s in by_kind.values())
        rate = Decimal(taking_part * 100) / Decimal(eligible)
        return judge(rate, rate, c.threshold, evidence)
    raise ValueError("params.combine must be each or total")


def recognition_level_at_least(c: Criterion, facts: CommunityFacts) -> Outcome:
    """How many recognitions at params.level or higher the community holds by the end of the year."""
    if c.threshold is None or not facts.recognitions:
        return UNKNOWN
    floor = RECOGNITION_LEVELS.index(str(c.params.get("level")))
    qualifying = [r for r in facts.recognitions if RECOGNITION_LEVELS.index(r.level) >= floor]
    count = Decimal(len(qualifying))
    evidence = (
        Evidence(
            "RECOGNITION",
            r.id,
            f"{r.brand_name}（{label(RECOGNITION_LEVEL_LABELS, r.level)}，{r.recognised_by}，"
            f"{r.recognised_on.isoformat()}）",
        )
        for r in qualifying
    )
    return judge(count, count, c.threshold, evidence)


def attested(c: Criterion, facts: CommunityFacts) -> Outcome:
    """A qualitative criterion: the latest staff attestation for the year decides."""
    found = facts.attestations.get(c.key)
    if found is None:
        return UNKNOWN
    note = f"：{found.note}" if found.note else ""
    text = f"{found.attested_by_name} {found.attested_at.date().isoformat()} {'达标' if found.met else '未达标'}{note}"
    evidence = (Evidence("ATTESTATION", found.id, text),)
    return Outcome("MET", Decimal(1), evidence) if found.met else Outcome("NOT_MET", Decimal(0), evidence)


RULES: dict[str, Rule] = {
    "facility_area_at_least": facility_area_at_least,
    "hours_at_least": hours_at_least,
    "facility_present": facility_present,
    "free_of_charge_share_at_least": free_of_charge_share_at_least,
    "teams_with_members_at_least": teams_with_members_at_least,
    "events_count": events_count,
    "participation_rate_at_least": participation_rate_at_least,
    "recognition_level_at_least": recognition_level_at_least,
    "attested": attested,
}


def evaluate(c: Criterion, facts: CommunityFacts) -> Outcome:
    """Apply the criterion's rule; a rule or parameters the code cannot use give UNKNOWN, never MET."""
    rule = RULES.get(c.rule)
    if rule is None:
        log.warning("criterion %s names unknown rule %r", c.key, c.rule)
        return UNKNOWN
    try:
        return rule(c, facts)
    except (KeyError, TypeError, ValueError, InvalidOperation) as exc:
        log.warning("criterion %s has parameters its rule cannot use: %s", c.key, exc)
        return UNKNOWN
