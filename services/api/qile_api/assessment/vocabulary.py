"""The kinds of things the standard is assessed on, with their Chinese names.

Facilities, teams and selections store these keys; criteria parameters in
`assessment_criteria.params` name them. The Chinese names are what staff see
and what the CSV export prints.
"""

from __future__ import annotations

from enum import Enum

import strawberry

from qile_api.facilities.kinds import FACILITY_KINDS, FacilityKind
from qile_api.graphql.describe import describe_values, label
from qile_api.teams.kinds import TEAM_KINDS, TeamKind

# Facilities' and teams' kinds are theirs; the standard counts them by these keys.
__all__ = ["FACILITY_KINDS", "TEAM_KINDS", "FacilityKind", "TeamKind", "label"]



SELECTION_KINDS: dict[str, str] = {
    "CIVIL_COURTYARD": "文明楼院",
    "CIVIL_FAMILY": "文明家庭",
    "CIVIL_ESTATE": "文明小区",
    "GREEN_ESTATE": "绿色小区",
    "SAFE_ESTATE": "平安小区",
}

# In ascending order: "provincial or higher" compares positions in this tuple.
RECOGNITION_LEVELS: tuple[str, ...] = ("CITY", "PROVINCIAL", "NATIONAL")
RECOGNITION_LEVEL_LABELS: dict[str, str] = {"CITY": "市级", "PROVINCIAL": "省级", "NATIONAL": "国家级"}

STATUS_LABELS: dict[str, str] = {"MET": "达标", "NOT_MET": "未达标", "UNKNOWN": "数据不足"}


# The same keys as GraphQL enums, each value described by its Chinese name.
@strawberry.enum(description="The selections (创建评选) households take part in; `kindLabel` is the Chinese.")
class SelectionKind(Enum):
    CIVIL_COURTYARD = "CIVIL_COURTYARD"
    CIVIL_FAMILY = "CIVIL_FAMILY"
    CIVIL_ESTATE = "CIVIL_ESTATE"
    GREEN_ESTATE = "GREEN_ESTATE"
    SAFE_ESTATE = "SAFE_ESTATE"


@strawberry.enum(description="Who promoted a brand, lowest first; `levelLabel` is the Chinese.")
class RecognitionLevel(Enum):
    CITY = "CITY"
    PROVINCIAL = "PROVINCIAL"
    NATIONAL = "NATIONAL"


describe_values(SelectionKind, SELECTION_KINDS)
describe_values(RecognitionLevel, RECOGNITION_LEVEL_LABELS)
