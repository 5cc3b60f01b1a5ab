"""SQL for the assessment: the criteria and every record they are judged on.

Each loader takes the whole list of communities at once, so assessing one
community or all of them costs the same fixed number of round trips (six for the records, one for the
criteria).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import asyncpg

from qile_api.db.database import Executor
from qile_api.db.query import advisory_xact_lock, fetch_ids
from qile_api.editing.sql import Table, rows_in_regions
from qile_api.facilities.sql import FACILITY_TABLE, FacilityRow
from qile_api.problems import ErrorCode, problem
from qile_api.teams.sql import TEAM_TABLE, TeamRow

# The rule of a criterion judged on site by a REVIEWER (an attestation); every other rule reads the records.
ATTESTED = "attested"


@dataclass(frozen=True)
class Criterion:
    key: str
    part: int
    part_name: str
    position: int
    description: str
    rule: str
    params: dict[str, Any]
    threshold: Decimal | None
    unit: str

    @classmethod
    def from_record(cls, r: asyncpg.Record) -> Criterion:
        params = r["params"]
        return cls(
            key=r["key"],
            part=r["part"],
            part_name=r["part_name"],
            position=r["position"],
            description=r["description"],
            rule=r["rule"],
            # asyncpg hands jsonb over as text unless a codec is set.
            params=json.loads(params) if isinstance(params, str) else dict(params),
            threshold=r["threshold"],
            unit=r["unit"],
        )


@dataclass(frozen=True)
class EventFact:
    id: int
    category: str
    title: str
    starts_at: datetime
    large_scale: bool
    participants: int | None
    # Counted at the door (check-ins and walk-ins, or staff's correction); None: no check-in recorded.
    checked_in: int | None = None

    @property
    def turnout(self) -> int | None:
        """How many took part: the door's count where there is one, else the reviewed number."""
        return self.checked_in if self.checked_in is not None else self.participants


@dataclass(frozen=True)
class SelectionRow:
    id: int
    community_id: int
    year: int
    kind: str
    households_eligible: int
    households_participating: int
    version: int

    @classmethod
    def from_record(cls, r: asyncpg.Record) -> SelectionRow:
        return cls(**{k: r[k] for k in cls.__dataclass_fields__})


@dataclass(frozen=True)
class RecognitionRow:
    id: int
    community_id: int
    brand_name: str
    level: str
    recognised_by: str
    recognised_on: date
    note: str
    version: int

    @classmethod
    def from_record(cls, r: asyncpg.Record) -> RecognitionRow:
        return cls(**{k: r[k] for k in cls.__dataclass_fields__})


@dataclass(frozen=True)
class AttestationRow:
    id: int
    community_id: int
    year: int
    criterion_key: str
    met: bool
    attested_by_account: int | None
    attested_by_name: str
    attested_at: datetime
    note: str
    photo_sha256: str | None

    @classmethod
    def from_record(cls, r: asyncpg.Record) -> AttestationRow:
        return cls(**{k: r[k] for k in cls.__dataclass_fields__})


SELECTION_TABLE: Table[SelectionRow] = Table(
    name="selections",
    columns="c.id, c.community_id, c.year, c.kind, c.households_eligible, c.households_participating, c.version",
    type_name="Selection",
    label="推荐活动记录",
    from_record=SelectionRow.from_record,
    region_column="community_id",
    duplicate=problem(ErrorCode.DUPLICATE, "该社区本年度已登记此项推荐活动，请修改原记录", "kind"),
)

RECOGNITION_TABLE: Table[RecognitionRow] = Table(
    name="recognitions",
    columns="c.id, c.community_id, c.brand_name, c.level, c.recognised_by, c.recognised_on, c.note, c.version",
    type_name="Recognition",
    label="品牌推广记录",
    from_record=RecognitionRow.from_record,
    region_column="community_id",
)

# Attestations are only ever added (a later one supersedes): no version to compare.
ATTESTATION_TABLE: Table[AttestationRow] = Table(
    name="attestations",
    columns="c.id, c.community_id, c.year, c.criterion_key, c.met, c.attested_by_account, c.attested_by_name, "
    "c.attested_at, c.note, c.photo_sha256",
    type_name="Attestation",
    label="认定记录",
    from_record=AttestationRow.from_record,
    region_column="community_id",
)


async def selection_taken(db: Executor, community_id: int, year: int, kind: str, other_than: int | None) -> bool:
    """Whether the community has a record of this selection for the year already (besides `other_than`)."""
    found = await db.fetchval(
        "SELECT true FROM selections WHERE community_id = $1 AND year = $2 AND kind = $3 AND id <> $4",
        community_id,
        year,
        kind,
        other_than or 0,
    )
    return bool(found)


async def criterion_by_key(db: Executor, key: str | None) -> Criterion | None:
    row = await db.fetchrow(
        """SELECT key, part, part_name, position, description, rule, params, threshold, unit
        FROM assessment_criteria WHERE key = $1""",
        key,
    )
    return Criterion.from_record(row) if row is not None else None


