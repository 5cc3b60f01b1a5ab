"""The kinds of team, with their Chinese names (the reference standard counts them by kind)."""

from __future__ import annotations

from enum import Enum

import strawberry

from qile_api.graphql.describe import describe_values

TEAM_KINDS: dict[str, str] = {
    "CULTURE": "业余文艺团队",
    "SPORTS": "业余体育团队",
    "VOLUNTEER": "志愿服务队",
    "OTHER": "其他团队",
}


@strawberry.enum(description="The kinds of team the standard counts; the type's `kindLabel` is the Chinese.")
class TeamKind(Enum):
    CULTURE = "CULTURE"
    SPORTS = "SPORTS"
    VOLUNTEER = "VOLUNTEER"
    OTHER = "OTHER"


describe_values(TeamKind, TEAM_KINDS)
