"""GraphQL types for the assessment of a community against the reference standard."""

from __future__ import annotations

from enum import Enum

import strawberry
from strawberry import relay

from qile_api.assessment import engine, rules, sql
from qile_api.assessment.vocabulary import (
    RECOGNITION_LEVEL_LABELS,
    SELECTION_KINDS,
    STATUS_LABELS,
    label,
)
from qile_api.graphql.context import Info
from qile_api.graphql.errors import BadUserInput
from qile_api.media.types import Photo
from qile_api.regions.sql import RegionRow
from qile_api.regions.types import Community


@strawberry.enum(description="How a criterion stands: UNKNOWN when the recorded data cannot say.")
class AssessmentStatus(Enum):
    MET = "MET"
    NOT_MET = "NOT_MET"
    UNKNOWN = "UNKNOWN"


@strawberry.enum(description="What kind of record a result rests on.")
class EvidenceKind(Enum):
    FACILITY = "FACILITY"
    TEAM = "TEAM"
    EVENT = "EVENT"
    SELECTION = "SELECTION"
    RECOGNITION = "RECOGNITION"
    ATTESTATION = "ATTESTATION"


# The GraphQL type each kind of record is known by in global IDs.
_TYPE_NAMES: dict[str, str] = {
    "FACILITY": "Facility",
    "TEAM": "Team",
    "EVENT": "Event",
    "SELECTION": "Selection",
    "RECOGNITION": "Recognition",
    "ATTESTATION": "Attestation",
}


def global_id(kind: str, pk: int) -> strawberry.ID:
    return strawberry.ID(str(relay.GlobalID(_TYPE_NAMES[kind], str(pk))))


def check_year(info: Info, year: int | None) -> int:
    """`year` as asked, or this year in the city when left out; refused outside the years the API keeps."""
    if year is None:
        return engine.current_year(info.context.now(), info.context.settings.timezone)
    if not engine.MIN_YEAR <= year <= engine.MAX_YEAR:
        raise BadUserInput(f"`year` must be between {engine.MIN_YEAR} and {engine.MAX_YEAR}", field="year")
    return year


@strawberry.type(description="A record a result rests on, e.g. a facility with its area.")
class Evidence:
    kind: EvidenceKind
    id: strawberry.ID = strawberry.field(description="Global ID of the record (an Event's is its node id).")
    label: str = strawberry.field(description="What it is, in Chinese, with the value that counted.")

    @classmethod
    def of(cls, e: rules.Evidence) -> Evidence:
        return cls(kind=EvidenceKind(e.kind), id=global_id(e.kind, e.id), label=e.label)


@strawberry.type(description="How many criteria are met, not met, or cannot be judged.")
class StatusCounts:
    met: int
    not_met: int
    unknown: int
    total: int
    progress: float = strawberry.field(description="Share of criteria met, 0 to 1.")

    @classmethod
    def of(cls, c: engine.Counts) -> StatusCounts:
        return cls(met=c.met, not_met=c.not_met, unknown=c.unknown, total=c.total, progress=float(c.progress))


@strawberry.type(description="One criterion of the standard, judged for one community and year.")
class CriterionResult:
    key: str = strawberry.field(description="Stable key, e.g. facilities.station_area.")
    description: str = strawberry.field(description="The criterion as the standard words it.")
    rule: str = strawberry.field(description="The rule that judges it, e.g. facility_area_at_least.")
    measured: float | None = strawberry.field(description="What was measured; null when UNKNOWN.")
    threshold: float | None = strawberry.field(description="What the standard asks; null for attested criteria.")
    unit: str
    status: AssessmentStatus
    status_label: str = strawberry.field(description="达标, 未达标 or 数据不足.")
    evidence: list[Evidence]

    @classmethod
    def of(cls, r: engine.CriterionResult) -> CriterionResult:
        c, o = r.criterion, r.outcome
        return cls(
            key=c.key,
            description=c.description,
            rule=c.rule,
            measured=float(o.measured) if o.measured is not None else None,
            threshold=float(c.threshold) if c.threshold is not None else None,
            unit=c.unit,
            status=AssessmentStatus(o.status),
            status_label=STATUS_LABELS[o.status],
            evidence=[Evidence.of(e) for e in o.evidence],
        )


