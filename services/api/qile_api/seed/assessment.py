"""Demo records for the assessment, so that `make run` shows MET, NOT_MET and UNKNOWN.

工盛社区 has most of what the standard asks, some of it short (outdoor squares,
large events, a missing 科普画廊) and some of it not recorded (平安小区, most
attestations); 柳毅社区 has a smaller register. Rows carry `is_demo` and a
stable `demo_key`, so running the seed again updates them in place.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from qile_api.db.database import Executor
from qile_api.seed import sql
from qile_api.seed.calendar import FRI, SAT, SHANGHAI, SUN, THU, DayOfYear, festival, fixed, latest_over, nth_weekday

# (key, community, kind, name, indoor m², outdoor m², weekly hours, free)
FACILITIES: tuple[tuple[str, str, str, str, int | None, int | None, int | None, bool | None], ...] = (
    ("f-gs-station", "工盛社区", "PRACTICE_STATION", "工盛社区新时代文明实践站", 320, None, None, True),
    ("f-gs-reading", "工盛社区", "READING_ROOM", "图书阅览室", 80, None, None, True),
    ("f-gs-recreation", "工盛社区", "RECREATION_ROOM", "文体娱乐室", 120, None, None, True),
    ("f-gs-centre", "工盛社区", "CULTURE_CENTRE", "社区文化服务中心", 260, None, 60, True),
    ("f-gs-square", "工盛社区", "CULTURE_SQUARE", "社区文化广场", None, 800, None, True),
    ("f-gs-market", "工盛社区", "MARKET", "工盛便民市场", None, None, None, None),
    ("f-gs-service", "工盛社区", "SERVICE_CENTRE", "社区党群服务中心", None, None, None, None),
    ("f-gs-health", "工盛社区", "HEALTH_STATION", "社区卫生服务站", None, None, None, None),
    ("f-gs-canteen", "工盛社区", "ELDERLY_CANTEEN", "长者食堂", None, None, None, None),
    ("f-gs-kindergarten", "工盛社区", "KINDERGARTEN", "工盛幼儿园", None, None, None, None),
    ("f-gs-sports", "工盛社区", "SPORTS_GROUND", "全民健身运动场", None, 600, None, True),
    ("f-gs-college", "工盛社区", "ELDERLY_COLLEGE", "家门口老年大学", None, None, None, True),
    ("f-gs-bulletin", "工盛社区", "BULLETIN_BOARD", "宣传阅报栏", None, None, None, None),
    ("f-gs-gallery", "工盛社区", "GOOD_PEOPLE_GALLERY", "好人长廊", None, None, None, None),
    ("f-gs-parents", "工盛社区", "PARENT_SCHOOL", "家长学校", None, None, None, True),
    ("f-ly-station", "柳毅社区", "PRACTICE_STATION", "柳毅社区新时代文明实践站", 280, None, None, True),
    ("f-ly-centre", "柳毅社区", "CULTURE_CENTRE", "文化活动室", 90, None, None, None),
)

# (key, community, kind, name, members, active all year)
TEAMS: tuple[tuple[str, str, str, str, int, bool], ...] = (
    ("t-gs-drums", "工盛社区", "CULTURE", "红枫腰鼓队", 28, True),
    ("t-gs-taiji", "工盛社区", "SPORTS", "太极拳队", 22, True),
    ("t-gs-choir", "工盛社区", "CULTURE", "夕阳红合唱团", 15, True),
    ("t-gs-volunteers", "工盛社区", "VOLUNTEER", "学雷锋志愿服务队", 40, True),
    ("t-ly-dance", "柳毅社区", "CULTURE", "广场舞队", 30, True),
    ("t-ly-opera", "柳毅社区", "CULTURE", "五音戏票友队", 14, True),
)

# (key, community, category, title, large scale, participants or None: not reported yet,
#  the day in a year, local start, hours): the latest occurrence over by now is seeded.
PAST_EVENTS: tuple[tuple[str, str, str, str, bool, int | None, DayOfYear, time, float], ...] = (
    ("pe-gs-neighbour", "工盛社区", "NEIGHBOUR_FESTIVAL", "邻居节暨百家宴", True, 320,
     nth_weekday(5, SAT, 3), time(10, 0), 3),
    ("pe-gs-dragon", "工盛社区", "OUR_FESTIVALS", "“我们的节日·端午”包粽子", True, 180,
     festival("端午", -1), time(9, 0), 2),
    ("pe-gs-fitness", "工盛社区", "FITNESS", "全民健身趣味运动会", True, 150,
     fixed(8, 8), time(8, 30), 3),  # 全民健身日
    ("pe-gs-reading", "工盛社区", "READING", "亲子阅读打卡分享会", False, 45,
     fixed(4, 23), time(19, 0), 1.5),  # 世界读书日
    ("pe-gs-recite", "工盛社区", "RECITATION", "经典诵读进社区", False, 60,
     nth_weekday(3, SUN, 2), time(15, 0), 2),
    ("pe-gs-tea", "工盛社区", "AFTERNOON_TEA", "周末下午茶", False, 35,
     nth_weekday(7, SAT, 1), time(15, 0), 2),
    ("pe-gs-lecture", "工盛社区", "LECTURE", "防范电信诈骗讲座", False, 80,
     nth_weekday(6, THU, 2), time(15, 0), 1.5),
    ("pe-gs-market", "工盛社区", "MARKET", "美德健康新市集", False, 200,
     nth_weekday(9, SAT, 2), time(9, 0), 3),
    ("pe-gs-volunteer", "工盛社区", "VOLUNTEER", "学雷锋志愿服务日", False, None,
     fixed(3, 5), time(9, 0), 3),  # 学雷锋纪念日
    ("pe-gs-feast", "工盛社区", "COMMUNITY_FEAST", "重阳百家宴", False, None,
     festival("重阳"), time(11, 0), 2),
    ("pe-ly-dance", "柳毅社区", "FITNESS", "广场舞展演", False, 60,
     nth_weekday(7, FRI, 2), time(19, 0), 1.5),
)

# (key, community, kind, eligible, participating): 工盛社区 has not reported 平安小区.
SELECTIONS: tuple[tuple[str, str, str, int, int], ...] = (
    ("s-gs-courtyard", "工盛社区", "CIVIL_COURTYARD", 420, 395),
    ("s-gs-family", "工盛社区", "CIVIL_FAMILY", 1260, 1150),
    ("s-gs-estate", "工盛社区", "CIVIL_ESTATE", 1260, 1180),
    ("s-gs-green", "工盛社区", "GREEN_ESTATE", 1260, 1140),
)

# (key, community, brand, level, by whom, days ago)
RECOGNITIONS: tuple[tuple[str, str, str, str, str, int], ...] = (
    ("r-gs-watch", "工盛社区", "“邻里守望”互助品牌", "PROVINCIAL", "山东省文明办", 120),
)

# (key, community, criterion, met, note)
ATTESTATIONS: tuple[tuple[str, str, str, bool, str], ...] = (
    ("a-gs-environment", "工盛社区", "civility.environment", True, "实地查看，环境整洁"),
    ("a-gs-pets", "工盛社区", "civility.pets", False, "个别楼院存在不文明养犬现象，已督促整改"),
    ("a-gs-greenery", "工盛社区", "civility.greenery", True, "绿地养护良好"),
)


async def _community(db: Executor, name: str) -> int:
    found = await sql.community_named(db, name)
    if found is None:
        raise LookupError(f"assessment demo needs community {name}: run the reference seed first")
    return found


async def seed_assessment_demo(db: Executor, now: datetime | None = None) -> dict[str, int]:
    """Write (or refresh) the demo records: this year's, and past events on their days (seed/calendar.py)."""
    now = (now or datetime.now(SHANGHAI)).astimezone(SHANGHAI)
    year = now.year
    year_start = datetime(year, 1, 1, tzinfo=SHANGHAI)

    for key, community, kind, name, indoor, outdoor, hours, free in FACILITIES:
        community_id = await _community(db, community)
        await sql.insert_demo_facility(db, key, community_id, kind, name, indoor, outdoor, hours, free)
    for key, community, kind, name, members, all_year in TEAMS:
        await sql.insert_demo_team(db, key, await _community(db, community), kind, name, members, all_year)
    past_events = 0
    for key, community, category, title, large, participants, rule, at, length in PAST_EVENTS:
        duration = timedelta(hours=length)
        starts = latest_over(rule, at, duration, now)
        if starts is None:
            continue  # a festival past the table of dates
        past_events += 1
        community_id = await _community(db, community)
        ends = starts + duration
        await sql.upsert_demo_past_event(db, key, community_id, category, title, starts, ends, large, participants)
    for key, community, kind, eligible, participating in SELECTIONS:
        community_id = await _community(db, community)
        await sql.insert_demo_selection(db, key, community_id, year, kind, eligible, participating)
    for key, community, brand, level, by_whom, days_ago in RECOGNITIONS:
        on = max(now - timedelta(days=days_ago), year_start).date()
        await sql.insert_demo_recognition(db, key, await _community(db, community), brand, level, by_whom, on)
    for key, community, criterion, met, note in ATTESTATIONS:
        community_id = await _community(db, community)
        attested_at = now - timedelta(days=7)
        await sql.insert_demo_attestation(db, key, community_id, year, criterion, met, attested_at, note)
    return {
        "facilities": len(FACILITIES),
        "teams": len(TEAMS),
        "pastEvents": past_events,
        "selections": len(SELECTIONS),
        "recognitions": len(RECOGNITIONS),
        "attestations": len(ATTESTATIONS),
    }
