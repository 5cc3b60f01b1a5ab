"""Demo content for `make run`: plausible, drawn from the plan's own activities.

Every row is marked `is_demo` with a stable `demo_key`, so a second run
updates the same rows (moving event dates to the coming days) instead of
adding copies. `qile-api seed` without `--demo` never calls this.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from qile_api.db.database import Executor
from qile_api.reference.festivals import next_festival
from qile_api.seed import sql
from qile_api.seed.assessment import seed_assessment_demo
from qile_api.seed.calendar import SAT, SHANGHAI, SUN, THU, WED, coming, local

# The demo data tables below are kept one row a line, as data reads best.
# fmt: off
# Which pilot shows which theme in the demo (staff choose this for real).
DEMO_THEMES: dict[str, str] = {
    "工盛社区": "love", "齐悦国际社区": "love", "凤鸣社区": "love", "芦湖社区": "love",
    "柳毅社区": "virtue", "山水缘社区": "virtue", "荣和社区": "virtue", "怡康社区": "virtue",
    "城里社区": "beauty", "正齐社区": "beauty", "紫悦城社区": "beauty", "银泰城社区": "beauty",
    "珑山社区": "health", "淄江社区": "health", "高苑社区": "health", "城南社区": "health",
    "华侨城社区": "labour", "盛世康城社区": "labour", "柳泉社区": "labour", "鑫盛嘉园社区": "labour",
}

# (key, scope name, category, title, body, priority, urgent, days shown)
NOTICES: tuple[tuple[str, str, str, str, str, int, bool, int], ...] = (
    ("n-fraud", "淄博市", "ANTI_FRAUD", "警惕冒充客服退款诈骗",
     "近期冒充电商客服以“退款”“理赔”为由实施诈骗的案件多发。凡是要求下载陌生软件、"
     "开启屏幕共享、向“安全账户”转账的，都是诈骗！如有疑问请拨打全国反诈专线96110，"
     "或向社区民警咨询。守好钱袋子，一家人都安心。", 90, False, 10),
    ("n-voice", "淄博市", "POLICY", "“党的声音进万家”理论宣讲进社区",
     "市委宣传部组织理论宣讲团深入社区，围绕社会主义核心价值观、美德健康新生活等主题，"
     "以群众喜闻乐见的方式开展宣讲。欢迎居民朋友到新时代文明实践站参加。", 60, False, 30),
    ("n-funds", "张店区", "ANTI_FRAUD", "远离非法集资 守护养老钱",
     "以“高息理财”“养老项目”“保健品投资”为名吸收资金的，多为非法集资。"
     "投资理财请选择正规金融机构，发现线索请向区防范非法集资办公室举报。", 70, False, 30),
    ("n-college", "车站街道", "ELDERLY_EDUCATION", "家门口老年大学{term}开始报名",
     "书法、太极拳、智能手机使用、合唱四个班开始报名，每班限30人，免费。"
     "报名地点：社区党群服务中心一楼服务台，报名时请携带身份证。", 50, False, 20),
    ("n-water", "工盛社区", "SERVICE", "3号楼周四上午停水检修",
     "因供水管道检修，本周四8:00至12:00，3号楼、4号楼暂停供水，请居民提前储水。"
     "给您带来不便，敬请谅解。联系电话：社区服务站。", 40, False, 5),
    ("n-health", "工盛社区", "HEALTH", "{season}心理健康与慢病防治讲座",
     "社区卫生服务站医生将讲解高血压、糖尿病日常管理，并开展免费血压血糖测量。"
     "心理咨询师现场提供心理疏导服务。", 30, False, 14),
    ("n-jobs", "工盛社区", "JOBS", "家门口的人社服务站：本月岗位推送",
     "辖区企业招聘收银员、保洁员、养老护理员、电工等岗位共42个。"
     "技能培训：养老护理员（初级）免费培训班开班在即，详情请到服务站咨询。", 35, False, 20),
    ("n-volunteer", "柳毅社区", "VOLUNTEER", "学雷锋志愿服务队招募新队员",
     "社区志愿服务队招募义务理发、家电维修、助老陪伴志愿者。"
     "每月第二个周六在文明实践站集中服务，欢迎报名。", 30, False, 30),
)

# (key, community, title, subject kind, name, citation, years before this one)
HONOURS: tuple[tuple[str, str, str, str, str, str, int], ...] = (
    ("h-1", "工盛社区", "好邻居", "PERSON", "王秀兰",
     "十年如一日照顾独居的邻居李大爷，每天送饭、陪聊，带他看病复查，"
     "邻里们都说：“远亲不如近邻，王大姐就是我们的亲人。”", 1),
    ("h-2", "工盛社区", "好楼长", "PERSON", "张建国",
     "退休后主动担任5号楼楼长，组织楼道清理、加装扶手，"
     "调解邻里矛盾二十余起，让楼道变成了“最美楼道”。", 1),
    ("h-3", "工盛社区", "文明家庭", "HOUSEHOLD", "刘志强家庭",
     "三代同堂，孝老爱亲，坚持每周家庭阅读打卡，家风家训代代相传。", 1),
    ("h-4", "工盛社区", "美德诚信商户", "MERCHANT", "老街坊便民超市",
     "明码标价、童叟无欺，为社区老人免费送货上门，连续三年零投诉。", 1),
    ("h-5", "柳毅社区", "身边好人", "PERSON", "陈红梅",
     "社区卫生服务站护士，下班后义务为行动不便的老人上门测血压、换药。", 1),
    ("h-6", "柳毅社区", "好媳妇", "PERSON", "赵丽",
     "悉心照料瘫痪在床的婆婆八年，被邻里称为“最美儿媳”。", 2),
    ("h-7", "张店区", "信用达人", "PERSON", "孙海涛",
     "诚信经营、按时履约，积极参与“信易贷”应用场景推广。", 1),
)

# (key, scope, theme, category, title, venue, on this weekday (None: any), at least days ahead,
#  local start, hours, organiser, large): weekend events on weekends, evening ones in the evening.
EVENTS: tuple[tuple[str, str, str | None, str, str, str, int | None, int, time, float, str, bool], ...] = (
    ("e-neighbour", "工盛社区", "love", "NEIGHBOUR_FESTIVAL", "第三届邻居节暨百家宴",
     "社区文化广场", SAT, 1, time(10, 0), 3, "工盛社区居委会", True),
    ("e-tea", "工盛社区", "love", "AFTERNOON_TEA", "周末下午茶：邻里茶话会",
     "党群服务中心二楼", SUN, 1, time(15, 0), 2, "工盛社区居委会", False),
    ("e-reading", "工盛社区", "virtue", "READING", "亲子阅读打卡分享会",
     "社区图书阅览室", None, 1, time(19, 0), 1.5, "社区家长学校", False),
    ("e-recite", "车站街道", "virtue", "RECITATION", "经典诵读大赛（街道赛）",
     "车站街道文化中心", SAT, 8, time(9, 0), 3, "车站街道办事处", True),
    ("e-fitness", "工盛社区", "health", "FITNESS", "全民健身广场舞展演",
     "社区文化广场", None, 3, time(18, 30), 1.5, "社区文体团队", False),
    ("e-jobs", "工盛社区", "labour", "RECRUITMENT", "家门口招聘会",
     "党群服务中心一楼", WED, 2, time(9, 0), 3, "家门口的人社服务站", False),
    ("e-lecture", "柳毅社区", "health", "LECTURE", "防范电信诈骗主题讲座",
     "新时代文明实践站", THU, 1, time(15, 0), 1.5, "社区民警", False),
    ("e-market", "柳毅社区", "virtue", "MARKET", "美德健康新市集",
     "社区广场", SAT, 5, time(9, 0), 3, "柳毅社区居委会", True),
)

# The district's "我们的节日" event, for the next festival: (festival, days before it, title, local start, hours).
FESTIVAL_EVENTS: dict[str, tuple[int, str, time, float]] = {
    "春节": (5, "“我们的节日·春节”写春联送福字", time(9, 0), 3),
    "元宵": (0, "“我们的节日·元宵”猜灯谜闹元宵", time(18, 30), 2),
    "端午": (1, "“我们的节日·端午”包粽子迎端午", time(9, 0), 3),
    "中秋": (1, "“我们的节日·中秋”邻里共赏月", time(19, 0), 2),
    "重阳": (0, "“我们的节日·重阳”敬老活动", time(9, 0), 3),
}
FESTIVAL_EVENT = ("e-festival", "张店区", "OUR_FESTIVALS", "区文化馆", "张店区委宣传部")

# (key, community, kind, name, location)
SCREENS: tuple[tuple[str, str, str, str, str], ...] = (
    ("s-gongsheng-bulletin", "工盛社区", "BULLETIN", "大厅东屏", "党群服务中心一楼大厅"),
    ("s-gongsheng-gallery", "工盛社区", "GALLERY", "好人长廊北屏", "社区文化长廊"),
    ("s-liuyi-bulletin", "柳毅社区", "BULLETIN", "阅报栏一号屏", "小区南门"),
    ("s-liuyi-gallery", "柳毅社区", "GALLERY", "好人长廊", "新时代文明实践站门口"),
)

# fmt: on


async def _region(db: Executor, name: str) -> int:
    region_id = await sql.region_named(db, name)
    if region_id is None:
        raise LookupError(f"demo content needs region {name}: run the reference seed first")
    return region_id


def seasonal(title: str, today: date) -> str:
    """A notice's title for the time of year: the next term of the elderly college, this season's lecture."""
    spring_next = today.month >= 9 or today.month <= 2
    return title.format(term="春季班" if spring_next else "秋季班", season="秋冬季" if spring_next else "春夏季")


async def _event(
    db: Executor, key: str, scope: str, theme: str | None, category: str, title: str, venue: str,
    starts: datetime, hours: float, organiser: str, large: bool,
) -> None:
    region_id = await _region(db, scope)
    ends = starts + timedelta(hours=hours)
    await sql.upsert_demo_event(db, key, region_id, theme, category, title, venue, starts, ends, organiser, large)


async def seed_demo(db: Executor, now: datetime | None = None) -> dict[str, int]:
    now = now or datetime.now(SHANGHAI)
    today = now.astimezone(SHANGHAI).date()

    for community, theme in DEMO_THEMES.items():
        await sql.choose_theme(db, community, theme)

    for key, scope, category, title, body, priority, urgent, days in NOTICES:
        await sql.upsert_demo_notice(
            db,
            key,
            await _region(db, scope),
            category,
            seasonal(title, today),
            body,
            priority,
            urgent,
            local(today - timedelta(days=1), time(0, 0)),
            local(today + timedelta(days=days), time(0, 0)),
        )

    for key, community, title, kind, name, citation, years_ago in HONOURS:
        region_id = await _region(db, community)
        await sql.insert_demo_honour(db, key, region_id, title, kind, name, citation, today.year - years_ago)

    events = 0
    for key, scope, event_theme, category, title, venue, weekday, days, at, hours, organiser, large in EVENTS:
        starts = local(coming(today, weekday, days), at)
        await _event(db, key, scope, event_theme, category, title, venue, starts, hours, organiser, large)
        events += 1
    if (upcoming := next_festival(today)) is not None:
        name, day = upcoming
        before, title, at, hours = FESTIVAL_EVENTS[name]
        key, scope, category, venue, organiser = FESTIVAL_EVENT
        starts = local(max(day - timedelta(days=before), today + timedelta(days=1)), at)
        await _event(db, key, scope, None, category, title, venue, starts, hours, organiser, True)
        events += 1

    for key, community, kind, name, location in SCREENS:
        await sql.insert_demo_screen(db, key, await _region(db, community), kind, name, location)

    assessed = await seed_assessment_demo(db, now)
    return {
        **assessed,
        "notices": len(NOTICES),
        "honours": len(HONOURS),
        "events": events,
        "screens": len(SCREENS),
    }
