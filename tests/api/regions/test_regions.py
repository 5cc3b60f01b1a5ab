"""The region tree and the themes, as developers query them."""

from __future__ import annotations

from tests.api.conftest import Api

TREE = """
{
  districts {
    id name
    subdistricts { name kind communities { name pilot pilotNo theme { key } } }
  }
}
"""

THEMES = "{ themes { key name kind label linesOfWork leadUnits responsibleUnits } }"


async def test_the_pilot_tree_has_ten_districts_and_twenty_pilots(api: Api) -> None:
    body = await api.gql(TREE)

    districts = body["data"]["districts"]
    names = [d["name"] for d in districts]
    assert len(names) == 10
    # 经开区 and 经济开发区 are one district
    assert "经济开发区" in names and "经开区" not in names
    communities = [
        c for d in districts for s in d["subdistricts"] for c in s["communities"]
    ]
    assert len(communities) == 20
    assert sorted(c["pilotNo"] for c in communities) == list(range(1, 21))
    jingkai = next(d for d in districts if d["name"] == "经济开发区")
    (fujia,) = jingkai["subdistricts"]
    assert fujia["name"] == "傅家镇" and fujia["kind"] == "TOWN"
    assert sorted(c["name"] for c in fujia["communities"]) == ["盛世康城社区", "鑫盛嘉园社区"]


async def test_tian_zhen_jiedao_is_a_street_not_a_town(api: Api) -> None:
    body = await api.gql(TREE)
    gaoqing = next(d for d in body["data"]["districts"] if d["name"] == "高青县")
    kinds = {s["name"]: s["kind"] for s in gaoqing["subdistricts"]}
    assert kinds == {"芦湖街道": "STREET", "田镇街道": "STREET"}


async def test_nested_tree_costs_a_constant_number_of_queries(api: Api) -> None:
    before = api.queries
    await api.gql(TREE)
    # districts, their subdistricts (one batch), their communities (one batch)
    assert api.queries - before == 3


async def test_themes_as_in_the_plan(api: Api) -> None:
    themes = (await api.gql(THEMES))["data"]["themes"]

    assert [t["label"] for t in themes] == [
        "齐有爱·文明社区",
        "齐养德·德育社区",
        "齐育美·和美社区",
        "齐健康·康养社区",
        "齐劳动·活力社区",
    ]
    love = themes[0]
    assert love["key"] == "LOVE"
    assert love["linesOfWork"] == ["社区关爱", "邻里互爱", "家庭有爱"]
    assert love["leadUnits"] == ["市委组织部", "市委宣传部", "市委政法委", "市妇联"]
    assert all(len(t["linesOfWork"]) == 3 for t in themes)


async def test_community_by_global_id_and_its_ancestors(api: Api) -> None:
    page = await api.gql('{ communities(filter: {name: "工盛社区"}) { nodes { id } } }')
    (node,) = page["data"]["communities"]["nodes"]

    body = await api.gql(
        "query($id: ID!) { node(id: $id) { ... on Community { name subdistrict { name } district { name } } } }",
        {"id": node["id"]},
    )

    assert body["data"]["node"] == {
        "name": "工盛社区",
        "subdistrict": {"name": "车站街道"},
        "district": {"name": "张店区"},
    }
