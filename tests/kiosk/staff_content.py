"""Content at the longest the API accepts, made as staff make it: GraphQL mutations on a real API process.

Every length comes from qile_api.limits (the one place the API keeps them), so
a limit raised there is at once the length these screens are tested with.
A district, subdistrict and community of their own (names at the longest)
hold a bulletin and a gallery screen with the longest name and place, a
2,000-character notice, an urgent notice (not exclusive: the rest of the
rotation keeps its share), eight events and an honour for a name starting
with 𪚥 (CJK Extension B, which the primary font lacks). A second community
with a screen and nothing to show stands ready for the standby screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import cycle, islice
from typing import Any

import httpx
from strawberry.relay import to_base64

from qile_api import limits
from qile_api.db.database import Database
from qile_api.reference.pilots import CITY_NAME
from qile_kiosk.feed import SHANGHAI
from tests.api import factories as f
from tests.api import staff
from tests.kiosk.maxed import NAME

# Running text with many different characters (some 250), so that a character set read back
# by OCR says something about what was drawn; with commas and full stops, no newlines.
PROSE = (
    "为丰富居民精神文化生活，社区党群服务中心定于每周六上午举办邻里读书会，欢迎老人和孩子一同参加。"
    "近期天气转凉，请各楼栋居民检查燃气灶具与热水器，发现异味立即开窗通风并拨打抢修电话。"
    "志愿者服务队招募新成员，内容包括环境清扫、垃圾分类宣传、独居老人探访及便民理发。"
    "健康讲座将邀请市中心医院专家讲解高血压糖尿病防治知识，现场提供免费测量血糖服务。"
    "小区东门停车场改造期间车辆请绕行北门，给大家带来不便敬请谅解，感谢理解与支持。"
    "文明家庭评选活动开始报名，请符合条件的家庭携带户口簿到居委会登记，截止日期见公告栏。"
)


def text(length: int, lead: str = "") -> str:
    """`length` characters of PROSE after `lead`, ending on a character (never punctuation)."""
    body = lead + "".join(islice(cycle(PROSE), length - len(lead)))
    return body[:-1] + "终" if body[-1] in "，。、" else body


@dataclass(frozen=True)
class Content:
    """What the staff made: the values each screen must show whole, and the screens' tokens."""

    district: str
    subdistrict: str
    community: str
    bulletin: tuple[str, str, str]  # token, name, location
    gallery: tuple[str, str, str]
    empty_community: str
    standby: tuple[str, str, str]  # a screen of the community with nothing to show
    notice: dict[str, str]  # title, body
    urgent: dict[str, str]
    events: list[dict[str, str]]  # title, venue
    honour: dict[str, str]  # title, subjectName, citation


class Desk:
    """Staff of the test's own regions, signed in, calling a real API process."""

    def __init__(self, http: httpx.AsyncClient, admin: str) -> None:
        self.http, self.admin = http, admin
        self.editor = self.reviewer = ""

    async def call(self, name: str, input_type: str, token: str, fields: str, /, **input: Any) -> dict[str, Any]:
        errors = "errors { code field message }"
        doc = f"mutation($input: {input_type}!) {{ {name}(input: $input) {{ {fields} {errors} }} }}"
        body = (
            await self.http.post(
                "/graphql",
                json={"query": doc, "variables": {"input": input}},
                headers={"Authorization": f"Bearer {token}"},
            )
        ).json()
        assert "errors" not in body, body
        payload: dict[str, Any] = body["data"][name]
        assert payload["errors"] == [], (name, payload["errors"])
        return payload

    async def region(self, name: str, input_type: str, key: str, /, **input: Any) -> str:
        return str((await self.call(name, input_type, self.admin, f"{key} {{ id }}", **input))[key]["id"])

    async def screen(self, community: str, kind: str, name: str, location: str, /) -> tuple[str, str, str]:
        payload = await self.call(
            "screenRegister",
            "ScreenRegisterInput",
            self.admin,
            "token",
            community=community,
            kind=kind,
            name=name,
            location=location,
        )
        return str(payload["token"]), name, location

    async def publish(self, kind: str, input_type: str, /, **input: Any) -> dict[str, Any]:
        """Written by the editor, submitted, approved by a reviewer (an honour's consent recorded first)."""
        fields = f"{kind} {{ id version }}"
        made = (await self.call(f"{kind}Create", input_type, self.editor, fields, **input))[kind]
        if kind == "honour":
            given = (datetime.now(UTC) - timedelta(days=1)).isoformat()
            made = (
                await self.call(
                    "honourConsentRecord",
                    "ConsentInput",
                    self.editor,
                    fields,
                    id=made["id"],
                    version=made["version"],
                    givenBy=input["subjectName"],
                    givenAt=given,
                    method="书面签字",
                )
            )[kind]
        submitted = (await self.call(f"{kind}Submit", "ReviewInput", self.editor, fields, **made))[kind]
        return (await self.call(f"{kind}Approve", "ReviewInput", self.reviewer, fields, **submitted))[kind]  # type: ignore[no-any-return]


