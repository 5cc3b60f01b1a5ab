"""The 20 pilots (试点社区): each one's progress, per theme and per district.

The plan wants four pilots per theme (每个主题确定4个试点社区); which pilot has
which theme is data staff enter, so a theme short of four shows up here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

import strawberry

from qile_api.assessment.dataloaders import AssessmentByCommunityYearLoader
from qile_api.assessment.engine import CommunityAssessment, Counts
from qile_api.assessment.types import StatusCounts, check_year
from qile_api.graphql.context import Info
from qile_api.graphql.describe import describe_values
from qile_api.regions.dataloaders import RegionByIdLoader
from qile_api.regions.sql import CommunityFilter, RegionRow, list_communities
from qile_api.regions.types import Community, District
from qile_api.themes.dataloaders import ThemeByKeyLoader
from qile_api.themes.sql import ThemeRow, all_themes
from qile_api.themes.types import Theme, load_theme

PILOTS_PER_THEME = 4


@strawberry.enum(description="Order of the pilots.")
class PilotSort(Enum):
    PROGRESS_DESC = "PROGRESS_DESC"
    PILOT_NO = "PILOT_NO"


describe_values(
    PilotSort,
    {
        PilotSort.PROGRESS_DESC: "Most criteria met first; among equals, the plan's order.",
        PilotSort.PILOT_NO: "The plan's order: pilot 1 to 20.",
    },
)


@dataclass(frozen=True)
class Pilot:
    community: RegionRow
    district: RegionRow
    assessment: CommunityAssessment


def sort_key(sort: PilotSort) -> Callable[[Pilot], Any]:
    if sort is PilotSort.PROGRESS_DESC:
        # Most criteria met first; among equals, the plan's order.
        return lambda p: (-p.assessment.counts.progress, -p.assessment.counts.met, p.community.pilot_no or 0)
    return lambda p: (p.community.pilot_no or 0, p.community.id)


def total(pilots: Sequence[Pilot]) -> Counts:
    return sum((p.assessment.counts for p in pilots), Counts())


@strawberry.type(description="One pilot community and how far it has come.")
class PilotProgress:
    pilot: strawberry.Private[Pilot]

    @strawberry.field(description="Its number in the plan's pilot list, 1 to 20.")
    def pilot_no(self) -> int:
        return self.pilot.community.pilot_no or 0

    @strawberry.field(description="The pilot community.")
    def community(self) -> Community:
        return Community.from_row(self.pilot.community)

    @strawberry.field(description="The district it lies in.")
    def district(self) -> District:
        return District.from_row(self.pilot.district)

    @strawberry.field(description="Its theme; null until staff choose one.")
    async def theme(self, info: Info) -> Theme | None:
        return await load_theme(info, self.pilot.community.theme_key)

    @strawberry.field(description="Its criteria counted by status, for the year.")
    def counts(self) -> StatusCounts:
        return StatusCounts.of(self.pilot.assessment.counts)


def _progress(pilots: Sequence[Pilot]) -> list[PilotProgress]:
    return [PilotProgress(pilot=p) for p in pilots]


@strawberry.type(description="The pilots of one theme.")
class ThemeProgress:
    theme: Theme = strawberry.field(description="The theme.")
    pilots: list[PilotProgress] = strawberry.field(description="The pilots showing it.")
    counts: StatusCounts = strawberry.field(description="Their criteria counted by status, together.")
    has_four_pilots: bool = strawberry.field(description="Exactly the four pilots the plan asks for.")


@strawberry.type(description="The pilots of one district.")
class DistrictProgress:
    district: District = strawberry.field(description="The district.")
    pilots: list[PilotProgress] = strawberry.field(description="Its pilots.")
    counts: StatusCounts = strawberry.field(description="Their criteria counted by status, together.")


@strawberry.type(description="The pilot programme for one year: the 20 pilots against the standard.")
class PilotProgramme:
    year: int = strawberry.field(description="The year assessed.")
    sort: PilotSort = strawberry.field(description="The order of `pilots` (and of each group's).")
    pilots: list[PilotProgress] = strawberry.field(description="The pilots inside your scope.")
    themes: list[ThemeProgress] = strawberry.field(description="The five themes, in the plan's order.")
    without_theme: list[PilotProgress] = strawberry.field(description="Pilots whose theme is not chosen yet.")
    districts: list[DistrictProgress] = strawberry.field(description="Districts with pilots, in the tree's order.")
    counts: StatusCounts = strawberry.field(description="All the pilots' criteria counted by status.")


def build_programme(year: int, sort: PilotSort, pilots: Sequence[Pilot], themes: Sequence[ThemeRow]) -> PilotProgramme:
    """Group and order the pilots (pure: everything is loaded already)."""
    ordered = sorted(pilots, key=sort_key(sort))
    theme_groups = []
    for theme in themes:
        members = [p for p in ordered if p.community.theme_key == theme.key]
        theme_groups.append(
            ThemeProgress(
                theme=Theme.from_row(theme),
                pilots=_progress(members),
                counts=StatusCounts.of(total(members)),
                has_four_pilots=len(members) == PILOTS_PER_THEME,
            )
        )
    districts: dict[int, RegionRow] = {p.district.id: p.district for p in ordered}
    district_groups = []
    for district_id in sorted(districts):
        members = [p for p in ordered if p.district.id == district_id]
        district_groups.append(
            DistrictProgress(
                district=District.from_row(districts[district_id]),
                pilots=_progress(members),
                counts=StatusCounts.of(total(members)),
            )
        )
    return PilotProgramme(
        year=year,
        sort=sort,
        pilots=_progress(ordered),
        themes=theme_groups,
        without_theme=_progress([p for p in ordered if p.community.theme_key is None]),
        districts=district_groups,
        counts=StatusCounts.of(total(ordered)),
    )


async def load_programme(info: Info, year: int | None, sort: PilotSort, within: int | None = None) -> PilotProgramme:
    """Pilots (inside region `within`), their districts, the themes and every assessment.

    A fixed number of round trips, however many pilots.
    """
    year = check_year(info, year)
    ctx = info.context
    # The plan has 20 pilots; the limit only guards against a runaway list.
    communities = await list_communities(ctx.db, CommunityFilter(pilot=True), None, 1000)
    communities = [c for c in communities if within is None or within in c.path]
    ctx.loaders[RegionByIdLoader].prime_many({r.id: r for r in communities})
    district_rows = await ctx.loaders[RegionByIdLoader].load_many([r.path[1] for r in communities])
    themes = await all_themes(ctx.db)
    ctx.loaders[ThemeByKeyLoader].prime_many({t.key: t for t in themes})
    keys = [(r.id, year) for r in communities]
    assessments = await info.context.loaders[AssessmentByCommunityYearLoader].load_many(keys)
    pilots = []
    for community, district, assessed in zip(communities, district_rows, assessments, strict=True):
        assert district is not None, "a community's path always names its district"
        pilots.append(Pilot(community, district, assessed))
    return build_programme(year, sort, pilots, themes)
