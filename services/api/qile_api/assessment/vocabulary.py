"""The kinds of things the standard is assessed on, with their Chinese names.

Facilities, teams and selections store these keys; criteria parameters in
`assessment_criteria.params` name them. The Chinese names are what staff see
and what the CSV export prints.
"""

from __future__ import annotations

from enum import Enum

import strawberry

from qile_api.graphql.describe import describe_values

FACILITY_KINDS: dict[str, str] = {
    "PRACTICE_STATION": "新时代文明实践站",
    "READING_ROOM": "图书阅览室",
    "RECREATION_ROOM": "文体娱乐室",
    "CULTURE_CENTRE": "文化服务中心（活动室）",
    "CULTURE_SQUARE": "文化广场",
    "FITNESS_SQUARE": "健身广场",
    "SPORTS_GROUND": "运动场地",
    "ELDERLY_CANTEEN": "长者食堂",
    "KINDERGARTEN": "幼儿园",
    "HEALTH_STATION": "卫生服务中心（站）",
    "MARKET": "便民市场",
    "SERVICE_CENTRE": "社区服务中心",
    "ELDERLY_COLLEGE": "老年大学",
    "BULLETIN_BOARD": "宣传阅报栏",
    "SCIENCE_GALLERY": "科普画廊",
    "GOOD_PEOPLE_GALLERY": "好人长廊",
    "PARENT_SCHOOL": "家长学校",
    "HERITAGE_STUDIO": "非遗传承工作室",
}

TEAM_KINDS: dict[str, str] = {
    "CULTURE": "业余文艺团队",
    "SPORTS": "业余体育团队",
    "VOLUNTEER": "志愿服务队",
    "OTHER": "其他团队",
}

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
@strawberry.enum(description="The kinds of facility the standard counts; the type's `kindLabel` is the Chinese.")
class FacilityKind(Enum):
    PRACTICE_STATION = "PRACTICE_STATION"
    READING_ROOM = "READING_ROOM"
    RECREATION_ROOM = "RECREATION_ROOM"
    CULTURE_CENTRE = "CULTURE_CENTRE"
    CULTURE_SQUARE = "CULTURE_SQUARE"
    FITNESS_SQUARE = "FITNESS_SQUARE"
    SPORTS_GROUND = "SPORTS_GROUND"
    ELDERLY_CANTEEN = "ELDERLY_CANTEEN"
    KINDERGARTEN = "KINDERGARTEN"
    HEALTH_STATION = "HEALTH_STATION"
    MARKET = "MARKET"
    SERVICE_CENTRE = "SERVICE_CENTRE"
    ELDERLY_COLLEGE = "ELDERLY_COLLEGE"
    BULLETIN_BOARD = "BULLETIN_BOARD"
    SCIENCE_GALLERY = "SCIENCE_GALLERY"
    GOOD_PEOPLE_GALLERY = "GOOD_PEOPLE_GALLERY"
    PARENT_SCHOOL = "PARENT_SCHOOL"
    HERITAGE_STUDIO = "HERITAGE_STUDIO"


@strawberry.enum(description="The kinds of team the standard counts; the type's `kindLabel` is the Chinese.")
class TeamKind(Enum):
    CULTURE = "CULTURE"
    SPORTS = "SPORTS"
    VOLUNTEER = "VOLUNTEER"
    OTHER = "OTHER"


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


describe_values(FacilityKind, FACILITY_KINDS)
describe_values(TeamKind, TEAM_KINDS)
describe_values(SelectionKind, SELECTION_KINDS)
describe_values(RecognitionLevel, RECOGNITION_LEVEL_LABELS)


def label(vocabulary: dict[str, str], key: str) -> str:
    """The Chinese name of a key; a key outside the vocabulary shows as itself."""
    return vocabulary.get(key, key)