@dataclass
class CommunityFacts:
    """Everything recorded for one community that the standard looks at, for one year."""

    facilities: list[FacilityRow] = field(default_factory=list)
    teams: list[TeamRow] = field(default_factory=list)
    events: list[EventFact] = field(default_factory=list)
    selections: list[SelectionRow] = field(default_factory=list)
    recognitions: list[RecognitionRow] = field(default_factory=list)
    # The latest attestation per criterion key.
    attestations: dict[str, AttestationRow] = field(default_factory=dict)


async def all_criteria(db: Executor) -> list[Criterion]:
    rows = await db.fetch(
        """SELECT key, part, part_name, position, description, rule, params, threshold, unit
        FROM assessment_criteria ORDER BY part, position, key"""
    )
    return [Criterion.from_record(r) for r in rows]


async def load_facts(
    db: Executor,
    community_ids: Sequence[int],
    *,
    year_start: datetime,
    year_end: datetime,
    now: datetime,
    year: int,
) -> dict[int, CommunityFacts]:
    """The records of each community for `year`, in six round trips whatever the count.

    Events count when published, started inside the year and already over
    at `now`: a planned event has not taken place yet.
    """
    ids = list(community_ids)
    facts: dict[int, CommunityFacts] = defaultdict(CommunityFacts)

    for facility in await rows_in_regions(db, FACILITY_TABLE, ids):
        facts[facility.community_id].facilities.append(facility)

    for team in await rows_in_regions(db, TEAM_TABLE, ids):
        facts[team.community_id].teams.append(team)

    for r in await db.fetch(
        """SELECT e.id, e.region_id, e.category, e.title, e.starts_at, e.large_scale, e.participants,
                  coalesce(a.corrected, a.checked_in + a.walk_ins) AS checked_in
        FROM events e LEFT JOIN event_attendance a ON a.event_id = e.id
        WHERE e.region_id = ANY($1::bigint[]) AND e.status = 'PUBLISHED'
          AND e.starts_at >= $2 AND e.starts_at < $3 AND e.ends_at <= $4
        ORDER BY e.starts_at, e.id""",
        ids,
        year_start,
        year_end,
        now,
    ):
        facts[r["region_id"]].events.append(EventFact(**{k: r[k] for k in EventFact.__dataclass_fields__}))

    for r in await db.fetch(
        f"""SELECT {SELECTION_TABLE.columns} FROM selections c
        WHERE c.community_id = ANY($1::bigint[]) AND c.year = $2 ORDER BY c.id""",
        ids,
        year,
    ):
        facts[r["community_id"]].selections.append(SelectionRow.from_record(r))

    # A brand built in an earlier year still stands; one from a later year does not yet.
    for r in await db.fetch(
        f"""SELECT {RECOGNITION_TABLE.columns} FROM recognitions c
        WHERE c.community_id = ANY($1::bigint[]) AND c.recognised_on < make_date($2, 1, 1)
        ORDER BY c.recognised_on, c.id""",
        ids,
        year + 1,
    ):
        facts[r["community_id"]].recognitions.append(RecognitionRow.from_record(r))

    for r in await db.fetch(
        # Only criteria judged on site: an attestation of a measured one (recorded before such were refused)
        # decides nothing, so it is not listed either.
        f"""SELECT DISTINCT ON (c.community_id, c.criterion_key) {ATTESTATION_TABLE.columns} FROM attestations c
        JOIN assessment_criteria k ON k.key = c.criterion_key AND k.rule = '{ATTESTED}'
        WHERE c.community_id = ANY($1::bigint[]) AND c.year = $2
        ORDER BY c.community_id, c.criterion_key, c.attested_at DESC, c.id DESC""",
        ids,
        year,
    ):
        facts[r["community_id"]].attestations[r["criterion_key"]] = AttestationRow.from_record(r)

    return {i: facts[i] for i in ids}


@dataclass(frozen=True)
class ExportCommunity:
    """A community as the export lists it: where it is and what theme it has."""

    id: int
    name: str
    pilot_no: int | None
    district: str
    subdistrict: str
    theme: str


async def communities_within(db: Executor, region_id: int | None) -> list[ExportCommunity]:
    """Communities inside a region (any level; None: the whole city), in the tree's order."""
    rows = await db.fetch(
        """SELECT c.id, c.name, c.pilot_no, d.name AS district, s.name AS subdistrict,
                  coalesce(t.name || '·' || t.kind, '') AS theme
        FROM regions c
        JOIN regions d ON d.id = c.path[2]
        JOIN regions s ON s.id = c.path[3]
        LEFT JOIN themes t ON t.key = c.theme_key
        WHERE c.level = 'COMMUNITY' AND c.retired_at IS NULL AND ($1::bigint IS NULL OR $1 = ANY(c.path))
        ORDER BY d.id, s.id, c.pilot_no NULLS LAST, c.id""",
        region_id,
    )
    return [ExportCommunity(**{k: r[k] for k in ExportCommunity.__dataclass_fields__}) for r in rows]