def event_days(now: datetime) -> list[datetime]:
    """Starts of eight events on the first day from tomorrow whose day of the month has two digits
    (the widest dates: "11月30日 周一"), inside the feed's horizon of 14 days, hours apart."""
    day = (now.astimezone(SHANGHAI) + timedelta(days=1)).replace(hour=8, minute=0, second=0, microsecond=0)
    while day.day < 10:
        day += timedelta(days=1)
    return [day + timedelta(hours=i) for i in range(8)]


async def make_content(db: Database, api_url: str) -> Content:
    admin = await staff.staff(db, "fit-admin", "ADMIN", CITY_NAME)
    async with httpx.AsyncClient(base_url=api_url, timeout=30.0) as http:
        desk = Desk(http, admin)
        city = to_base64("City", await f.region_id(db, CITY_NAME))
        names = [text(limits.REGION_NAME.max, lead) for lead in ("张店", "车站", "工盛", "柳毅")]
        district = await desk.region("districtCreate", "DistrictCreateInput", "district", city=city, name=names[0])
        subdistrict = await desk.region(
            "subdistrictCreate",
            "SubdistrictCreateInput",
            "subdistrict",
            district=district,
            name=names[1],
            kind="STREET",
        )
        community, empty = [
            await desk.region(
                "communityCreate",
                "CommunityCreateInput",
                "community",
                subdistrict=subdistrict,
                name=name,
                theme="LABOUR",
            )
            for name in names[2:]
        ]
        desk.editor = await staff.staff(db, "fit-editor", "EDITOR", names[2])
        desk.reviewer = await staff.staff(db, "fit-reviewer", "REVIEWER", names[1])

        def where(lead: str) -> tuple[str, str]:
            return text(limits.SCREEN_NAME.max, lead), text(limits.SCREEN_LOCATION.max, "一楼" + lead)

        bulletin = await desk.screen(community, "BULLETIN", *where("大厅"))
        gallery = await desk.screen(community, "GALLERY", *where("长廊"))
        standby = await desk.screen(empty, "BULLETIN", *where("门厅"))

        now = datetime.now(UTC)
        notice = {"title": text(limits.NOTICE_TITLE.max, "【通知】"), "body": text(limits.NOTICE_BODY.max, "😀")}
        await desk.publish(
            "notice",
            "NoticeCreateInput",
            scope=community,
            category="SERVICE",
            displayStart=(now - timedelta(minutes=5)).isoformat(),
            **notice,
        )
        urgent = {"title": text(limits.NOTICE_TITLE.max, "燃气抢修"), "body": text(300, "请勿使用明火")}
        made = (
            await desk.call(
                "noticeCreate",
                "NoticeCreateInput",
                desk.editor,
                "notice { id version }",
                scope=community,
                category="SERVICE",
                urgent=True,
                displayStart=(now - timedelta(minutes=5)).isoformat(),
                displayEnd=(now + timedelta(hours=3)).isoformat(),
                **urgent,
            )
        )["notice"]
        await desk.call("noticePublishUrgent", "ReviewInput", desk.reviewer, "notice { id }", **made)
        events = []
        for i, start in enumerate(event_days(now)):
            event = {
                "title": text(limits.EVENT_TITLE.max, f"第{i + 1}场"),
                "venue": text(limits.EVENT_VENUE.max, "党群"),
            }
            await desk.publish(
                "event",
                "EventCreateInput",
                scope=community,
                category="NEIGHBOUR_FESTIVAL",
                startsAt=start.isoformat(),
                endsAt=(start + timedelta(hours=2)).isoformat(),
                organiser=text(limits.EVENT_ORGANISER.max),
                largeScale=i % 2 == 0,
                **event,
            )
            events.append(event)
        honour = {
            "title": text(limits.HONOUR_TITLE.max, "最美"),
            "subjectName": NAME,
            "citation": text(limits.HONOUR_CITATION.max, "十年如一日"),
        }
        await desk.publish("honour", "HonourCreateInput", scope=community, subjectKind="PERSON", year=2026, **honour)
    return Content(names[0], names[1], names[2], bulletin, gallery, names[3], standby, notice, urgent, events, honour)
