"""GraphQL types for the assessment of a community against the reference standard."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from enum import Enum
from typing import Any, ClassVar

import strawberry
from strawberry import relay

from qile_api.assessment import engine, rules
from qile_api.assessment.dataloaders import AssessmentByCommunityYearLoader
from qile_api.assessment.sql import (
    ATTESTATION_TABLE,
    RECOGNITION_TABLE,
    SELECTION_TABLE,
    AttestationRow,
    RecognitionRow,
    SelectionRow,
)
from qile_api.assessment.vocabulary import (
    RECOGNITION_LEVEL_LABELS,
    SELECTION_KINDS,
    STATUS_LABELS,
    RecognitionLevel,
    SelectionKind,
    label,
)
from qile_api.editing.sql import Table, rows_in_order
from qile_api.graphql.context import Info
from qile_api.graphql.describe import VERSION, describe_values
from qile_api.graphql.errors import BadUserInput
from qile_api.graphql.ids import node_pks
from qile_api.media.dataloaders import MediaBySha256Loader
from qile_api.media.types import Photo
from qile_api.regions.scope import staff_visible
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


describe_values(AssessmentStatus, {k: v for k, v in STATUS_LABELS.items()})
describe_values(
    EvidenceKind,
    {
        EvidenceKind.FACILITY: "A facility (设施).",
        EvidenceKind.TEAM: "A team (队伍).",
        EvidenceKind.EVENT: "An event (活动).",
        EvidenceKind.SELECTION: "A selection's participation (评选参与).",
        EvidenceKind.RECOGNITION: "A brand's recognition (品牌推广).",
        EvidenceKind.ATTESTATION: "A judgement made on site (达标认定).",
    },
)

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
    kind: EvidenceKind = strawberry.field(description="What kind of record it is.")
    id: strawberry.ID = strawberry.field(description="Global ID of the record (an Event's is its node id).")
    label: str = strawberry.field(description="What it is, in Chinese, with the value that counted.")

    @classmethod
    def of(cls, e: rules.Evidence) -> Evidence:
        return cls(kind=EvidenceKind(e.kind), id=global_id(e.kind, e.id), label=e.label)


@strawberry.type(description="How many criteria are met, not met, or cannot be judged.")
class StatusCounts:
    met: int = strawberry.field(description="达标: criteria met.")
    not_met: int = strawberry.field(description="未达标: criteria not met.")
    unknown: int = strawberry.field(description="数据不足: criteria the recorded data cannot judge.")
    total: int = strawberry.field(description="All criteria counted.")
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
    unit: str = strawberry.field(description="The unit of `measured` and `threshold`, e.g. 平方米, %; may be empty.")
    status: AssessmentStatus = strawberry.field(description="How it stands.")
    status_label: str = strawberry.field(description="达标, 未达标 or 数据不足.")
    evidence: list[Evidence] = strawberry.field(description="The records it was judged on.")

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
    number: int = strawberry.field(description="Its number in the standard, 1 to 8.")
    name: str = strawberry.field(description="Its name, e.g. 功能设施.")
    criteria: list[CriterionResult] = strawberry.field(description="Its criteria, each judged.")
    counts: StatusCounts = strawberry.field(description="Its criteria counted by status.")

    @classmethod
    def of(cls, p: engine.PartResult) -> AssessmentPart:
        return cls(
            number=p.number,
            name=p.name,
            criteria=[CriterionResult.of(r) for r in p.results],
            counts=StatusCounts.of(p.counts),
        )


class _RecordNode(relay.Node):
    """A record of the assessment as a node: for staff whose scope holds its community, as the assessment is."""

    _records: ClassVar[Table[Any]]

    @classmethod
    def from_row(cls, row: Any) -> Any:
        raise NotImplementedError

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Any]:
        ids = node_pks(node_ids)
        found = await rows_in_order(info.context.db, cls._records, ids) if info.context.staff else []
        rows = [r for r in found if r is not None]
        visible = await staff_visible(info, ids, rows, lambda r: r.id, lambda r: r.community_id)
        return [cls.from_row(r) if r else None for r in visible]


@strawberry.type(description="Households taking part in one selection (文明楼院 …) in the year.")
class Selection(_RecordNode):
    _records = SELECTION_TABLE
    id: relay.NodeID[int]
    kind: SelectionKind = strawberry.field(description="Which selection.")
    kind_label: str = strawberry.field(description="The selection's Chinese name, e.g. 文明楼院.")
    households_eligible: int = strawberry.field(description="应参与户数: households that could take part.")
    households_participating: int = strawberry.field(description="参与户数: households taking part.")
    version: int = strawberry.field(description=VERSION)

    @classmethod
    def from_row(cls, s: SelectionRow) -> Selection:
        return cls(
            id=s.id,
            kind=SelectionKind(s.kind),
            kind_label=label(SELECTION_KINDS, s.kind),
            households_eligible=s.households_eligible,
            households_participating=s.households_participating,
            version=s.version,
        )


@strawberry.type(description="A brand and who promoted it (特色亮点).")
class Recognition(_RecordNode):
    _records = RECOGNITION_TABLE
    id: relay.NodeID[int]
    brand_name: str = strawberry.field(description="The brand, e.g. “邻里守望”互助品牌.")
    level: RecognitionLevel = strawberry.field(description="The level of whoever promoted it.")
    level_label: str = strawberry.field(description="The level in Chinese: 市级, 省级 or 国家级.")
    recognised_by: str = strawberry.field(description="Who promoted it: a body or a medium, e.g. 山东省文明办.")
    recognised_on: date = strawberry.field(description="When it was promoted.")
    note: str = strawberry.field(description="Anything staff noted about it.")
    version: int = strawberry.field(description=VERSION)

    @classmethod
    def from_row(cls, r: RecognitionRow) -> Recognition:
        return cls(
            id=r.id,
            brand_name=r.brand_name,
            level=RecognitionLevel(r.level),
            level_label=label(RECOGNITION_LEVEL_LABELS, r.level),
            recognised_by=r.recognised_by,
            recognised_on=r.recognised_on,
            note=r.note,
            version=r.version,
        )


@strawberry.type(description="Staff's judgement on a qualitative criterion; the latest one counts.")
class Attestation(_RecordNode):
    _records = ATTESTATION_TABLE
    id: relay.NodeID[int]
    criterion_key: str = strawberry.field(description="The criterion judged, e.g. civility.environment.")
    met: bool = strawberry.field(description="Whether the community meets it, as judged on site.")
    attested_by_name: str = strawberry.field(description="Who judged it (their name, else their username).")
    attested_at: datetime = strawberry.field(description="When it was judged.")
    note: str = strawberry.field(description="What was seen.")
    photo_sha256: strawberry.Private[str | None]

    @strawberry.field(description="A photo taken on site, if one was uploaded.")
    async def photo(self, info: Info) -> Photo | None:
        if self.photo_sha256 is None:
            return None
        found = await info.context.loaders[MediaBySha256Loader].load(self.photo_sha256)
        return Photo.from_info(found) if found else None

    @classmethod
    def from_row(cls, a: AttestationRow) -> Attestation:
        return cls(
            id=a.id,
            criterion_key=a.criterion_key,
            met=a.met,
            attested_by_name=a.attested_by_name,
            attested_at=a.attested_at,
            note=a.note,
            photo_sha256=a.photo_sha256,
        )


@strawberry.type(description="A community against the reference standard (城市文化社区建设参考标准) for one year.")
class Assessment:
    row: strawberry.Private[RegionRow]
    data: strawberry.Private[engine.CommunityAssessment]

    @strawberry.field(description="The community assessed.")
    def community(self) -> Community:
        return Community.from_row(self.row)

    @strawberry.field(description="The year assessed.")
    def year(self) -> int:
        return self.data.year

    @strawberry.field(description="The eight parts, in the standard's order.")
    def parts(self) -> list[AssessmentPart]:
        return [AssessmentPart.of(p) for p in self.data.parts]

    @strawberry.field(description="All its criteria counted by status.")
    def counts(self) -> StatusCounts:
        return StatusCounts.of(self.data.counts)

    @strawberry.field(description="The year's selections.")
    def selections(self) -> list[Selection]:
        return [Selection.from_row(s) for s in self.data.facts.selections]

    @strawberry.field(description="Recognitions held by the end of the year.")
    def recognitions(self) -> list[Recognition]:
        return [Recognition.from_row(r) for r in self.data.facts.recognitions]

    @strawberry.field(description="The latest attestation of each qualitative criterion for the year.")
    def attestations(self) -> list[Attestation]:
        return [Attestation.from_row(a) for a in self.data.facts.attestations.values()]


async def load_assessment(info: Info, community: RegionRow, year: int | None) -> Assessment:
    """The resolver behind `assessment(community, year)` and `Community.assessment(year)`."""
    year = check_year(info, year)
    data = await info.context.loaders[AssessmentByCommunityYearLoader].load((community.id, year))
    return Assessment(row=community, data=data)
