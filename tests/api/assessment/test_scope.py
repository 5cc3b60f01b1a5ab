"""Who may see which assessments: staff, inside their scope, in GraphQL and in the export."""

from __future__ import annotations

import httpx

from tests.api import staff
from tests.api.assessment import records as r
from tests.api.conftest import Api

PROGRAMME = "{ pilotProgramme(year: 2026) { pilots { community { name } } } }"
VIA_COMMUNITY = (
    '{ communities(filter: {name: "%s"}) { nodes { assessment(year: 2026) { counts { met unknown total } } } } }'
)


def code(body: dict) -> str | None:  # type: ignore[type-arg]
    errors = body.get("errors") or []
    return errors[0]["extensions"]["code"] if errors else None


async def test_assessments_are_for_staff_inside_their_scope(api: Api) -> None:
    community = await staff.staff(api.db, "gongsheng", "EDITOR", "工盛社区")
    district = await staff.staff(api.db, "zhangdian", "REVIEWER", "张店区")
    mine, beside = await r.community_gid(api, "工盛社区"), await r.community_gid(api, "柳毅社区")
    query = r.ASSESSMENT

    assert code(await api.gql(query, {"community": mine, "year": 2026}, token=community)) is None
    assert code(await api.gql(query, {"community": beside, "year": 2026}, token=community)) == "FORBIDDEN"
    assert code(await api.gql(query, {"community": beside, "year": 2026}, token=district)) is None
    api.default_token = None
    assert code(await api.gql(query, {"community": mine, "year": 2026})) == "UNAUTHENTICATED"


async def test_the_community_field_follows_the_same_rule(api: Api) -> None:
    community = await staff.staff(api.db, "gongsheng", "EDITOR", "工盛社区")

    mine = await api.gql(VIA_COMMUNITY % "工盛社区", token=community)
    beside = await api.gql(VIA_COMMUNITY % "柳毅社区", token=community)

    assert code(mine) is None
    # Nothing recorded yet: every criterion is UNKNOWN, none counted as met.
    assert mine["data"]["communities"]["nodes"][0]["assessment"]["counts"] == {"met": 0, "unknown": 30, "total": 30}
    assert code(beside) == "FORBIDDEN"


async def test_the_programme_lists_the_pilots_inside_the_scope(api: Api) -> None:
    district = await staff.staff(api.db, "zhangdian", "REVIEWER", "张店区")

    city = await api.gql(PROGRAMME)  # the suite's city reviewer
    mine = await api.gql(PROGRAMME, token=district)

    assert len(city["data"]["pilotProgramme"]["pilots"]) == 20
    assert {p["community"]["name"] for p in mine["data"]["pilotProgramme"]["pilots"]} == {
        "工盛社区",
        "齐悦国际社区",
        "柳毅社区",
        "城南社区",
    }


async def test_the_export_needs_a_token_and_stays_in_scope(api: Api) -> None:
    subdistrict = await staff.staff(api.db, "chezhan", "ADMIN", "车站街道")
    transport = httpx.ASGITransport(app=api.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://qile.test") as client:

        async def export(token: str | None, **params: str) -> httpx.Response:
            headers = {"Authorization": f"Bearer {token}"} if token else {}
            return await client.get("/reports/assessment.csv", params={"year": "2026", **params}, headers=headers)

        anonymous = await export(None)
        above = await export(subdistrict, district="张店区")
        own = await export(subdistrict)

    assert anonymous.status_code == 401
    assert above.status_code == 403
    assert own.status_code == 200
    names = {line.split(",")[2] for line in own.text.splitlines()[1:]}
    assert names == {"工盛社区", "城南社区"}
