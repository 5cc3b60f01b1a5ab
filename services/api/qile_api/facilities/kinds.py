"""The kinds of facility, with their Chinese names (the reference standard counts them by kind)."""

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


describe_values(FacilityKind, FACILITY_KINDS)