async def district_named(db: Executor, name: str) -> int | None:
    value = await db.fetchval(
        "SELECT id FROM regions WHERE level = 'DISTRICT' AND name = $1 AND retired_at IS NULL", name
    )
    return int(value) if value is not None else None


async def district_names(db: Executor) -> list[str]:
    rows = await db.fetch("SELECT name FROM regions WHERE level = 'DISTRICT' AND retired_at IS NULL ORDER BY id")
    return [str(r["name"]) for r in rows]


async def selection_regions(db: Executor, selection_id: int) -> list[int]:
    """The region a selection lies in (for the scope check); none when there is no such selection."""
    return await fetch_ids(db, "SELECT ARRAY[community_id] FROM selections WHERE id = $1", selection_id)


async def recognition_regions(db: Executor, recognition_id: int) -> list[int]:
    """The region a recognition lies in (for the scope check); none when there is no such recognition."""
    return await fetch_ids(db, "SELECT ARRAY[community_id] FROM recognitions WHERE id = $1", recognition_id)


async def attestation_regions(db: Executor, attestation_id: int) -> list[int]:
    """The region an attestation lies in (for the scope check); none when there is no such attestation."""
    return await fetch_ids(db, "SELECT ARRAY[community_id] FROM attestations WHERE id = $1", attestation_id)


# Any constant works; it only has to be the same in every process (migrations use 0x511E0001).
SNAPSHOT_LOCK_KEY = 0x51_1E_00_02


@dataclass(frozen=True)
class SnapshotRow:
    """One part of the standard for one community, counted by status, in a month's snapshot."""

    community_id: int
    part: int
    part_name: str
    met: int
    not_met: int
    unknown: int


async def snapshot_lock(db: Executor, *, wait: bool) -> bool:
    """The snapshots' advisory lock for this transaction: one process takes a snapshot at a time.

    Without `wait`, False at once when another process holds it (the monthly job: that one is doing it).
    """
    return await advisory_xact_lock(db, SNAPSHOT_LOCK_KEY, wait=wait)


async def closing_taken(db: Executor, month: date) -> bool:
    return bool(await db.fetchval("SELECT true FROM assessment_snapshots WHERE month = $1 AND closing LIMIT 1", month))


async def store_snapshot(
    db: Executor, month: date, *, year: int, closing: bool, taken_at: datetime, rows: Sequence[SnapshotRow]
) -> None:
    """Write a month's rows in one statement; a closing snapshot is never replaced by one of the month so far."""
    await db.execute(
        """INSERT INTO assessment_snapshots AS s
               (month, community_id, part, part_name, year, met, not_met, unknown, closing, taken_at)
        SELECT $1, t.community_id, t.part, t.part_name, $2, t.met, t.not_met, t.unknown, $3, $4
        FROM unnest($5::bigint[], $6::smallint[], $7::text[], $8::smallint[], $9::smallint[], $10::smallint[])
             AS t(community_id, part, part_name, met, not_met, unknown)
        ON CONFLICT (month, community_id, part) DO UPDATE
        SET part_name = EXCLUDED.part_name, year = EXCLUDED.year, met = EXCLUDED.met,
            not_met = EXCLUDED.not_met, unknown = EXCLUDED.unknown, closing = EXCLUDED.closing,
            taken_at = EXCLUDED.taken_at
        WHERE EXCLUDED.closing OR NOT s.closing""",
        month,
        year,
        closing,
        taken_at,
        [r.community_id for r in rows],
        [r.part for r in rows],
        [r.part_name for r in rows],
        [r.met for r in rows],
        [r.not_met for r in rows],
        [r.unknown for r in rows],
    )


@dataclass(frozen=True)
class SnapshotTotal:
    """One part of the standard in one month, summed over the communities of a region."""

    month: date
    year: int
    part: int
    part_name: str
    communities: int
    met: int
    not_met: int
    unknown: int
    closing: bool
    taken_at: datetime


async def snapshot_totals(db: Executor, region_id: int, pilot: bool | None, since: date) -> list[SnapshotTotal]:
    """The snapshots of the communities inside a region from `since` on, summed per month and part, oldest first."""
    rows = await db.fetch(
        """SELECT s.month, min(s.year) AS year, s.part, min(s.part_name) AS part_name,
                  count(*) AS communities, sum(s.met) AS met, sum(s.not_met) AS not_met,
                  sum(s.unknown) AS unknown, bool_and(s.closing) AS closing, max(s.taken_at) AS taken_at
        FROM assessment_snapshots s JOIN regions c ON c.id = s.community_id
        WHERE $1 = ANY(c.path) AND ($2::boolean IS NULL OR c.pilot = $2) AND s.month >= $3
        GROUP BY s.month, s.part ORDER BY s.month, s.part""",
        region_id,
        pilot,
        since,
    )
    return [SnapshotTotal(**{k: r[k] for k in SnapshotTotal.__dataclass_fields__}) for r in rows]