@strawberry.type(description="One of the standard's eight parts (功能设施 … 特色亮点).")
class AssessmentPart:
    number: int
    name: str
    criteria: list[CriterionResult]
    counts: StatusCounts

    @classmethod
    def of(cls, p: engine.PartResult) -> AssessmentPart:
        return cls(
            number=p.number,
            name=p.name,
            criteria=[CriterionResult.of(r) for r in p.results],
            counts=StatusCounts.of(p.counts),
        )


@strawberry.type(description="Households taking part in one selection (文明楼院 …) in the year.")
class Selection:
    id: strawberry.ID
    kind: str
    kind_label: str
    households_eligible: int
    households_participating: int
    version: int = strawberry.field(description="Send it back with an update or a delete.")

    @classmethod
    def of(cls, s: sql.SelectionFact) -> Selection:
        return cls(
            id=global_id("SELECTION", s.id),
            kind=s.kind,
            kind_label=label(SELECTION_KINDS, s.kind),
            households_eligible=s.households_eligible,
            households_participating=s.households_participating,
            version=s.version,
        )


@strawberry.type(description="A brand and who promoted it (特色亮点).")
class Recognition:
    id: strawberry.ID
    brand_name: str
    level: str = strawberry.field(description="CITY, PROVINCIAL or NATIONAL.")
    level_label: str
    recognised_by: str
    recognised_on: str = strawberry.field(description="ISO date.")
    note: str
    version: int = strawberry.field(description="Send it back with an update or a delete.")

    @classmethod
    def of(cls, r: sql.RecognitionFact) -> Recognition:
        return cls(
            id=global_id("RECOGNITION", r.id),
            brand_name=r.brand_name,
            level=r.level,
            level_label=label(RECOGNITION_LEVEL_LABELS, r.level),
            recognised_by=r.recognised_by,
            recognised_on=r.recognised_on.isoformat(),
            note=r.note,
            version=r.version,
        )


@strawberry.type(description="Staff's judgement on a qualitative criterion; the latest one counts.")
class Attestation:
    id: strawberry.ID
    criterion_key: str
    met: bool
    attested_by_name: str
    attested_at: str = strawberry.field(description="ISO timestamp.")
    note: str
    photo_sha256: strawberry.Private[str | None]

    @strawberry.field
    async def photo(self, info: Info) -> Photo | None:
        if self.photo_sha256 is None:
            return None
        found = await info.context.loaders.media_by_sha256.load(self.photo_sha256)
        return Photo.from_info(found) if found else None

    @classmethod
    def of(cls, a: sql.AttestationFact) -> Attestation:
        return cls(
            id=global_id("ATTESTATION", a.id),
            criterion_key=a.criterion_key,
            met=a.met,
            attested_by_name=a.attested_by_name,
            attested_at=a.attested_at.isoformat(),
            note=a.note,
            photo_sha256=a.photo_sha256,
        )


@strawberry.type(description="A community against the reference standard (城市文化社区建设参考标准) for one year.")
class Assessment:
    row: strawberry.Private[RegionRow]
    data: strawberry.Private[engine.CommunityAssessment]

    @strawberry.field
    def community(self) -> Community:
        return Community.from_row(self.row)

    @strawberry.field
    def year(self) -> int:
        return self.data.year

    @strawberry.field(description="The eight parts, in the standard's order.")
    def parts(self) -> list[AssessmentPart]:
        return [AssessmentPart.of(p) for p in self.data.parts]

    @strawberry.field
    def counts(self) -> StatusCounts:
        return StatusCounts.of(self.data.counts)

    @strawberry.field(description="The year's selections.")
    def selections(self) -> list[Selection]:
        return [Selection.of(s) for s in self.data.facts.selections]

    @strawberry.field(description="Recognitions held by the end of the year.")
    def recognitions(self) -> list[Recognition]:
        return [Recognition.of(r) for r in self.data.facts.recognitions]

    @strawberry.field(description="The latest attestation of each qualitative criterion for the year.")
    def attestations(self) -> list[Attestation]:
        return [Attestation.of(a) for a in self.data.facts.attestations.values()]


async def load_assessment(info: Info, community: RegionRow, year: int | None) -> Assessment:
    """The resolver behind `assessment(community, year)` and `Community.assessment(year)`."""
    year = check_year(info, year)
    data = await info.context.loaders.assessment_by_community_year.load((community.id, year))
    return Assessment(row=community, data=data)
